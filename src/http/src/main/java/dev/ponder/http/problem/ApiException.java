package dev.ponder.http.problem;

import dev.ponder.engine.request.FieldError;
import dev.ponder.engine.request.RequestException;
import java.util.List;
import java.util.Map;

/**
 * An error the API answers with a problem detail: thrown by resources and services, turned into the response by
 * the exception mappers. Carries the status, the problem type and its title, the detail, the bad fields, and the
 * headers the status asks for ({@code WWW-Authenticate}, {@code Retry-After}).
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;
    private final String searchId;
    private final String location;

    public ApiException(int status, String type, String title, String detail, List<FieldError> errors,
                        Map<String, String> headers) {
        this(status, type, title, detail, errors, headers, null, null);
    }

    private ApiException(int status, String type, String title, String detail, List<FieldError> errors,
                         Map<String, String> headers, String searchId, String location) {
        super(detail);
        this.searchId = searchId;
        this.location = location;
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    /** 400 listing every bad field. */
    public static ApiException invalid(List<FieldError> errors) {
        return invalid(RequestException.summary(errors), errors);
    }

    private static ApiException invalid(String detail, List<FieldError> errors) {
        return new ApiException(400, "urn:ponder:problem:invalid-request", "The request is invalid", detail, errors,
                Map.of());
    }

    /** The 400 (413 when too large) of a request the engine's parsers refused. */
    public static ApiException of(RequestException e) {
        return switch (e.kind()) {
            case MALFORMED -> malformed(e.getMessage());
            case TOO_LARGE -> tooLarge(e.getMessage());
            case INVALID -> invalid(e.getMessage(), e.errors());
        };
    }

    /** 400 for a body that is not JSON at all (no field to name). */
    public static ApiException malformed(String detail) {
        return new ApiException(400, "urn:ponder:problem:malformed-json", "The body is not valid JSON", detail, null,
                Map.of());
    }

    /** 401: no key, an unknown key, or a revoked one; the client learns no more than that. */
    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "urn:ponder:problem:unauthorized", "A valid API key is required", detail, null,
                Map.of("WWW-Authenticate", "Bearer realm=\"ponder\""));
    }

    /** 404, also for another tenant's search: its existence is not confirmed. */
    public static ApiException notFound(String detail) {
        return new ApiException(404, "about:blank", "Not Found", detail, null, Map.of());
    }

    /** 409: the request conflicts with where the resource stands. */
    public static ApiException conflict(String detail) {
        return new ApiException(409, "urn:ponder:problem:conflict", "The search is in another state", detail, null,
                Map.of());
    }

    /** 413: the body is longer than the API accepts. */
    public static ApiException tooLarge(String detail) {
        return new ApiException(413, "about:blank", "Content Too Large", detail, null, Map.of());
    }

    /** 503 with a hint to retry: the server is starting. */
    public static ApiException starting() {
        return new ApiException(503, "urn:ponder:problem:starting", "The API is starting",
                "the store and queues are being opened; retry in a second", null, Map.of("Retry-After", "1"));
    }

    /** 404 for a model name that names no search. */
    public static ApiException unknownModel(String detail) {
        return new ApiException(404, "urn:ponder:problem:unknown-model", "The model does not exist", detail, null,
                Map.of());
    }

    /**
     * 504: a chat completion's search outlived the wait; the search goes on, poll {@code location}. OpenAI's SDKs
     * retry a 504 unless told otherwise ({@code x-should-retry}): a retry with the same {@code Idempotency-Key}
     * waits on the same search again, one without it would start another search, so only the first is invited.
     */
    public static ApiException stillRunning(String searchId, String location, String detail, boolean retry) {
        return new ApiException(504, "urn:ponder:problem:still-running", "The search is still running", detail, null,
                Map.of("x-should-retry", Boolean.toString(retry)), searchId, location);
    }

    /** 502: a chat completion's search FAILED (a model endpoint, its deadline); retrying would fail alike. */
    public static ApiException searchFailed(String searchId, String location, String detail) {
        return new ApiException(502, "urn:ponder:problem:search-failed", "The search failed", detail, null,
                Map.of("x-should-retry", "false"), searchId, location);
    }

    /** 409: a chat completion's search was cancelled (through {@code DELETE /v1/searches/{id}}) before it ended. */
    public static ApiException searchCancelled(String searchId, String location, String detail) {
        return new ApiException(409, "urn:ponder:problem:search-cancelled", "The search was cancelled", detail, null,
                Map.of("x-should-retry", "false"), searchId, location);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The search a chat completion started, when it ended without an answer; else {@code null}. */
    public String searchId() {
        return searchId;
    }

    public String location() {
        return location;
    }
}
