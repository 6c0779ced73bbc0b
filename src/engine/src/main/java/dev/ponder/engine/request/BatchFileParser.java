package dev.ponder.engine.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ponder.core.search.Problem;
import dev.ponder.engine.batch.BatchConfig;
import dev.ponder.engine.batch.BatchLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a batch file: JSONL, one search request a line ({@code {"custom_id", "problem", "answer"?, "strategy"?, "n"?,
 * ...}}: the fields of {@code POST /v1/searches} plus {@code custom_id}), over the batch's defaults (any of those
 * fields but {@code custom_id}, {@code problem} and {@code answer}; a line's own fields win). Sizes are checked
 * before any line is read, then every line, so one refusal lists every bad line (the first {@code maxErrors} errors)
 * with its 1-based number and field. Blank lines are skipped but counted, so numbers match the file as an editor
 * shows it; a file needs at least one line that is not blank.
 */
public final class BatchFileParser {

    /** The field naming a line; it becomes the problem's {@code unique_id} too (SPEC.md §1: an alias). */
    public static final String CUSTOM_ID = "custom_id";
    /** Fields only a line may hold: defaults for them would make every line the same problem. */
    private static final List<String> LINE_ONLY = List.of(CUSTOM_ID, "problem", "answer");

    /**
     * @param maxLines         most lines that are not blank
     * @param maxLineBytes     longest line, in bytes of UTF-8
     * @param maxBytes         largest file, in bytes of UTF-8
     * @param maxCustomIdChars longest custom_id, in characters
     * @param maxErrors        most errors listed
     */
    public record Limits(int maxLines, int maxLineBytes, long maxBytes, int maxCustomIdChars, int maxErrors) {

        public static Limits of(BatchConfig config) {
            return new Limits(config.maxLines(), config.maxLineBytes(), config.maxBytes(), config.maxCustomIdChars(),
                    config.maxErrors());
        }
    }

    private final SearchRequestParser requests;
    private final Limits limits;

    public BatchFileParser(SearchRequestParser requests, Limits limits) {
        this.requests = requests;
        this.limits = limits;
    }

    /** The parser every front door uses: lines checked as requests ({@code ponder.api.*}) within the batch limits. */
    public static BatchFileParser of(RequestLimitsConfig requests, Set<String> profiles, BatchConfig batches) {
        return new BatchFileParser(new SearchRequestParser(requests.requestLimits(), profiles), Limits.of(batches));
    }

    /**
     * The lines of {@code text} over {@code defaults} (an object, or {@code null} for none), in order; or a
     * {@link RequestException}: too large (the file), invalid (the defaults, the line count, or the lines).
     */
    public List<BatchLine> parse(String text, JsonNode defaults) {
        long bytes = utf8Length(text, 0, text.length());
        if (bytes > limits.maxBytes()) {
            throw RequestException.tooLarge("the batch is " + bytes + " bytes, more than the " + limits.maxBytes()
                    + " a batch may hold: split it");
        }
        ObjectNode base = defaults(defaults);
        List<Line> lines = split(text);
        if (lines.isEmpty()) {
            throw RequestException.invalid(List.of(new FieldError("(lines)", null, "at least one line",
                    "the batch has no lines: send one JSON object a line, each with a custom_id and a problem")));
        }
        if (lines.size() > limits.maxLines()) {
            Line first = lines.get(limits.maxLines());
            throw RequestException.invalid(List.of(new FieldError("(lines)", null, "at most " + limits.maxLines()
                    + " lines", "the batch has " + lines.size() + " lines, more than the " + limits.maxLines()
                    + " a batch may hold (line " + first.number() + " is the first past it): split it").onLine(
                    first.number())));
        }
        return read(lines, base);
    }

    private List<BatchLine> read(List<Line> lines, ObjectNode base) {
        List<BatchLine> parsed = new ArrayList<>(lines.size());
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int badLines = 0;
        for (Line line : lines) {
            List<FieldError> lineErrors = new ArrayList<>();
            BatchLine ok = line(line, base, seen, lineErrors);
            if (ok != null) {
                parsed.add(ok);
                continue;
            }
            badLines++;
            for (FieldError e : lineErrors) {
                if (errors.size() < limits.maxErrors()) {
                    errors.add(e.onLine(line.number()));
                }
            }
        }
        if (badLines == 0) {
            return parsed;
        }
        String listed = errors.size() < limits.maxErrors() ? "" : " (the first " + errors.size() + " errors are listed)";
        throw RequestException.invalid(badLines + (badLines == 1 ? " line is" : " lines are") + " invalid" + listed
                + ": " + RequestException.summary(errors), errors);
    }

    /** One line as a batch line, or {@code null} with its errors (not yet numbered) added to {@code errors}. */
    private BatchLine line(Line line, ObjectNode base, Map<String, Integer> seen, List<FieldError> errors) {
        long bytes = utf8Length(line.text(), 0, line.text().length());
        if (bytes > limits.maxLineBytes()) {
            errors.add(new FieldError("(line)", null, "at most " + limits.maxLineBytes() + " bytes", "the line is "
                    + bytes + " bytes, more than the " + limits.maxLineBytes() + " a line may hold"));
            return null;
        }
        JsonNode root;
        try {
            root = SearchRequestParser.strict(line.text());
        } catch (JsonProcessingException e) {
            errors.add(new FieldError("(line)", null, "a JSON object", "the line is not valid JSON: "
                    + SearchRequestParser.why(e)));
            return null;
        }
        if (!root.isObject()) {
            errors.add(new FieldError("(line)", SearchRequestParser.echo(root), "a JSON object", "the line must be "
                    + "a JSON object with a custom_id and a problem (got " + SearchRequestParser.kind(root) + ")"));
            return null;
        }
        String customId = customId(root.get(CUSTOM_ID), line.number(), seen, errors);
        ObjectNode merged = base.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getKey().equals(CUSTOM_ID)) {
                merged.set(f.getKey(), f.getValue());
            }
        }
        try {
            SearchRequest r = requests.parse(merged);
            if (customId == null) {
                return null;
            }
            return new BatchLine(customId, new Problem(customId, r.problem(), r.answer(), null, null), r.strategy(),
                    r.config(), r.policy(), r.prm(), r.deadlineSeconds() == null ? null : (long) r.deadlineSeconds(),
                    List.of(r.n()));
        } catch (RequestException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /** The line's custom_id: a non-blank string, not too long, not on an earlier line. */
    private String customId(JsonNode v, int number, Map<String, Integer> seen, List<FieldError> errors) {
        String expected = "a non-blank string of at most " + limits.maxCustomIdChars() + " characters, unique in the "
                + "batch";
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            errors.add(new FieldError(CUSTOM_ID, SearchRequestParser.echo(v), expected, v == null
                    ? "custom_id is required: " + expected
                    : "custom_id must be " + expected + " (got " + (v.isTextual() ? "a blank string"
                    : SearchRequestParser.kind(v)) + ")"));
            return null;
        }
        String id = v.textValue();
        int lone = Echo.loneSurrogate(id);
        int chars = id.codePointCount(0, id.length());
        if (lone >= 0 || chars > limits.maxCustomIdChars()) {
            errors.add(new FieldError(CUSTOM_ID, SearchRequestParser.echo(v), expected, lone >= 0
                    ? "custom_id must be valid Unicode (an unpaired surrogate at index " + lone + ")"
                    : "custom_id must be at most " + limits.maxCustomIdChars() + " characters (got " + chars + ")"));
            return null;
        }
        Integer earlier = seen.putIfAbsent(id, number);
        if (earlier != null) {
            errors.add(new FieldError(CUSTOM_ID, TextNode.valueOf(Echo.cut(id)), "unique in the batch",
                    "custom_id must be unique in the batch (got " + Echo.cut(id) + ", also on line " + earlier + ")"));
            return null;
        }
        return id;
    }

    /** The defaults as an object to merge lines over; refused at once (before any line) if bad. */
    private ObjectNode defaults(JsonNode defaults) {
        if (defaults == null || defaults.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!defaults.isObject()) {
            throw RequestException.invalid(List.of(new FieldError("defaults", SearchRequestParser.echo(defaults),
                    "a JSON object", "defaults must be a JSON object of search fields (got "
                    + SearchRequestParser.kind(defaults) + ")")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String only : LINE_ONLY) {
            if (defaults.has(only)) {
                errors.add(new FieldError("defaults." + only, SearchRequestParser.echo(defaults.get(only)),
                        "a field of each line", "defaults." + only + " is not allowed: " + only
                        + " belongs on each line"));
            }
        }
        ObjectNode probe = ((ObjectNode) defaults).deepCopy();
        LINE_ONLY.forEach(probe::remove);
        probe.put("problem", "defaults");
        try {
            requests.parse(probe);
        } catch (RequestException e) {
            e.errors().forEach(f -> errors.add(new FieldError("defaults." + f.field(), f.value(), f.limit(),
                    "defaults: " + f.message())));
        }
        if (!errors.isEmpty()) {
            throw RequestException.invalid(errors);
        }
        return (ObjectNode) defaults;
    }

    /** A line that is not blank, and its 1-based number in the file. */
    private record Line(int number, String text) {
    }

    private static List<Line> split(String text) {
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (int from = 0; from <= text.length(); ) {
            int end = text.indexOf('\n', from);
            if (end < 0) {
                end = text.length();
            }
            number++;
            String line = text.substring(from, end);
            if (!line.isBlank()) {
                lines.add(new Line(number, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
            }
            from = end + 1;
        }
        return lines;
    }

    /** Bytes of {@code s[from, to)} as UTF-8, without encoding it. */
    static long utf8Length(String s, int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
