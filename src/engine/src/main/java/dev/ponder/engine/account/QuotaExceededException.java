package dev.ponder.engine.account;

import java.time.Duration;
import java.util.Optional;

/** A request over one of its tenant's quotas (HTTP 429): which quota, its limit, and when to try again. */
public final class QuotaExceededException extends RuntimeException {

    private final String quota;
    private final long limit;
    private final Duration retryAfter;

    /**
     * @param quota      {@code max_concurrent}, {@code max_n}, {@code monthly_tokens} or {@code requests_per_second}
     * @param limit      the tenant's limit
     * @param retryAfter how long until it may succeed, or {@code null} when waiting does not help
     * @param message    what was asked, against the limit
     */
    public QuotaExceededException(String quota, long limit, Duration retryAfter, String message) {
        super(message);
        this.quota = quota;
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public String quota() {
        return quota;
    }

    public long limit() {
        return limit;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
