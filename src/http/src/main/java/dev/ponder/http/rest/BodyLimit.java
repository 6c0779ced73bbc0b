package dev.ponder.http.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body announced longer than its route reads is refused with 413 as a problem detail before it is read:
 * {@code ponder.api.max-body-bytes} for every route but {@code /v1/batches}, which reads up to
 * {@code quarkus.http.limits.max-body-size} (a batch's own size limit, {@code ponder.batch.max-bytes}, is checked on
 * its lines). Quarkus would answer a bare 413 with no body; it still does for a chunked body without a Content-Length
 * that runs past its limit.
 */
@Singleton
public class BodyLimit {

    private final long maxBytes;
    private final long maxBatchBytes;
    private final byte[] problem;
    private final byte[] batchProblem;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
                     ApiConfig limits, ObjectMapper json) throws JsonProcessingException {
        this.maxBatchBytes = maxBodySize.asLongValue();
        this.maxBytes = Math.min(limits.maxBodyBytes(), maxBatchBytes);
        this.problem = problem(json, maxBytes);
        this.batchProblem = problem(json, maxBatchBytes);
    }

    private static byte[] problem(ObjectMapper json, long max) throws JsonProcessingException {
        return json.writeValueAsBytes(new Problem("about:blank", "Content Too Large", 413,
                "the body is longer than " + max + " bytes, the most this API reads here", null, null, null, null, null, null));
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean batch = ctx.request().path().startsWith("/v1/batches");
            if (length != null && tooLong(length, batch ? maxBatchBytes : maxBytes)) {
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(Buffer.buffer(batch ? batchProblem : problem));
            } else {
                ctx.next();
            }
        });
    }

    private static boolean tooLong(String length, long max) {
        try {
            return Long.parseLong(length.strip()) > max;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length itself
        }
    }
}
