package dev.ponder.cli.pipeline;

import dev.ponder.cli.models.ModelChoice;
import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.RewardModel;
import dev.ponder.engine.model.ModelProfile;
import dev.ponder.engine.stage.Models;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models the stage services call, by the profile name each search stores: first the profiles this command
 * chose (an ad-hoc {@code --policy-url} profile exists only here), else the configured profile of that name, so
 * searches another command submitted to the same store run too. One client per profile, reused by every search,
 * so its bulkhead and circuit breaker see all the traffic to its endpoint.
 */
public final class ProfileModels implements Models {

    private final ModelChoice choice;
    private final Map<String, ModelProfile> chosen = new ConcurrentHashMap<>();
    private final Map<String, PolicyModel> policies = new ConcurrentHashMap<>();
    private final Map<String, RewardModel> prms = new ConcurrentHashMap<>();

    public ProfileModels(ModelChoice choice, ModelProfile policy, ModelProfile prm) {
        this.choice = choice;
        chosen.put(policy.name(), policy);
        chosen.put(prm.name(), prm);
    }

    @Override
    public PolicyModel policy(String profile) {
        return policies.computeIfAbsent(profile, name -> choice.policy(profile(name)));
    }

    @Override
    public RewardModel prm(String profile) {
        return prms.computeIfAbsent(profile, name -> choice.prm(profile(name)));
    }

    private ModelProfile profile(String name) {
        ModelProfile own = chosen.get(name);
        return own != null ? own : choice.named(name);
    }
}
