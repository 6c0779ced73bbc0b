package dev.ponder.functions.config;

import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.RewardModel;
import dev.ponder.engine.client.PolicyClient;
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

/**
 * The model endpoints a search names, from the profiles {@code ponder.models.<name>.*}: one client per profile name
 * for the life of the Lambda instance, so its circuit breaker and bulkhead see every call to that endpoint.
 * A function has no embedded simulator: every profile it serves needs a URL.
 */
@Singleton
class ConfiguredModels implements Models {

    private final ModelsConfig config;
    private final MeterRegistry meters;
    private final Map<String, PolicyModel> policies = new ConcurrentHashMap<>();
    private final Map<String, RewardModel> prms = new ConcurrentHashMap<>();

    @Inject
    ConfiguredModels(ModelsConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    @Override
    public PolicyModel policy(String profile) {
        return policies.computeIfAbsent(profile, name -> new PolicyClient(profile(name), meters));
    }

    @Override
    public RewardModel prm(String profile) {
        return prms.computeIfAbsent(profile, name -> new PrmClient(profile(name), meters));
    }

    private ModelProfile profile(String name) {
        return ModelProfiles.of(config, name, () -> {
            throw new IllegalArgumentException("model profile " + name + " needs a url: set ponder.models." + name
                    + ".url; the functions have no embedded simulator");
        });
    }
}
