package dev.ponder.http.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ponder.engine.request.Echo;
import dev.ponder.engine.request.FieldError;
import dev.ponder.engine.request.RequestException;
import dev.ponder.engine.request.SearchRequest;
import dev.ponder.engine.request.SearchRequestParser;
import dev.ponder.http.problem.ApiException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads an OpenAI chat completion request as a search: the model name ({@link ModelName}) or the {@code ponder}
 * object picks the strategy and its knobs, the messages become the problem, and {@link SearchRequestParser} checks
 * the search's fields with the limits and messages of {@code POST /v1/searches}. Whatever the bytes, the outcome is a
 * {@link ChatRequest}, a 400, or a 404 for a model that is not ponder's.
 */
public final class ChatRequestParser {

    /** The fields ponder reads. */
    public static final List<String> FIELDS = List.of("model", "messages", "n", "stream", "stream_options", "ponder");

    /**
     * OpenAI's documented fields ponder accepts and ignores. Sampling and length are the search's own knobs
     * ({@code ponder.temperature}, {@code ponder.seed}): a client's usual {@code temperature: 0} would make every
     * sample of a search the same. The answer is plain text, one choice, no log probabilities.
     */
    public static final List<String> IGNORED = List.of("user", "temperature", "top_p", "max_tokens",
            "max_completion_tokens", "seed", "stop", "presence_penalty", "frequency_penalty", "logprobs", "top_logprobs",
            "logit_bias", "metadata", "store", "response_format", "service_tier", "reasoning_effort", "verbosity",
            "parallel_tool_calls", "prompt_cache_key", "safety_identifier", "modalities");

    /** Roles a message may have; {@code developer} is OpenAI's newer name for {@code system}. */
    static final List<String> ROLES = List.of("system", "developer", "user", "assistant");

    /** Fields of a message; {@code name} is accepted and ignored. */
    static final List<String> MESSAGE_FIELDS = List.of("role", "content", "name");

    /** How a rendered transcript labels each role. */
    private static final Map<String, String> LABELS = Map.of("system", "System", "developer", "System", "user",
            "User", "assistant", "Assistant");

    private final SearchRequestParser searches;

    public ChatRequestParser(SearchRequestParser searches) {
        this.searches = searches;
    }

    /** Parses and validates a body's text. */
    public ChatRequest parse(String body) {
        JsonNode root = SearchRequestParser.read(body, "a model and messages");
        if (!root.isObject()) {
            throw ApiException.invalid(List.of(new FieldError("(body)", SearchRequestParser.echo(root),
                    "a JSON object", "the body must be a JSON object with a model and messages")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name) && !IGNORED.contains(name)) {
                errors.add(new FieldError(Echo.cut(name), SearchRequestParser.echo(root.get(name)),
                        "one of " + String.join(", ", FIELDS) + " or an ignored OpenAI field", "unknown field "
                        + Echo.cut(name) + ": ponder reads " + String.join(", ", FIELDS) + " and ignores "
                        + String.join(", ", IGNORED)));
            }
        }
        String model = model(root.get("model"), errors);
        checkN(root.get("n"), errors);
        boolean stream = flag(root.get("stream"), "stream", errors);
        boolean includeUsage = stream && includeUsage(root.get("stream_options"), errors);
        String problem = problem(root.get("messages"), errors);
        JsonNode ponder = root.get("ponder");
        if (ponder != null && !ponder.isObject()) {
            errors.add(new FieldError("ponder", SearchRequestParser.echo(ponder), "an object", "ponder must be an "
                    + "object of search fields (got " + kind(ponder) + "); leave it out for the model's search"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        ModelName name = ModelName.require(model);
        ObjectNode fields = searchFields(ponder, name, model, problem, errors);
        SearchRequest search;
        try {
            search = searches.parse(fields, naming(name, model));
        } catch (RequestException e) {
            // The chat's own errors (model, messages) and the search's, in one refusal.
            errors.addAll(e.errors() == null ? List.of() : e.errors());
            throw errors.isEmpty() ? ApiException.of(e) : ApiException.invalid(errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new ChatRequest(search, ModelName.of(search.strategy(), search.n()), stream, includeUsage);
    }

    /** The search's fields: the {@code ponder} object's, the model name's, and the problem. */
    private static ObjectNode searchFields(JsonNode ponder, ModelName name, String model, String problem,
                                           List<FieldError> errors) {
        ObjectNode fields = ponder == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) ponder).deepCopy();
        if (fields.has("problem")) {
            errors.add(new FieldError("ponder.problem", SearchRequestParser.echo(fields.get("problem")), "absent",
                    "ponder.problem cannot be set: the problem is the last user message"));
        }
        fields.set("problem", TextNode.valueOf(problem));
        if (name.strategy() != null) {
            for (String field : List.of("strategy", "n")) {
                if (fields.has(field)) {
                    errors.add(new FieldError("ponder." + field, SearchRequestParser.echo(fields.get(field)),
                            "absent with model " + Echo.cut(model), "ponder." + field + " cannot be set with model "
                            + Echo.cut(model) + ", which sets it: send model ponder to choose it in ponder"));
                }
            }
            fields.set("strategy", TextNode.valueOf(name.strategy()));
            fields.set("n", DecimalNode.valueOf(name.n()));
        }
        return fields;
    }

    /** Errors name the problem after the messages, the model's strategy and n after the model, the rest in ponder. */
    private static SearchRequestParser.Naming naming(ModelName name, String model) {
        boolean fromModel = name.strategy() != null;
        return new SearchRequestParser.Naming(
                f -> f.equals("problem") ? "messages" : fromModel && isModels(f) ? "model" : "ponder." + f,
                f -> f.equals("problem") ? "the prompt rendered from messages"
                        : fromModel && isModels(f) ? f + " of model " + Echo.cut(model) : "ponder." + f,
                SearchRequestParser.FIELDS.stream().filter(f -> !f.equals("problem")).toList());
    }

    private static boolean isModels(String field) {
        return field.equals("strategy") || field.equals("n");
    }

    private static String model(JsonNode v, List<FieldError> errors) {
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            errors.add(new FieldError("model", SearchRequestParser.echo(v), ModelName.rule(), "model is required: "
                    + ModelName.rule() + " (got " + kind(v) + ")"));
            return null;
        }
        return v.textValue().strip();
    }

    /** OpenAI's n is the number of choices: ponder answers one. The budget is the model's n or ponder.n. */
    private static void checkN(JsonNode v, List<FieldError> errors) {
        if (v == null || v.isNull() || (v.isNumber() && v.decimalValue().compareTo(BigDecimal.ONE) == 0)) {
            return;
        }
        errors.add(new FieldError("n", SearchRequestParser.echo(v), "1", "n must be 1 (got " + Echo.cut(v.isTextual()
                ? v.textValue() : v.toString()) + "): n is OpenAI's number of choices, and ponder answers with one; "
                + "the search's budget is the n of the model name (ponder-beam-16) or ponder.n"));
    }

    /** An optional boolean; OpenAI's fields are nullable, and null means the default (false). */
    private static boolean flag(JsonNode v, String path, List<FieldError> errors) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            errors.add(new FieldError(path, SearchRequestParser.echo(v), "true or false", path
                    + " must be true or false (got " + kind(v) + ")"));
            return false;
        }
        return v.booleanValue();
    }

    private static boolean includeUsage(JsonNode options, List<FieldError> errors) {
        if (options == null || options.isNull()) {
            return false;
        }
        if (!options.isObject()) {
            errors.add(new FieldError("stream_options", SearchRequestParser.echo(options), "an object",
                    "stream_options must be an object like {\"include_usage\": true} (got " + kind(options) + ")"));
            return false;
        }
        for (Iterator<String> names = options.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("include_usage") && !name.equals("include_obfuscation")) {
                errors.add(new FieldError("stream_options." + Echo.cut(name), SearchRequestParser.echo(
                        options.get(name)), "include_usage or include_obfuscation", "unknown field stream_options."
                        + Echo.cut(name) + ": the fields are include_usage and include_obfuscation (ignored)"));
            }
        }
        return flag(options.get("include_usage"), "stream_options.include_usage", errors);
    }

    /**
     * The problem the search gets. A lone user message is the problem as written. With earlier turns or a system
     * message, the whole conversation is rendered as a transcript, one {@code Role: text} paragraph per message
     * ({@code System}, {@code User}, {@code Assistant}), the last user message last: the model sees the context
     * before the question it answers.
     */
    private static String problem(JsonNode messages, List<FieldError> errors) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            errors.add(new FieldError("messages", SearchRequestParser.echo(messages), "a non-empty array of messages",
                    "messages must be a non-empty array of messages, the last from the user (got " + kind(messages)
                    + ")"));
            return null;
        }
        List<String> paragraphs = new ArrayList<>();
        String lastText = null;
        int before = errors.size();
        for (int i = 0; i < messages.size(); i++) {
            String where = "messages[" + i + "]";
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                errors.add(new FieldError(where, SearchRequestParser.echo(m), "an object with role and content",
                        where + " must be an object with role and content (got " + kind(m) + ")"));
                continue;
            }
            for (Iterator<String> names = m.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!MESSAGE_FIELDS.contains(name)) {
                    errors.add(new FieldError(where + "." + Echo.cut(name), SearchRequestParser.echo(m.get(name)),
                            "one of " + String.join(", ", MESSAGE_FIELDS), "unknown field " + where + "."
                            + Echo.cut(name) + ": a message has " + String.join(", ", MESSAGE_FIELDS)
                            + " (ponder answers with text only: no tools, no audio)"));
                }
            }
            JsonNode role = m.get("role");
            boolean known = role != null && role.isTextual() && ROLES.contains(role.textValue());
            if (!known) {
                errors.add(new FieldError(where + ".role", SearchRequestParser.echo(role), "one of "
                        + String.join(", ", ROLES), where + ".role must be one of " + String.join(", ", ROLES)
                        + " (got " + (role != null && role.isTextual() ? Echo.cut(role.textValue()) : kind(role))
                        + ")"));
            }
            String text = content(m.get("content"), where + ".content", errors);
            if (known && text != null) {
                paragraphs.add(LABELS.get(role.textValue()) + ": " + text);
            }
            lastText = text;
            if (i == messages.size() - 1 && known && !role.textValue().equals("user")) {
                errors.add(new FieldError(where + ".role", role, "user", "the last message must be the user's: "
                        + "it is the problem (got " + role.textValue() + ")"));
            } else if (i == messages.size() - 1 && text != null && text.isBlank()) {
                errors.add(new FieldError(where + ".content", SearchRequestParser.echo(m.get("content")),
                        "a non-blank text", where + ".content must not be blank: the last user message is the "
                        + "problem"));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return messages.size() == 1 ? lastText : String.join("\n\n", paragraphs);
    }

    /** A message's text: a string, or an array of text parts ({@code {"type": "text", "text": ...}}), joined by lines. */
    private static String content(JsonNode v, String where, List<FieldError> errors) {
        if (v != null && v.isTextual()) {
            return v.textValue();
        }
        String expected = "a string or an array of text parts";
        if (v == null || !v.isArray()) {
            errors.add(new FieldError(where, SearchRequestParser.echo(v), expected, where + " must be " + expected
                    + " (got " + kind(v) + ")"));
            return null;
        }
        List<String> parts = new ArrayList<>();
        int before = errors.size();
        for (int j = 0; j < v.size(); j++) {
            JsonNode part = v.get(j);
            JsonNode type = part.get("type");
            JsonNode text = part.get("text");
            if (!part.isObject() || type == null || !"text".equals(type.textValue()) || text == null
                    || !text.isTextual() || part.size() != 2) {
                errors.add(new FieldError(where + "[" + j + "]", SearchRequestParser.echo(part),
                        "{\"type\": \"text\", \"text\": ...}", where + "[" + j + "] must be a text part {\"type\": "
                        + "\"text\", \"text\": ...}: ponder reads text only (got " + (type != null && type.isTextual()
                        ? "type " + Echo.cut(type.textValue()) : kind(part)) + ")"));
                continue;
            }
            parts.add(text.textValue());
        }
        return errors.size() > before ? null : String.join("\n", parts);
    }

    private static String kind(JsonNode node) {
        return SearchRequestParser.kind(node);
    }
}
