package dev.ponder.engine.stage;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.driver.SearchRun;
import dev.ponder.core.results.ResultRow;
import dev.ponder.engine.batch.BatchLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result rows of a batch line (SPEC.md results rows, plus {@code custom_id} and {@code search_id}): one row per
 * budget the line reports. A line that did not succeed has rows too, saying why, so results never silently lack one.
 */
public final class BatchRows {

    private BatchRows() {
    }

    /** The rows of a line whose search succeeded. */
    public static List<Map<String, Object>> succeeded(BatchLine line, SearchRun run, String searchId,
                                                      AnswerEquivalence equivalence) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ResultRow row : ResultRow.of(run, line.budgets(), equivalence)) {
            rows.add(withIds(line, row.toMap(), searchId));
        }
        return rows;
    }

    /** The rows of a line whose search did not succeed (or never ran): its status and why. */
    public static List<Map<String, Object>> unsuccessful(BatchLine line, String status, String error,
                                                         String searchId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n : line.budgets()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("unique_id", line.problem().uniqueId());
            row.put("problem", line.problem().problem());
            row.put("answer", line.problem().answer());
            row.put("level", line.problem().level());
            row.put("strategy", line.strategy());
            row.put("n", n);
            row.put("m", line.config().m());
            row.put("seed", line.config().seed());
            row.put("status", status);
            row.put("error", error);
            if (n != line.config().n()) {
                row.put("shared_run_n", line.config().n());
            }
            rows.add(withIds(line, row, searchId));
        }
        return rows;
    }

    private static Map<String, Object> withIds(BatchLine line, Map<String, Object> row, String searchId) {
        Map<String, Object> withIds = new LinkedHashMap<>();
        if (line.customId() != null) {
            withIds.put("custom_id", line.customId());
        }
        withIds.putAll(row);
        if (searchId != null) {
            withIds.put("search_id", searchId);
        }
        return withIds;
    }
}
