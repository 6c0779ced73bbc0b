package dev.ponder.http.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.http.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body announced longer than {@code quarkus.http.limits.max-body-size} is refused with 413 as a problem detail
 * before it is read. (Quarkus would answer a bare 413 with no body; it still does for a chunked body without a
 * Content-Length that runs past the limit.)
 */
@Singleton
public class BodyLimit {

    private final long maxBytes;
    private final byte[] problem;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
                     ObjectMapper json) throws JsonProcessingException {
        this.maxBytes = maxBodySize.asLongValue();
        this.problem = json.writeValueAsBytes(new Problem("about:blank", "Content Too Large", 413,
                "the body is longer than " + maxBytes + " bytes, the most this API reads", null, null, null, null, null, null));
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length)) {
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(Buffer.buffer(problem));
            } else {
                ctx.next();
            }
        });
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length itself
        }
    }
}
