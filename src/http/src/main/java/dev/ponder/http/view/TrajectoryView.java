package dev.ponder.http.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.Trajectory;
import dev.ponder.core.strategy.WinningPath;
import java.util.List;

/**
 * One reasoning path with the PRM's score of each step.
 *
 * @param chosen whether the answer came from this path ({@link WinningPath})
 * @param score  the path's score under the search's reduction
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrajectoryView(boolean chosen, double score, boolean finished, String status, int lane,
                             int completionTokens, List<WinningPath.Step> steps) {

    public static TrajectoryView of(Trajectory t, Reduction reduction, boolean chosen) {
        return new TrajectoryView(chosen, t.score(reduction), t.finished(), t.status().name(), t.lane(),
                t.completionTokens(), WinningPath.steps(t));
    }
}
