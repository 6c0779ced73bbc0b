package dev.ponder.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The search behind a chat completion, in its extra {@code ponder} object.
 *
 * @param searchId  the search; {@code GET location} shows it with its trajectories
 * @param status    where it stands ({@code SUCCEEDED} on a completion)
 * @param answer    the predicted answer ({@code ""} when no path finished)
 * @param correct   whether it matches {@code ponder.answer}, when one was given
 * @param iteration the strategy iteration reached
 * @param bill      what the search cost
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatPonder(String searchId, String location, String status, String strategy, Integer n, String answer,
                         Boolean correct, Integer iteration, BillView bill) {

    /** What a finished search shows. */
    public static ChatPonder of(SearchView s, String location) {
        return new ChatPonder(s.id(), location, s.status(), s.request().strategy(), s.request().n(), s.answer(),
                s.correct(), s.iteration(), s.bill());
    }

    /** What the first chunk of a stream shows: the search to poll. */
    public static ChatPonder started(String searchId, String location, String status) {
        return new ChatPonder(searchId, location, status, null, null, null, null, null, null);
    }
}
