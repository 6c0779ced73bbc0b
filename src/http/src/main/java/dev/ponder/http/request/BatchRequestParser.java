package dev.ponder.http.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ponder.engine.batch.BatchConfig;
import dev.ponder.engine.request.BatchFileParser;
import dev.ponder.engine.request.Echo;
import dev.ponder.engine.request.FieldError;
import dev.ponder.engine.request.RequestException;
import dev.ponder.engine.request.SearchRequestParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the options of {@code POST /v1/batches}: a JSON body {@code {"input" | "input_file", "defaults",
 * "max_in_flight", "completion_window"}}, or, with a JSONL body, query parameters (the options, and any search field
 * as a default: {@code ?strategy=beam&n=16}). Every bad option is named at once; the lines are the engine's
 * {@link dev.ponder.engine.request.BatchFileParser}'s.
 */
public final class BatchRequestParser {

    /** The fields of a JSON body, in the order the API documents them. */
    public static final List<String> FIELDS = List.of("input", "input_file", "defaults", "max_in_flight",
            "completion_window");
    /** The options a JSONL body takes as query parameters, besides search fields as defaults. */
    private static final List<String> OPTIONS = List.of("max_in_flight", "completion_window");
    /** A name in the inbox: plain segments joined by '/', as a bucket key under the inbox prefix would be. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final int MAX_NAME_CHARS = 255;
    private static final Pattern WINDOW = Pattern.compile("([0-9]{1,6})([mhd])");

    /**
     * A batch as asked, before its lines are read.
     *
     * @param input       the JSONL text, or {@code null} when it names an inbox file
     * @param inputFile   the inbox file's name, or {@code null}
     * @param defaults    the search fields every line takes unless it sets them (an object, maybe empty)
     * @param maxInFlight its searches under way at once, at most
     * @param window      its completion window
     */
    public record BatchRequest(String input, String inputFile, JsonNode defaults, int maxInFlight, Duration window) {
    }

    private final BatchConfig config;

    public BatchRequestParser(BatchConfig config) {
        this.config = config;
    }

    /** A JSON body: the lines in {@code input} or a file named by {@code input_file}, and the options. */
    public BatchRequest json(String body) {
        JsonNode root = SearchRequestParser.read(body, "an input (the JSONL lines) or an input_file");
        List<FieldError> errors = new ArrayList<>();
        if (!root.isObject()) {
            throw RequestException.invalid(List.of(new FieldError("(body)", null, "a JSON object", "the body must be "
                    + "a JSON object with an input or an input_file")));
        }
        unknown(root, FIELDS, "the fields are " + String.join(", ", FIELDS), errors);
        JsonNode input = root.get("input");
        JsonNode file = root.get("input_file");
        String text = null;
        String name = null;
        if ((input == null) == (file == null)) {
            errors.add(new FieldError("input", null, "exactly one of input, input_file", "send exactly one of input "
                    + "(the JSONL lines as a string) and input_file (a file in the batch inbox)"));
        } else if (input != null) {
            text = text(input, "input", "the JSONL lines as a string", errors);
        } else {
            name = inputFile(text(file, "input_file", "a file name in the batch inbox", errors), errors);
        }
        JsonNode defaults = root.get("defaults");
        if (defaults != null && !defaults.isObject()) {
            errors.add(new FieldError("defaults", SearchRequestParser.echo(defaults), "a JSON object", "defaults must be a JSON object of "
                    + "search fields"));
        }
        int maxInFlight = maxInFlight(root.get("max_in_flight"), errors);
        Duration window = window(root.get("completion_window"), errors);
        check(errors);
        return new BatchRequest(text, name, defaults == null ? JsonNodeFactory.instance.objectNode() : defaults,
                maxInFlight, window);
    }

    /** A JSONL body with its options and defaults in the query. */
    public BatchRequest jsonl(String body, Map<String, List<String>> query) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode defaults = JsonNodeFactory.instance.objectNode();
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        List<String> known = new ArrayList<>(OPTIONS);
        SearchRequestParser.FIELDS.stream().filter(f -> !f.equals("problem") && !f.equals("answer"))
                .forEach(known::add);
        query.forEach((name, values) -> {
            if (!known.contains(name)) {
                errors.add(new FieldError(Echo.cut(name), null, "one of " + String.join(", ", known), "unknown query "
                        + "parameter " + Echo.cut(name) + ": the parameters are " + String.join(", ", known)));
            } else if (values.size() != 1) {
                errors.add(new FieldError(name, null, "once", name + " must be given once (got " + values.size()
                        + " values)"));
            } else {
                (OPTIONS.contains(name) ? options : defaults).set(name, queryValue(values.get(0)));
            }
        });
        int maxInFlight = maxInFlight(options.get("max_in_flight"), errors);
        Duration window = window(options.get("completion_window"), errors);
        check(errors);
        return new BatchRequest(body == null ? "" : body, null, defaults, maxInFlight, window);
    }

    /** A query value as JSON: a number if it reads as one (so {@code n=16} is the integer 16), else text. */
    private static JsonNode queryValue(String value) {
        try {
            return DecimalNode.valueOf(new BigDecimal(value));
        } catch (NumberFormatException e) {
            return TextNode.valueOf(value);
        }
    }

    private int maxInFlight(JsonNode v, List<FieldError> errors) {
        if (v == null) {
            return config.defaultMaxInFlight();
        }
        int max = config.maxMaxInFlight();
        String limit = "an integer between 1 and " + max;
        if (!v.isNumber() || v.decimalValue().stripTrailingZeros().scale() > 0
                || v.decimalValue().compareTo(BigDecimal.ONE) < 0
                || v.decimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
            errors.add(new FieldError("max_in_flight", SearchRequestParser.echo(v), limit, "max_in_flight must be " + limit + " (got "
                    + Echo.cut(v.isTextual() ? v.textValue() : v.toString()) + ")"));
            return 1;
        }
        return v.intValue();
    }

    private Duration window(JsonNode v, List<FieldError> errors) {
        if (v == null) {
            return config.defaultWindow();
        }
        String limit = "from " + config.minWindow().toHours() + "h to " + config.maxWindow().toDays() + "d, written "
                + "like 24h or 7d";
        Matcher m = v.isTextual() ? WINDOW.matcher(v.textValue()) : null;
        Duration window = null;
        if (m != null && m.matches()) {
            long amount = Long.parseLong(m.group(1));
            window = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        if (window == null || window.compareTo(config.minWindow()) < 0 || window.compareTo(config.maxWindow()) > 0) {
            errors.add(new FieldError("completion_window", SearchRequestParser.echo(v), limit, "completion_window must be " + limit
                    + " (got " + Echo.cut(v.isTextual() ? v.textValue() : v.toString()) + ")"));
            return config.defaultWindow();
        }
        return window;
    }

    private static String text(JsonNode v, String field, String expected, List<FieldError> errors) {
        if (!v.isTextual() || v.textValue().isBlank()) {
            errors.add(new FieldError(field, SearchRequestParser.echo(v), expected, field + " must be " + expected + " (got "
                    + (v.isTextual() ? "a blank string" : v.getNodeType().name().toLowerCase()) + ")"));
            return null;
        }
        return v.textValue();
    }

    /** A name in the inbox: no absolute path, no {@code ..}, nothing but plain segments. */
    private static String inputFile(String name, List<FieldError> errors) {
        if (name == null) {
            return null;
        }
        String limit = "a file name in the batch inbox: letters, digits, '.', '_', '-', segments joined by '/', at "
                + "most " + MAX_NAME_CHARS + " characters";
        if (name.length() > MAX_NAME_CHARS || !NAME.matcher(name).matches() || name.contains("..")) {
            errors.add(new FieldError("input_file", TextNode.valueOf(Echo.cut(name)), limit, "input_file must be "
                    + limit + " (got " + Echo.cut(name) + ")"));
            return null;
        }
        return name;
    }

    private static void unknown(JsonNode root, List<String> fields, String known, List<FieldError> errors) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                errors.add(new FieldError(Echo.cut(name), null, "one of " + String.join(", ", fields),
                        "unknown field " + Echo.cut(name) + ": " + known));
            }
        }
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw RequestException.invalid(errors);
        }
    }
}
