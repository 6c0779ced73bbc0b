package dev.ponder.functions.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.RewardModel;
import dev.ponder.engine.client.PolicyClient;
import dev.ponder.engine.cloud.ModelSecrets;
import dev.ponder.engine.client.PrmClient;
import dev.ponder.engine.model.ModelProfile;
import dev.ponder.engine.model.ModelProfiles;
import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.engine.stage.Models;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The model endpoints a search names, from the profiles {@code ponder.models.<name>.*}: one client per profile name
 * for the life of the Lambda instance, so its circuit breaker and bulkhead see every call to that endpoint.
 * A function has no embedded simulator: every profile it serves needs a URL. API keys come from the models secret
 * ({@link ModelSecrets}) or the environment.
 */
@Singleton
class ConfiguredModels implements Models {

    private final ModelsConfig config;
    private final MeterRegistry meters;
    private final PipelineConfig pipeline;
    private final ObjectMapper json;
    private Map<String, String> secret;
    private final Map<String, PolicyModel> policies = new ConcurrentHashMap<>();
    private final Map<String, RewardModel> prms = new ConcurrentHashMap<>();

    @Inject
    ConfiguredModels(ModelsConfig config, MeterRegistry meters, PipelineConfig pipeline, ObjectMapper json) {
        this.config = config;
        this.meters = meters;
        this.pipeline = pipeline;
        this.json = json;
    }

    @Override
    public PolicyModel policy(String profile) {
        return policies.computeIfAbsent(profile, name -> new PolicyClient(profile(name), meters, environment()));
    }

    @Override
    public RewardModel prm(String profile) {
        return prms.computeIfAbsent(profile, name -> new PrmClient(profile(name), meters, environment()));
    }

    /**
     * The models secret, read once per instance when its first model client is made: only sample and score call
     * models, so only they read it (and only they may).
     */
    private synchronized Map<String, String> secret() {
        if (secret == null) {
            secret = ModelSecrets.entries(pipeline, json);
        }
        return secret;
    }

    private UnaryOperator<String> environment() {
        return ModelSecrets.over(secret(), System::getenv);
    }

    private ModelProfile profile(String name) {
        return ModelSecrets.keyed(ModelProfiles.of(config, name, () -> {
            throw new IllegalArgumentException("model profile " + name + " needs a url: set ponder.models." + name
                    + ".url; the functions have no embedded simulator");
        }), secret());
    }
}
