package dev.ponder.engine.client;

import java.time.Duration;

/**
 * A model endpoint call failed. The message names the endpoint (role and URL), what went wrong, and for HTTP
 * errors the server's own message; it never holds the API key. {@link #kind()} says which kind of failure it was,
 * and so whether it was retried and whether it counted against the circuit breaker.
 */
public final class EndpointException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** The connection could not be made or broke (refused, reset, unknown host). Retried. */
        CONNECTION(true, true, "connection"),
        /** No complete response within the profile's timeout. Not retried; counts against the circuit. */
        TIMEOUT(false, true, "timeout"),
        /** HTTP 429: the server is overloaded. Retried, honouring {@code Retry-After}. */
        RATE_LIMITED(true, true, "http_429"),
        /** HTTP 5xx. Retried. */
        SERVER_ERROR(true, true, "http_5xx"),
        /** Any other HTTP 4xx: the request is wrong; sending it again cannot help. Never retried. */
        CLIENT_ERROR(false, false, "http_4xx"),
        /** The response could not be read: malformed JSON, a missing field, wrong counts. Not retried. */
        PROTOCOL(false, false, "parse"),
        /** The circuit breaker is open after repeated failures: the call was not attempted. */
        CIRCUIT_OPEN(false, false, "circuit_open"),
        /** The bulkhead's queue is full: the call was not attempted. */
        SATURATED(false, false, "bulkhead_full"),
        /** The profile cannot be used as asked (e.g. its API key variable is unset). */
        CONFIGURATION(false, false, "configuration"),
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED(false, false, "interrupted");

        private final boolean retryable;
        private final boolean circuitFailure;
        private final String tag;

        Kind(boolean retryable, boolean circuitFailure, String tag) {
            this.retryable = retryable;
            this.circuitFailure = circuitFailure;
            this.tag = tag;
        }

        /** Whether a call failing this way is retried. */
        public boolean retryable() {
            return retryable;
        }

        /**
         * Whether the request itself is wrong (a 4xx other than 429, an unreadable answer): delivering the message
         * again would fail the same way, so its search fails at once instead of after every redelivery.
         */
        public boolean permanent() {
            return this == CLIENT_ERROR || this == PROTOCOL;
        }

        /** Whether it counts as a failure for the circuit breaker (the server is unwell, not the request). */
        public boolean circuitFailure() {
            return circuitFailure;
        }

        /** The {@code kind} tag of the errors metric. */
        public String tag() {
            return tag;
        }
    }

    private final Kind kind;
    private final String endpoint;
    private final int status;
    private final Duration retryAfter;

    public EndpointException(Kind kind, String endpoint, int status, Duration retryAfter, String message,
                             Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.endpoint = endpoint;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    EndpointException(Kind kind, String endpoint, String message, Throwable cause) {
        this(kind, endpoint, 0, null, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The endpoint's base URL. */
    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status, or 0 when there was no HTTP response. */
    public int status() {
        return status;
    }

    /** The server's {@code Retry-After}, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
