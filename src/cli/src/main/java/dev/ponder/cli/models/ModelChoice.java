package dev.ponder.cli.models;

import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.RewardModel;
import dev.ponder.engine.client.PolicyClient;
import dev.ponder.engine.client.PrmClient;
import dev.ponder.engine.model.ModelProfile;
import dev.ponder.engine.model.ModelProfiles;
import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.sim.SimConfig;
import dev.ponder.sim.server.SimServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;

/**
 * The policy and PRM endpoints of one command: named profiles from configuration, or ad-hoc URLs. A profile
 * without a URL is served by the embedded simulator, which this starts on a free loopback port and stops on
 * {@link #close}; so the embedded default goes through exactly the HTTP clients a GPU server would.
 */
public final class ModelChoice implements AutoCloseable {

    /** The simulator's served model names, the defaults of ad-hoc profiles. */
    public static final String SIM_POLICY_MODEL = SimServer.POLICY_MODEL;
    public static final String SIM_PRM_MODEL = SimServer.PRM_MODEL;

    private final ModelsConfig config;
    private final MeterRegistry registry;
    private SimServer embedded;

    public ModelChoice(ModelsConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** The profile called {@code name}, or, with a URL, an ad-hoc profile for it. */
    public ModelProfile profile(String role, String name, String adHocUrl, String adHocModel, String prmFormat) {
        if (adHocUrl != null) {
            return ModelProfile.builder(role, adHocUrl, adHocModel).prmFormat(prmFormat).build();
        }
        if (!config.models().containsKey(name)) {
            throw new IllegalArgumentException("--" + role + " must name a profile of ponder.models (one of "
                    + String.join(", ", config.models().keySet().stream().sorted().toList()) + ") (got " + name + ")");
        }
        return ModelProfiles.of(config, name, () -> simulator().toString());
    }

    /**
     * The configured profile called {@code name}: how the pipeline resolves the profile a stored search names,
     * which another command may have submitted.
     */
    public ModelProfile named(String name) {
        return ModelProfiles.of(config, name, () -> simulator().toString());
    }

    public PolicyModel policy(ModelProfile profile) {
        return new PolicyClient(profile, registry);
    }

    public RewardModel prm(ModelProfile profile) {
        return new PrmClient(profile, registry);
    }

    /** Whether this command started the embedded simulator. */
    public synchronized boolean usesSimulator() {
        return embedded != null;
    }

    /** Synchronized: the pipeline's stage workers resolve profiles concurrently, and one simulator serves all. */
    private synchronized URI simulator() {
        if (embedded == null) {
            embedded = SimServer.start(SimServer.Options.defaults().withPort(0).withConfig(SimConfig.defaults()));
        }
        return embedded.uri();
    }

    @Override
    public synchronized void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
