package dev.ponder.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.results.Evaluation;
import dev.ponder.core.search.CompletionStatus;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.Trajectory;
import dev.ponder.core.strategy.Aggregation;
import dev.ponder.core.strategy.BeamSearch;
import dev.ponder.core.strategy.Dvts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads recorded search results for re-evaluation: search-and-learn's output rows ({@code problem, answer,
 * completions, scores, pred_*@n}) or ponder's results rows (the same fields plus {@code strategy, n, finished}).
 * Every error names the line and the field.
 */
public final class RecordedRuns {

    /** The two layouts a results file can have. */
    public enum Format {
        /** search-and-learn: every completion is a final output; columns for every power of two up to N. */
        SEARCH_AND_LEARN,
        /** ponder: a manifest line first; rows carry their strategy and which completions finished. */
        PONDER;

        /** Parses {@code search-and-learn} or {@code ponder}. */
        public static Format parse(String name) {
            return switch (name) {
                case "search-and-learn" -> SEARCH_AND_LEARN;
                case "ponder" -> PONDER;
                default -> throw new BadInputException("--format must be search-and-learn or ponder (got " + name + ")");
            };
        }
    }

    /** What a file held. */
    public record Contents(Format format, List<Evaluation.Item> items) {
    }

    private static final Pattern COLUMN = Pattern.compile("pred_(weighted|maj|naive)@\\d+");

    private final ObjectMapper json;

    public RecordedRuns(ObjectMapper json) {
        this.json = json;
    }

    /** The rows of the file; {@code format} null detects it (a manifest line or a strategy field means ponder). */
    public Contents read(Path file, Format format) {
        List<JsonLines.Line> rows = new ArrayList<>();
        boolean manifest = false;
        for (JsonLines.Line line : JsonLines.read(json, file)) {
            if (line.object().has("manifest")) {
                manifest = true;
            } else if (line.object().has("error")) {
                // A search that did not finish (a ponder batch row with status and error): nothing to evaluate.
                continue;
            } else {
                rows.add(line);
            }
        }
        if (rows.isEmpty()) {
            throw new BadInputException(file + ": no rows to evaluate");
        }
        Format detected = format != null ? format
                : manifest || rows.get(0).object().has("strategy") ? Format.PONDER : Format.SEARCH_AND_LEARN;
        List<Evaluation.Item> items = new ArrayList<>();
        for (JsonLines.Line row : rows) {
            items.add(item(row.object(), detected, row.where()));
        }
        return new Contents(detected, items);
    }

    private static Evaluation.Item item(JsonNode row, Format format, String where) {
        String problem = text(row, "problem", where, true);
        List<String> completions = strings(row, "completions", where);
        List<List<Double>> scores = scores(row, completions.size(), where);
        List<Boolean> finished = format == Format.PONDER && row.has("finished")
                ? booleans(row, "finished", completions.size(), where) : null;
        List<Trajectory> paths = new ArrayList<>();
        for (int i = 0; i < completions.size(); i++) {
            boolean done = finished == null || finished.get(i);
            paths.add(new Trajectory(completions.get(i), done ? CompletionStatus.EOS : CompletionStatus.DELIMITER,
                    done, scores.get(i), 0, 0));
        }
        String label = format == Format.PONDER ? text(row, "strategy", where, true) : "";
        Map<String, String> recorded = new LinkedHashMap<>();
        for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (COLUMN.matcher(name).matches() && row.get(name).isTextual()) {
                recorded.put(name, row.get(name).asText());
            }
        }
        Problem p = new Problem(text(row, "unique_id", where, false), problem, text(row, "answer", where, false),
                row.hasNonNull("level") && row.get("level").canConvertToInt() ? row.get("level").asInt() : null,
                text(row, "subject", where, false));
        int n = format == Format.PONDER ? budget(row, where) : paths.size();
        return new Evaluation.Item(label, p, paths, budgets(label, n), recorded);
    }

    /**
     * Beam search and DVTS are searches of their own per budget: only their full N is valid. Every other strategy
     * (and search-and-learn's files, whose own columns cover every power of two) gives each prefix.
     */
    private static List<Integer> budgets(String strategy, int n) {
        return strategy.equals(BeamSearch.NAME) || strategy.equals(Dvts.NAME) ? List.of(n) : Aggregation.budgets(n);
    }

    /** A ponder row's budget: its {@code n}, which may exceed its completions when fewer paths finished. */
    private static int budget(JsonNode row, String where) {
        JsonNode n = row.get("n");
        if (n == null || !n.canConvertToInt() || n.asInt() < 1) {
            throw new BadInputException(where + "field n is required and must be a positive integer");
        }
        return n.asInt();
    }

    private static String text(JsonNode row, String field, String where, boolean required) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BadInputException(where + "field " + field + " is required");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw new BadInputException(where + "field " + field + " must be a string (got " + v.getNodeType() + ")");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode row, String field, String where) {
        JsonNode v = row.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw new BadInputException(where + "field " + field + " must be a non-empty array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new BadInputException(where + "field " + field + " must hold strings (got " + e.getNodeType() + ")");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** One list of step scores per completion; without a {@code scores} field, none (only majority is valid). */
    private static List<List<Double>> scores(JsonNode row, int n, String where) {
        JsonNode v = row.get("scores");
        List<List<Double>> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            for (int i = 0; i < n; i++) {
                out.add(List.of());
            }
            return out;
        }
        if (!v.isArray() || v.size() != n) {
            throw new BadInputException(where + "field scores must be an array of " + n
                    + " score lists, one per completion (got " + (v.isArray() ? v.size() + " lists" : v.getNodeType()) + ")");
        }
        for (JsonNode list : v) {
            if (!list.isArray()) {
                throw new BadInputException(where + "field scores must hold arrays of numbers (got " + list.getNodeType() + ")");
            }
            List<Double> steps = new ArrayList<>();
            for (JsonNode s : list) {
                if (!s.isNumber()) {
                    throw new BadInputException(where + "field scores must hold numbers (got " + s.getNodeType() + ")");
                }
                steps.add(s.asDouble());
            }
            out.add(steps);
        }
        return out;
    }

    private static List<Boolean> booleans(JsonNode row, String field, int n, String where) {
        JsonNode v = row.get(field);
        if (!v.isArray() || v.size() != n) {
            throw new BadInputException(where + "field " + field + " must be an array of " + n + " booleans");
        }
        List<Boolean> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asBoolean()));
        return out;
    }
}
