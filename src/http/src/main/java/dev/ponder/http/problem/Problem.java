package dev.ponder.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ponder.engine.request.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type     {@code about:blank} for a plain HTTP error, else {@code urn:ponder:problem:<kind>}
 * @param title    the short, fixed summary of the type
 * @param status   the HTTP status
 * @param detail   what went wrong with this request, naming the value and the limit
 * @param instance the request path
 * @param errors   for a rejected body or query: every bad field at once
 * @param quota    for 429: the quota exceeded ({@code max_concurrent}, {@code max_n}, {@code monthly_tokens},
 *                 {@code requests_per_second})
 * @param limit    for 429: that quota's limit
 * @param searchId for a chat completion that did not end with an answer (504, 502, 409): the search, to poll
 * @param location that search's URL
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      String quota, Long limit, @JsonProperty("search_id") String searchId, String location) {

    /** The media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
