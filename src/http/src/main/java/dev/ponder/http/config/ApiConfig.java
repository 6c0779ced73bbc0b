package dev.ponder.http.config;

import dev.ponder.engine.request.RequestLimitsConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * The API's limits and defaults, {@code ponder.api.*}: every bound a request is validated against (the request keys
 * are {@link RequestLimitsConfig}'s, shared with the bucket trigger). A tenant's own
 * quotas (concurrent searches, n, tokens a month, requests a second) are the engine's and apply on top of these. The
 * transport's body limit is {@code quarkus.http.limits.max-body-size}.
 */
@ConfigMapping(prefix = "ponder.api")
public interface ApiConfig extends RequestLimitsConfig {

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
}
