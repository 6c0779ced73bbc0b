package dev.ponder.engine.model;

/** Model profiles from configuration: what the CLI, the functions and the API resolve profile names with. */
public final class ModelProfiles {

    private ModelProfiles() {
    }

    /**
     * The profile {@code name} of {@code config}, served at {@code fallbackUrl} when the profile has no URL (the
     * embedded simulator). Throws {@link IllegalArgumentException} naming the known profiles for an unknown name.
     */
    public static ModelProfile of(ModelsConfig config, String name, java.util.function.Supplier<String> fallbackUrl) {
        ModelsConfig.Model m = config.models().get(name);
        if (m == null) {
            throw new IllegalArgumentException("model profile must be one of " + String.join(", ",
                    config.models().keySet().stream().sorted().toList()) + " (got " + name + ")");
        }
        ModelProfile.Builder b = ModelProfile.builder(name, m.url().orElseGet(fallbackUrl), m.model());
        m.apiKeyEnv().ifPresent(b::apiKeyEnv);
        m.template().ifPresent(b::template);
        m.customTemplate().ifPresent(b::customTemplate);
        m.systemPrompt().ifPresent(b::systemPrompt);
        m.prmFormat().ifPresent(b::prmFormat);
        m.stepTag().ifPresent(b::stepTag);
        m.goodToken().ifPresent(b::goodToken);
        m.badToken().ifPresent(b::badToken);
        m.server().ifPresent(b::server);
        m.timeout().ifPresent(b::timeout);
        m.maxRetries().ifPresent(b::maxRetries);
        m.retryDelay().ifPresent(b::retryDelay);
        m.maxInFlight().ifPresent(b::maxInFlight);
        m.circuitFailures().ifPresent(b::circuitFailures);
        m.circuitDelay().ifPresent(b::circuitDelay);
        m.connectTimeout().ifPresent(b::connectTimeout);
        m.maxRetryDelay().ifPresent(b::maxRetryDelay);
        m.maxQueued().ifPresent(b::maxQueued);
        m.maxBatch().ifPresent(b::maxBatch);
        m.logprobs().ifPresent(b::logprobs);
        return b.build();
    }
}
