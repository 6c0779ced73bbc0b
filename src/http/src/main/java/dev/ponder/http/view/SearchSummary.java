package dev.ponder.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.ponder.engine.store.SearchItem;
import java.time.Instant;

/** One search in a list: enough to pick it out; {@code GET /v1/searches/{id}} has the rest. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchSummary(String id, String status, String strategy, int n, int iteration, Instant createdAt,
                            Instant finishedAt, String problem) {

    /** Problem text shown in a list, at most (code points). */
    static final int PROBLEM_CHARS = 200;

    public static SearchSummary of(SearchItem s) {
        String text = s.problem().problem();
        if (text.codePointCount(0, text.length()) > PROBLEM_CHARS) {
            text = text.substring(0, text.offsetByCodePoints(0, PROBLEM_CHARS)) + "…";
        }
        return new SearchSummary(s.id(), s.status().name(), s.strategy(), s.config().n(), s.state().iteration(),
                Instant.ofEpochMilli(s.createdMs()), s.finishedMs() > 0 ? Instant.ofEpochMilli(s.finishedMs()) : null,
                text);
    }
}
