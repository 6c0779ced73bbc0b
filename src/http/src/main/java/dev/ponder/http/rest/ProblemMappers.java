package dev.ponder.http.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.account.IdempotencyConflictException;
import dev.ponder.engine.account.QuotaExceededException;
import dev.ponder.engine.request.Echo;
import dev.ponder.engine.request.FieldError;
import dev.ponder.engine.request.RequestException;
import dev.ponder.http.problem.ApiException;
import dev.ponder.http.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error as an RFC 9457 problem detail ({@code application/problem+json}): the API's own, the engine's
 * (quotas, idempotency conflicts, configurations it refuses), and the framework's (unknown path, wrong method or
 * content type). Anything else is a bug: logged with its stack trace, answered 500 without internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ObjectMapper json;

    @Inject
    public ProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return respond(new Problem(e.type(), e.title(), e.status(), e.getMessage(), path(uri), e.errors(), null, null,
                e.searchId(), e.location()),
                e.headers());
    }

    /** 429 naming the quota and its limit; {@code Retry-After} when waiting helps (not for max_n). */
    /** A body the engine's request parsers refused: 400 naming every bad field. */
    @ServerExceptionMapper
    public Response request(RequestException e, UriInfo uri) {
        return api(ApiException.of(e), uri);
    }

    @ServerExceptionMapper
    public Response quota(QuotaExceededException e, UriInfo uri) {
        Problem p = new Problem("urn:ponder:problem:quota-exceeded", "A quota is exhausted", 429, e.getMessage(),
                path(uri), null, e.quota(), e.limit(), null, null);
        return respond(p, e.retryAfter().map(d -> Map.of("Retry-After",
                Long.toString(Math.max(1, (d.toMillis() + 999) / 1000)))).orElse(Map.of()));
    }

    @ServerExceptionMapper
    public Response idempotency(IdempotencyConflictException e, UriInfo uri) {
        return respond(new Problem("urn:ponder:problem:idempotency-conflict", "The Idempotency-Key was used with "
                + "another body", 422, e.getMessage(), path(uri), null, null, null, null, null), Map.of());
    }

    /** The engine refused the request (a configuration, a cursor): the client's to fix. */
    @ServerExceptionMapper
    public Response refused(IllegalArgumentException e, UriInfo uri) {
        String message = e.getMessage() == null ? "the request was refused" : e.getMessage();
        String field = message.startsWith("cursor") ? "cursor" : "(body)";
        return api(ApiException.invalid(List.of(new FieldError(field, null, null, message))), uri);
    }

    /** The framework's own answers (404 for an unknown path, 405, 406, 415, 413): same status, as a problem. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response r = e.getResponse();
        Response.StatusType status = r.getStatusInfo();
        Map<String, String> headers = r.getHeaderString("Allow") == null ? Map.of()
                : Map.of("Allow", r.getHeaderString("Allow"));
        return respond(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                detail(status.getStatusCode(), e), path(uri), null, null, null, null, null), headers);
    }

    @ServerExceptionMapper
    public Response bug(Throwable e, UriInfo uri) {
        LOG.errorf(e, "event=api_error path=%s", path(uri));
        return respond(new Problem("about:blank", "Internal Server Error", 500, "an internal error; it was logged",
                path(uri), null, null, null, null, null), Map.of());
    }

    private static String detail(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 413 -> "the body is too large";
            case 415 -> "send the body as application/json";
            case 406 -> "this resource answers application/json";
            default -> e.getMessage() == null ? "" : Echo.cut(e.getMessage(), 200);
        };
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : Echo.cut(uri.getPath(), 200);
    }

    private Response respond(Problem p, Map<String, String> headers) {
        Response.ResponseBuilder r = Response.status(p.status()).type(Problem.MEDIA_TYPE);
        headers.forEach(r::header);
        try {
            return r.entity(json.writeValueAsString(p)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem detail is always writable", e);
        }
    }
}
