package dev.ponder.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A page of the caller's batches, newest first, as OpenAI lists them ({@code object: list}, {@code data},
 * {@code has_more}); {@code next_cursor} fetches the next page (absent on the last).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchPage(String object, List<BatchView> data, boolean hasMore, String nextCursor) {
}
