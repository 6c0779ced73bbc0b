package dev.ponder.engine.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One bad field of a request.
 *
 * @param line    in a batch, the 1-based line the field is on; absent otherwise
 * @param field   the field (or query parameter) name as the client spelled it
 * @param value   the value sent, shortened if long; absent when the field was missing
 * @param limit   the bound the value broke ({@code "between 1 and 1024"}), when there is one
 * @param message the whole story in one sentence: (line,) field, value and limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(Integer line, String field, JsonNode value, String limit, String message) {

    /** A field of a single request. */
    public FieldError(String field, JsonNode value, String limit, String message) {
        this(null, field, value, limit, message);
    }

    /** This error as on line {@code line} of a batch: the line joins the record and leads the message. */
    public FieldError onLine(int line) {
        return new FieldError(line, field, value, limit, "line " + line + ": " + message);
    }
}
