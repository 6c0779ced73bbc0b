package dev.ponder.engine.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The model endpoints' API keys in the cloud: one Secrets Manager secret, a JSON object of string entries that stand
 * for environment variables ({@code {"PONDER_POLICY_API_KEY": "..."}}), read once when a function starts. A profile's
 * {@code api-key-env} then names an entry exactly as it would name a variable on a laptop, and no key sits in the
 * Lambda's environment, where anyone allowed to read the function's configuration could see it.
 */
public final class ModelSecrets {

    private ModelSecrets() {
    }

    /**
     * What model clients read API keys through: the secret's entries over the process environment, or the process
     * environment alone when {@code ponder.pipeline.models-secret} is not set.
     */
    public static UnaryOperator<String> environment(CloudPipelineConfig config, ObjectMapper json) {
        if (config.modelsSecret().isEmpty()) {
            return System::getenv;
        }
        try (SecretsManagerClient client = CloudClients.secretsManager(config)) {
            return over(read(client, config.modelsSecret().get(), json), System::getenv);
        }
    }

    /** The entries of secret {@code id}; a clear error if it is not a JSON object of strings. */
    static Map<String, String> read(SecretsManagerClient client, String id, ObjectMapper json) {
        String text = client.getSecretValue(b -> b.secretId(id)).secretString();
        JsonNode root;
        try {
            root = text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException("the models secret " + id + " must hold a JSON object of API keys, "
                    + "{\"PONDER_POLICY_API_KEY\": \"...\"}; it holds something else");
        }
        Map<String, String> entries = new HashMap<>();
        root.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new IllegalStateException("the models secret " + id + ": entry " + e.getKey()
                        + " must be a string (an API key)");
            }
            entries.put(e.getKey(), e.getValue().asText());
        });
        return Map.copyOf(entries);
    }

    /** The entries first, then {@code fallback}. */
    static UnaryOperator<String> over(Map<String, String> entries, UnaryOperator<String> fallback) {
        return name -> entries.containsKey(name) ? entries.get(name) : fallback.apply(name);
    }
}
