package dev.ponder.engine.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.search.InvalidConfigException;
import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.BeamSearch;
import dev.ponder.core.strategy.Dvts;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.engine.request.Echo;
import dev.ponder.engine.request.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Reads a {@code POST /v1/searches} body from its JSON tree (not by binding a class), so that every bad field is
 * named with its value and its limit, all at once; unknown fields are named too. Whatever the bytes, the outcome is
 * a {@link SearchRequest} or a {@link RequestException}: never anything else. Plain Java and Jackson, so every front door
 * (the API, the CLI, the bucket trigger) validates alike.
 */
public final class SearchRequestParser {

    /** The fields a body may hold, in the order the API documents them. */
    public static final List<String> FIELDS = List.of("problem", "answer", "strategy", "n", "m", "temperature",
            "top_p", "reduction", "max_iterations", "deadline_seconds", "policy", "prm", "seed");

    /**
     * How errors name a search's fields: {@link #AS_SENT} for {@code POST /v1/searches}. A chat completion carries
     * them in its {@code ponder} object and its model name, and renders the problem from its messages.
     *
     * @param path   where the field sits in the body: an error's {@code field}
     * @param label  how an error's message names it
     * @param fields the fields a client may set there, as an unknown field's error lists them
     */
    public record Naming(UnaryOperator<String> path, UnaryOperator<String> label, List<String> fields) {

        /** Every field named as sent. */
        public static final Naming AS_SENT = new Naming(f -> f, f -> f, FIELDS);
    }

    /**
     * The bounds a request is validated against and the defaults it takes; the API maps its {@code ponder.api.*}
     * keys into them (their reasons are there).
     */
    public record Limits(int maxProblemChars, int maxAnswerChars, int maxN, int maxM, double maxTemperature,
                         int maxIterations, int minDeadlineSeconds, int maxDeadlineSeconds, long maxSeed,
                         String defaultStrategy, int defaultN, String defaultPolicy, String defaultPrm) {
    }

    /** Deeper JSON than this is junk for a flat body; the parser stops early rather than walking it. */
    private static final int MAX_NESTING = 32;

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        STRICT.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                .build());
    }

    private final Limits limits;
    private final SortedSet<String> profiles;

    /**
     * @param limits   the bounds and defaults of a request
     * @param profiles the model profile names a search may name as policy or PRM
     */
    public SearchRequestParser(Limits limits, Set<String> profiles) {
        this.limits = limits;
        this.profiles = new TreeSet<>(profiles);
    }

    /** Parses and validates a body's text. */
    public SearchRequest parse(String body) {
        return parse(read(body, "a problem"), Naming.AS_SENT);
    }

    /**
     * A body's JSON tree, read strictly: no trailing tokens, no duplicate keys, nesting at most 32, floats as
     * decimals; anything else is refused as malformed, saying what the body must hold ({@code needs}).
     */
    public static JsonNode read(String body, String needs) {
        if (body == null || body.isBlank()) {
            throw RequestException.malformed("the body is empty: send a JSON object with at least " + needs);
        }
        try {
            return strict(body);
        } catch (JsonProcessingException e) {
            throw RequestException.malformed("the body is not valid JSON: " + why(e));
        }
    }

    /** The tree of {@code text}, read as strictly as a body is. */
    static JsonNode strict(String text) throws JsonProcessingException {
        return STRICT.readTree(text);
    }

    /** Why text is not JSON, and where it broke when the parser knows. */
    static String why(JsonProcessingException e) {
        // Some errors (nesting too deep, say) carry no location.
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return Echo.cut(String.valueOf(e.getOriginalMessage()), 200) + where;
    }

    /** Validates a parsed body, naming its fields as sent. */
    public SearchRequest parse(JsonNode root) {
        return parse(root, Naming.AS_SENT);
    }

    /** Validates a parsed body, naming its fields in errors as {@code naming} says. */
    public SearchRequest parse(JsonNode root, Naming naming) {
        if (root == null || !root.isObject()) {
            throw RequestException.invalid(List.of(new FieldError("(body)", echo(root), "a JSON object",
                    "the body must be a JSON object with at least a problem (got " + kind(root) + ")")));
        }
        Fields f = new Fields(root, naming);
        String settable = String.join(", ", naming.fields());
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                f.error(name, root.get(name), "one of " + settable, "unknown field "
                        + Echo.cut(naming.path().apply(name), Echo.CHARS) + ": the fields are " + settable);
            }
        }
        String problem = f.text("problem", true, limits.maxProblemChars());
        String answer = f.text("answer", false, limits.maxAnswerChars());
        String strategy = f.oneOf("strategy", Strategies.NAMES, limits.defaultStrategy());
        Long n = f.integer("n", 1, Math.min(limits.maxN(), SearchConfig.MAX_N), (long) limits.defaultN());
        Long m = f.integer("m", 1, Math.min(limits.maxM(), SearchConfig.MAX_M), null);
        SearchConfig d = SearchConfig.defaults();
        Double temperature = f.number("temperature", 0, false, Math.min(limits.maxTemperature(), 2.0),
                d.temperature());
        Double topP = f.number("top_p", 0, true, 1.0, d.topP());
        String reduction = f.oneOf("reduction", List.of("last", "min", "prod", "mean"),
                d.reduction().name().toLowerCase(Locale.ROOT));
        Long maxIterations = f.integer("max_iterations", 1, Math.min(limits.maxIterations(),
                SearchConfig.MAX_ITERATIONS), (long) d.maxIterations());
        Long deadline = f.integer("deadline_seconds", limits.minDeadlineSeconds(), limits.maxDeadlineSeconds(),
                null);
        String policy = f.oneOf("policy", profiles, limits.defaultPolicy());
        String prm = f.oneOf("prm", profiles, limits.defaultPrm());
        Long seed = f.integer("seed", 0, limits.maxSeed(), d.seed());

        if (n != null && m == null && !root.has("m")) {
            // Unset, the beam width is the core's 4, but never wider than the budget.
            m = Math.min(d.m(), n);
        }
        f.widthFits(strategy, n, m);
        if (!f.errors.isEmpty()) {
            throw RequestException.invalid(f.errors);
        }
        SearchRequest request = new SearchRequest(problem, answer, strategy, n.intValue(), m.intValue(), temperature,
                topP, Reduction.parse(reduction), maxIterations.intValue(),
                deadline == null ? null : deadline.intValue(), policy, prm, seed);
        checkWithTheCore(request, naming);
        return request;
    }

    /** What the core itself refuses (its bounds, the strategy's own rules), in case the limits above allow it. */
    private static void checkWithTheCore(SearchRequest request, Naming naming) {
        try {
            Strategies.create(request.strategy(), AnswerEquivalence.math()).start(request.toProblem(),
                    request.config());
        } catch (InvalidConfigException e) {
            throw RequestException.invalid(e.errors().stream().map(message -> new FieldError(
                    message.substring(0, Math.max(0, message.indexOf(' '))), null, null, message)).toList());
        } catch (IllegalArgumentException e) {
            throw RequestException.invalid(List.of(new FieldError("(body)", null, null, e.getMessage())));
        }
    }

    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** A value as an error echoes it: scalars as sent (long text cut), containers as short JSON text. */
    public static JsonNode echo(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(Echo.cut(node.textValue(), Echo.CHARS));
        }
        if (node.isContainerNode()) {
            return TextNode.valueOf(Echo.cut(node.toString(), Echo.CHARS));
        }
        if (node.isNumber() && node.isBigDecimal() && node.decimalValue().precision() > Echo.CHARS) {
            return TextNode.valueOf(Echo.cut(node.decimalValue().toString(), Echo.CHARS));
        }
        return node.deepCopy();
    }

    /** The fields of one body, read one by one; each bad one adds an error and reads as {@code null}. */
    private final class Fields {

        final JsonNode root;
        final Naming naming;
        final List<FieldError> errors = new ArrayList<>();

        Fields(JsonNode root, Naming naming) {
            this.root = root;
            this.naming = naming;
        }

        void error(String field, JsonNode value, String limit, String message) {
            errors.add(new FieldError(Echo.cut(naming.path().apply(field), Echo.CHARS), echo(value), limit, message));
        }

        /** The field as messages name it. */
        String label(String field) {
            return naming.label().apply(field);
        }

        /** The field's node; absent, {@code null} (and an error if required). A JSON null is an error: leave it out. */
        private JsonNode present(String field, boolean required, String expected) {
            JsonNode v = root.get(field);
            if (v == null) {
                if (required) {
                    error(field, null, expected, label(field) + " is required: " + expected);
                }
                return null;
            }
            if (v.isNull()) {
                error(field, v, expected, label(field) + " must be " + expected + " (got null)"
                        + (required ? "" : "; leave it out for the default"));
                return null;
            }
            return v;
        }

        String text(String field, boolean required, int maxChars) {
            String expected = "a non-empty string of at most " + maxChars + " characters";
            JsonNode v = present(field, required, expected);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                error(field, v, expected, label(field) + " must be " + expected + " (got " + kind(v) + ")");
                return null;
            }
            String s = v.textValue();
            int lone = Echo.loneSurrogate(s);
            if (lone >= 0) {
                error(field, v, "valid Unicode", label(field) + " must be valid Unicode (an unpaired surrogate at index " + lone + ")");
                return null;
            }
            if (s.isBlank()) {
                error(field, v, expected, label(field) + " must be " + expected + " (got a blank string)");
                return null;
            }
            int chars = s.codePointCount(0, s.length());
            if (chars > maxChars) {
                error(field, v, "at most " + maxChars + " characters", label(field) + " must be at most " + maxChars
                        + " characters (got " + chars + ")");
                return null;
            }
            return s.strip();
        }

        String oneOf(String field, Collection<String> allowed, String fallback) {
            String expected = "one of " + String.join(", ", allowed);
            JsonNode v = present(field, false, expected);
            if (v == null) {
                return root.has(field) ? null : fallback;
            }
            if (!v.isTextual() || !allowed.contains(v.textValue())) {
                error(field, v, expected, label(field) + " must be " + expected + " (got " + (v.isTextual()
                        ? Echo.cut(v.textValue(), Echo.CHARS) : kind(v)) + ")");
                return null;
            }
            return v.textValue();
        }

        Long integer(String field, long min, long max, Long fallback) {
            String limit = "an integer between " + min + " and " + max;
            JsonNode v = present(field, false, limit);
            if (v == null) {
                return root.has(field) ? null : fallback;
            }
            if (!v.isNumber()) {
                error(field, v, limit, label(field) + " must be " + limit + " (got " + kind(v) + ")");
                return null;
            }
            BigDecimal value = v.decimalValue();
            // Compared as decimals: 1e999999999 must not become a billion-digit integer first.
            if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                error(field, v, limit, label(field) + " must be " + limit + " (got " + shortNumber(value) + ")");
                return null;
            }
            if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
                error(field, v, limit, label(field) + " must be between " + min + " and " + max + " (got "
                        + shortNumber(value) + ")");
                return null;
            }
            return value.longValueExact();
        }

        Double number(String field, double min, boolean minExclusive, double max, double fallback) {
            String limit = (minExclusive ? "greater than " + min + " and at most " : "between " + min + " and ") + max;
            JsonNode v = present(field, false, "a number " + limit);
            if (v == null) {
                return root.has(field) ? null : fallback;
            }
            if (!v.isNumber()) {
                error(field, v, limit, label(field) + " must be a number " + limit + " (got " + kind(v) + ")");
                return null;
            }
            BigDecimal value = v.decimalValue();
            int low = value.compareTo(BigDecimal.valueOf(min));
            if (low < 0 || (minExclusive && low == 0) || value.compareTo(BigDecimal.valueOf(max)) > 0) {
                error(field, v, limit, label(field) + " must be " + limit + " (got " + shortNumber(value) + ")");
                return null;
            }
            return value.doubleValue();
        }

        /** Beam search and DVTS spread n over beams of width m: m at most n, and for DVTS n a multiple of m. */
        void widthFits(String strategy, Long n, Long m) {
            if (strategy == null || n == null || m == null) {
                return;
            }
            boolean beams = strategy.equals(BeamSearch.NAME) || strategy.equals(Dvts.NAME);
            String defaulted = root.has("m") ? "" : " (m defaults to " + m + ")";
            if (beams && m > n) {
                error("m", root.get("m"), "at most n (" + n + ")", label("m") + " must be at most n for " + strategy
                        + " (got m=" + m + ", n=" + n + ")" + defaulted);
            } else if (strategy.equals(Dvts.NAME) && n % m != 0) {
                error("m", root.get("m"), "a divisor of n (" + n + ")", "n must be a multiple of m for dvts (got n="
                        + n + ", m=" + m + ")" + defaulted);
            }
        }
    }

    private static String shortNumber(BigDecimal value) {
        return Echo.cut(value.toString(), Echo.CHARS);
    }
}
