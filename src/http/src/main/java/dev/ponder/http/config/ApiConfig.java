package dev.ponder.http.config;

import dev.ponder.engine.request.SearchRequestParser;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * The API's limits and defaults, {@code ponder.api.*}: every bound a request is validated against. A tenant's own
 * quotas (concurrent searches, n, tokens a month, requests a second) are the engine's and apply on top of these. The
 * transport's body limit is {@code quarkus.http.limits.max-body-size}.
 */
@ConfigMapping(prefix = "ponder.api")
public interface ApiConfig {

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

    /** Searches per page of {@code GET /v1/searches} when no limit is given. Defaults to 20. */
    @WithDefault("20")
    int defaultListLimit();

    /** Most searches per page of {@code GET /v1/searches}. Defaults to 100. */
    @WithDefault("100")
    int maxListLimit();

    /** Longest range of {@code GET /v1/usage}, in days (inclusive). Defaults to 366, a leap year. */
    @WithDefault("366")
    int maxUsageDays();

    /** Longest {@code Idempotency-Key} header, in characters (printable ASCII only). Defaults to 255. */
    @WithDefault("255")
    int maxIdempotencyKeyChars();

    /**
     * How long {@code POST /v1/chat/completions} waits for its search before answering 504 with the search's id (or,
     * streaming, ending the stream with an error event). Under API Gateway's 29 s integration timeout, so the 504 is
     * ponder's, with the id, not the gateway's. Defaults to 25 s.
     */
    @WithDefault("25s")
    Duration chatWait();

    /**
     * How often a waiting chat completion reads its search (one store read each). Short enough that an answer
     * arrives soon after the search ends, long enough that 25 s of waiting costs 100 reads. Defaults to 250 ms.
     */
    @WithDefault("250ms")
    Duration chatPoll();

    /**
     * The budgets {@code GET /v1/models} lists for each strategy ({@code ponder-beam-16}, ...), those up to
     * {@link #maxN()}; any other {@code ponder-<strategy>-<n>} with a valid n is accepted too. Multiples of 4, so
     * DVTS's default width 4 divides them. Defaults to {@code 4,16,64,256}.
     */
    @WithDefault("4,16,64,256")
    List<Integer> modelBudgets();

    /**
     * Longest body of every route but {@code /v1/batches} (whose lines are limited by {@code ponder.batch.*}), in
     * bytes; a valid search is far smaller. At most {@code quarkus.http.limits.max-body-size}. Defaults to 262144
     * (256 KiB).
     */
    @WithDefault("262144")
    long maxBodyBytes();

    /** The request parser's bounds and defaults: the keys above (a default method, so not a key itself). */
    default SearchRequestParser.Limits requestLimits() {
        return new SearchRequestParser.Limits(maxProblemChars(), maxAnswerChars(), maxN(), maxM(), maxTemperature(),
                maxIterations(), minDeadlineSeconds(), maxDeadlineSeconds(), maxSeed(), defaultStrategy(), defaultN(),
                defaultPolicy(), defaultPrm());
    }
}
