package dev.ponder.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.cli.io.BadInputException;
import dev.ponder.cli.io.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ponder results rows (SPEC.md §3 "Results rows") for a report: only the fields a report needs, each
 * checked, every error naming the line and the field. The {@code {"manifest": …}} line is kept aside.
 */
public final class ReportRows {

    /**
     * What a report needs of one row.
     *
     * @param level the difficulty level, null when the row has none
     * @param correct whether the answer was right, null when the problem has no gold answer
     */
    public record Row(String strategy, int n, Integer level, long seed, Boolean correct, long promptTokens,
                      long completionTokens, long policyCalls, long prmCalls, double modelSeconds, long wallMs) {

        /** Prompt and completion tokens together. */
        public long tokens() {
            return promptTokens + completionTokens;
        }

        /** Policy and PRM calls together. */
        public long modelCalls() {
            return policyCalls + prmCalls;
        }
    }

    /** A results file: its manifest (null when it has none) and its rows in file order. */
    public record Contents(JsonNode manifest, List<Row> rows) {
    }

    private final ObjectMapper json;

    public ReportRows(ObjectMapper json) {
        this.json = json;
    }

    /** The manifest and rows of {@code file}; at least one row. */
    public Contents read(Path file) {
        JsonNode manifest = null;
        List<Row> rows = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.read(json, file)) {
            if (line.object().has("manifest")) {
                manifest = line.object().get("manifest");
            } else if (line.object().has("error")) {
                // A search that did not finish (ponder batch): it has no result to report.
                continue;
            } else {
                rows.add(row(line.object(), line.where()));
            }
        }
        if (rows.isEmpty()) {
            throw new BadInputException(file + ": no results rows to report (only a manifest or blank lines)");
        }
        return new Contents(manifest, rows);
    }

    private static Row row(JsonNode row, String where) {
        JsonNode strategy = row.get("strategy");
        if (strategy == null || !strategy.isTextual() || strategy.asText().isBlank()) {
            throw new BadInputException(where + "field strategy is required and must be a non-empty string"
                    + got(strategy));
        }
        JsonNode n = row.get("n");
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
            throw new BadInputException(where + "field n is required and must be a positive integer" + got(n));
        }
        JsonNode level = row.get("level");
        if (level != null && !level.isNull() && !level.isIntegralNumber()) {
            throw new BadInputException(where + "field level must be an integer or null" + got(level));
        }
        JsonNode seed = row.get("seed");
        if (seed != null && !seed.isNull() && !seed.isIntegralNumber()) {
            throw new BadInputException(where + "field seed must be an integer" + got(seed));
        }
        JsonNode correct = row.get("correct");
        if (correct != null && !correct.isNull() && !correct.isBoolean()) {
            throw new BadInputException(where + "field correct must be true, false or null" + got(correct));
        }
        JsonNode usage = row.get("usage");
        if (usage == null || !usage.isObject()) {
            throw new BadInputException(where + "field usage is required and must be an object" + got(usage));
        }
        return new Row(strategy.asText(), n.asInt(),
                level == null || level.isNull() ? null : level.asInt(),
                seed == null || seed.isNull() ? 0L : seed.asLong(),
                correct == null || correct.isNull() ? null : correct.asBoolean(),
                count(usage, "prompt_tokens", where), count(usage, "completion_tokens", where),
                count(usage, "policy_calls", where), count(usage, "prm_calls", where),
                seconds(usage, where), wallMs(row, where));
    }

    private static long count(JsonNode usage, String field, String where) {
        JsonNode v = usage.get(field);
        if (v == null || !v.isIntegralNumber() || v.asLong() < 0) {
            throw new BadInputException(where + "field usage." + field + " is required and must be a non-negative "
                    + "integer" + got(v));
        }
        return v.asLong();
    }

    private static double seconds(JsonNode usage, String where) {
        JsonNode v = usage.get("model_seconds");
        if (v == null || v.isNull()) {
            return 0.0;
        }
        if (!v.isNumber() || v.asDouble() < 0 || !Double.isFinite(v.asDouble())) {
            throw new BadInputException(where + "field usage.model_seconds must be a non-negative number" + got(v));
        }
        return v.asDouble();
    }

    private static long wallMs(JsonNode row, String where) {
        JsonNode v = row.get("wall_ms");
        if (v == null || v.isNull()) {
            return 0L;
        }
        if (!v.isIntegralNumber() || v.asLong() < 0) {
            throw new BadInputException(where + "field wall_ms must be a non-negative integer" + got(v));
        }
        return v.asLong();
    }

    /** " (got …)" with the offending value, shortened; " (missing)" when absent. */
    private static String got(JsonNode v) {
        if (v == null) {
            return " (missing)";
        }
        String text = v.toString();
        return " (got " + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + ")";
    }
}
