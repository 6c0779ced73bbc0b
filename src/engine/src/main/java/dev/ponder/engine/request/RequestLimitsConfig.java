package dev.ponder.engine.request;

import io.smallrye.config.WithDefault;

/**
 * The bounds and defaults of a search request, {@code ponder.api.*}: what the API checks every request and batch line
 * against, and what the bucket trigger checks a batch file's lines against, so a line is valid through every front
 * door or through none. Deliberately not a {@code @ConfigMapping} itself (as {@code CloudPipelineConfig}): each app
 * maps the prefix once, with its own keys beside these.
 */
public interface RequestLimitsConfig {

    /** Longest problem text, in characters (Unicode code points). Defaults to 16000, far past any MATH problem. */
    @WithDefault("16000")
    int maxProblemChars();

    /** Longest gold answer, in characters. Defaults to 1000. */
    @WithDefault("1000")
    int maxAnswerChars();

    /**
     * Largest budget n any tenant may ask for (a tenant's {@code max_n} quota may be lower). At most the core's
     * 4096. Defaults to 1024.
     */
    @WithDefault("1024")
    int maxN();

    /** Largest beam width m. At most the core's 256. Defaults to 64. */
    @WithDefault("64")
    int maxM();

    /** Highest sampling temperature. At most the core's 2. Defaults to 2. */
    @WithDefault("2")
    double maxTemperature();

    /** Largest iteration cap of beam search and DVTS. At most the core's 200. Defaults to 100. */
    @WithDefault("100")
    int maxIterations();

    /** Shortest deadline a search may ask for, in seconds. Defaults to 10. */
    @WithDefault("10")
    int minDeadlineSeconds();

    /** Longest deadline a search may ask for, in seconds (the pipeline's own default applies when none is asked). Defaults to 86400 (a day). */
    @WithDefault("86400")
    int maxDeadlineSeconds();

    /**
     * Largest seed: 2^53 - 1, the largest integer a JavaScript client reads back exactly. Defaults to
     * {@code 9007199254740991}.
     */
    @WithDefault("9007199254740991")
    long maxSeed();

    /** The strategy of a request that names none. Defaults to {@code beam}. */
    @WithDefault("beam")
    String defaultStrategy();

    /** The budget n of a request that gives none. Defaults to 16. */
    @WithDefault("16")
    int defaultN();

    /** The policy profile ({@code ponder.models.<name>}) of a request that names none. Defaults to {@code sim}. */
    @WithDefault("sim")
    String defaultPolicy();

    /** The PRM profile of a request that names none. Defaults to {@code sim-prm}. */
    @WithDefault("sim-prm")
    String defaultPrm();

    /** The request parser's bounds and defaults: the keys above (a default method, so not a key itself). */
    default SearchRequestParser.Limits requestLimits() {
        return new SearchRequestParser.Limits(maxProblemChars(), maxAnswerChars(), maxN(), maxM(), maxTemperature(),
                maxIterations(), minDeadlineSeconds(), maxDeadlineSeconds(), maxSeed(), defaultStrategy(), defaultN(),
                defaultPolicy(), defaultPrm());
    }
}
