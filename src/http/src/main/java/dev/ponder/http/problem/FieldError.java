package dev.ponder.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One bad field of a request.
 *
 * @param field   the field (or query parameter) name as the client spelled it
 * @param value   the value sent, shortened if long; absent when the field was missing
 * @param limit   the bound the value broke ({@code "between 1 and 1024"}), when there is one
 * @param message the whole story in one sentence: field, value and limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, JsonNode value, String limit, String message) {
}
