package dev.ponder.engine.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.model.ModelProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The model endpoints' API keys in the cloud: one Secrets Manager secret, a JSON object of string entries, read once.
 * An entry named after a profile is that profile's key ({@code {"llama-3.2-1b-instruct": "..."}}, the form
 * {@code infra/}'s GPU instance reads too); any other entry stands for an environment variable a profile's
 * {@code api-key-env} may name. No key sits in the Lambda's environment, where anyone allowed to read the function's
 * configuration could see it.
 */
public final class ModelSecrets {

    private ModelSecrets() {
    }

    /** The secret's entries, or none when {@code ponder.pipeline.models-secret} is not set. */
    public static Map<String, String> entries(CloudPipelineConfig config, ObjectMapper json) {
        if (config.modelsSecret().isEmpty()) {
            return Map.of();
        }
        try (SecretsManagerClient client = CloudClients.secretsManager(config)) {
            return read(client, config.modelsSecret().get(), json);
        }
    }

    /**
     * A profile as the secret completes it: one without {@code api-key-env} whose name is an entry takes that entry
     * as its key (its {@code api-key-env} becomes its own name, which {@link #over} resolves to the entry).
     */
    public static ModelProfile keyed(ModelProfile profile, Map<String, String> entries) {
        return profile.apiKeyEnv() == null && entries.containsKey(profile.name())
                ? profile.toBuilder().apiKeyEnv(profile.name()).build() : profile;
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

    /** What model clients read API keys through: the entries first, then {@code fallback} (the environment). */
    public static UnaryOperator<String> over(Map<String, String> entries, UnaryOperator<String> fallback) {
        return name -> entries.containsKey(name) ? entries.get(name) : fallback.apply(name);
    }
}
