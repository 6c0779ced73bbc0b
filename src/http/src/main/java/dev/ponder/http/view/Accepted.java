package dev.ponder.http.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The answer to {@code POST /v1/searches}: the search to poll.
 *
 * @param replayed whether an earlier request with the same {@code Idempotency-Key} created it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Accepted(String id, String status, String location, boolean replayed) {
}
