package dev.ponder.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * One search as {@code GET /v1/searches/{id}} shows it.
 *
 * @param iteration    the strategy iteration reached
 * @param answer       the predicted answer, once SUCCEEDED ({@code ""} when no path finished)
 * @param correct      whether {@code answer} matches the request's gold answer, when one was given
 * @param reason       why it FAILED or was CANCELLED
 * @param usage        what it used so far
 * @param bill         what that costs
 * @param trajectories with {@code ?include=trajectories}: the emitted paths (finished paths so far while it runs)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchView(String id, String status, int iteration, String answer, Boolean correct, String reason,
                         Instant createdAt, Instant updatedAt, Instant deadlineAt, Instant finishedAt,
                         RequestView request, UsageView usage, BillView bill, List<TrajectoryView> trajectories) {
}
