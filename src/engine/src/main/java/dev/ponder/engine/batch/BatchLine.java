package dev.ponder.engine.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import java.util.List;

/**
 * One line of a batch, validated: the search it asks for.
 *
 * @param customId        the caller's id for the line, echoed in its result rows (may be {@code null})
 * @param problem         the problem
 * @param strategy        the strategy name
 * @param config          its configuration
 * @param policy          the policy's profile name
 * @param prm             the PRM's profile name
 * @param deadlineSeconds how long its search may take, or {@code null} for the pipeline's default
 * @param budgets         the budgets its result rows report: {@code [n]}, or the prefixes a Best-of-N run answers for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchLine(String customId, Problem problem, String strategy, SearchConfig config, String policy,
                        String prm, Long deadlineSeconds, List<Integer> budgets) {

    public BatchLine {
        budgets = List.copyOf(budgets);
    }
}
