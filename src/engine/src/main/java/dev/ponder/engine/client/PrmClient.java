package dev.ponder.engine.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.core.model.RewardModel;
import dev.ponder.core.model.ScoreItem;
import dev.ponder.core.model.Scoring;
import dev.ponder.core.model.Usage;
import dev.ponder.core.prompt.ChatTemplate;
import dev.ponder.core.prompt.Message;
import dev.ponder.engine.model.ModelProfile;
import dev.ponder.engine.model.PrmFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The process reward model behind an HTTP endpoint (SPEC.md §5, reference/vllm-protocols.md §4). The profile's
 * {@code prmFormat} picks the protocol — configuration, not code forks:
 * <ul>
 *   <li>{@code ponder-json}: {@code POST /v1/prm/score} with {@code {"items": [{"problem", "steps"}]}}, answered
 *       by {@code {"results": [{"step_scores": [...]}]}}; items are sent {@code maxBatch} per request.</li>
 *   <li>{@code vllm-reward} (Qwen2.5-Math-PRM, STEP pooling): {@code POST /pooling} with the chat [system, user =
 *       problem, assistant = each step followed by the step tag]; the score of step k is
 *       {@code data[0].data[k][1]}, the positive class. With template {@code none} the server renders each chat from
 *       {@code messages} (vLLM's documented route), one request per candidate, sent at once; with a named
 *       template the chats are rendered here and sent as one {@code input} list per {@code maxBatch}, one round
 *       trip for many candidates, but only right if the template is the model's own.
 *       The row count must equal the step count (zero rows usually means prefix caching is on for the PRM).</li>
 *   <li>{@code token-prob} (a generative PRM read through log-probabilities): one prompt per step prefix, all
 *       candidates' prefixes (each distinct text once) in one {@code /v1/completions} request per {@code maxBatch},
 *       with {@code max_tokens: 1}, {@code temperature: 0}, {@code logprobs: k}. The score of a step is
 *       {@code e^a / (e^a + e^b)}, a and b the log-probabilities of the good and bad token in the first position's
 *       top list ({@code choices[i].logprobs.top_logprobs[0]}). Two renderings:
 *       <ul>
 *         <li>a chat template (RLHFlow Llama3.1-8B-PRM-Deepseek-Data: {@code llama3}): user "question + ' ' + step 1",
 *             assistant good token, ..., user step k, then an open assistant header;</li>
 *         <li>template {@code none} (Math-Shepherd served as a plain generator, step tag {@code ки}): the question,
 *             a space, then steps 1..k each followed by " ки" and joined by "\n", ending right after the last
 *             tag.</li>
 *       </ul>
 *       <b>The floor.</b> When a token is not in the top-k list, its log-probability is at most the smallest one
 *       returned, and that bound is used for it: a missing bad token gives a lower bound on the score, a missing good
 *       token an upper bound (a low score). When both are missing the step scores 0.5 and the
 *       {@value #MISSING_TOKENS} counter says so: the endpoint check reports it, since it usually means the good or
 *       bad token is misconfigured.</li>
 * </ul>
 * Items without steps score {@code []} without a request. Thread-safe.
 */
public final class PrmClient implements RewardModel {

    static final String PONDER_SCORE = "/v1/prm/score";
    static final String POOLING = "/pooling";
    static final String COMPLETIONS = "/v1/completions";
    /** Steps whose good and bad tokens were both missing from the top log-probabilities (token-prob). */
    static final String MISSING_TOKENS = "ponder.endpoint.prm.tokens.missing";
    /** The label written into earlier assistant turns when the good token is given as a token id. */
    private static final String DEFAULT_LABEL = "+";

    private final ModelProfile profile;
    private final PrmFormat format;
    private final Endpoint endpoint;
    private final ChatTemplate template;
    private final Counter missingBoth;

    /** A client for the profile's endpoint; its meters go to {@code registry}. */
    public PrmClient(ModelProfile profile, MeterRegistry registry) {
        this(profile, registry, System::getenv);
    }

    /**
     * As above, reading the API key through {@code environment}: the process environment, or (in the cloud) the
     * model secret's entries over it.
     */
    public PrmClient(ModelProfile profile, MeterRegistry registry, UnaryOperator<String> environment) {
        this.profile = profile;
        this.format = profile.format();
        this.template = profile.chatTemplate();
        if (format == PrmFormat.TOKEN_PROB && template instanceof ChatTemplate.Custom) {
            throw new IllegalArgumentException("model profile " + profile.name() + ": a token-prob PRM needs a "
                    + "multi-turn template (llama3, chatml) or none, not custom");
        }
        this.endpoint = new Endpoint(profile, "PRM", registry, new ObjectMapper(), environment);
        this.missingBoth = Counter.builder(MISSING_TOKENS)
                .description("token-prob steps whose good and bad tokens were both missing from the top list")
                .tags("role", "prm", "endpoint", profile.endpoint(), "model", profile.model()).register(registry);
    }

    public ModelProfile profile() {
        return profile;
    }

    @Override
    public Scoring score(List<ScoreItem> items) {
        return scoreDetailed(items).scoring();
    }

    /** Scores and how many token-prob steps had neither token in the top list (always 0 for other formats). */
    record Detailed(Scoring scoring, int missingBoth) {
    }

    Detailed scoreDetailed(List<ScoreItem> items) {
        return switch (format) {
            case PONDER_JSON -> new Detailed(ponderJson(items), 0);
            case VLLM_REWARD -> new Detailed(pooling(items), 0);
            case TOKEN_PROB -> tokenProb(items);
        };
    }

    // ---- ponder JSON ----

    private Scoring ponderJson(List<ScoreItem> items) {
        List<Integer> scored = withSteps(items);
        List<List<Integer>> chunks = chunks(scored);
        List<Supplier<Part>> calls = new ArrayList<>();
        for (List<Integer> chunk : chunks) {
            calls.add(() -> ponderJsonChunk(items, chunk));
        }
        return assemble(items, chunks, Fanout.all(calls));
    }

    private Part ponderJsonChunk(List<ScoreItem> items, List<Integer> chunk) {
        ObjectNode body = endpoint.json().createObjectNode();
        body.put("model", profile.model());
        ArrayNode list = body.putArray("items");
        for (int i : chunk) {
            ObjectNode item = list.addObject();
            item.put("problem", items.get(i).problem());
            ArrayNode steps = item.putArray("steps");
            items.get(i).steps().forEach(steps::add);
        }
        long start = System.nanoTime();
        JsonNode response = endpoint.post(PONDER_SCORE, body);
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode results = response.get("results");
        if (results == null || !results.isArray()) {
            throw endpoint.protocol("POST", PONDER_SCORE, "the required field 'results' is "
                    + (results == null ? "missing" : "not a list"));
        }
        if (results.size() != chunk.size()) {
            throw endpoint.protocol("POST", PONDER_SCORE, "expected " + chunk.size() + " results, got "
                    + results.size());
        }
        List<List<Double>> scores = new ArrayList<>(chunk.size());
        for (int k = 0; k < chunk.size(); k++) {
            String where = "results[" + k + "].step_scores";
            JsonNode stepScores = results.get(k).get("step_scores");
            if (stepScores == null || !stepScores.isArray()) {
                throw endpoint.protocol("POST", PONDER_SCORE, "the required field '" + where + "' is "
                        + (stepScores == null ? "missing" : "not a list"));
            }
            int steps = items.get(chunk.get(k)).steps().size();
            if (stepScores.size() != steps) {
                throw endpoint.protocol("POST", PONDER_SCORE, where + " has " + stepScores.size()
                        + " scores for an item with " + steps + " steps");
            }
            List<Double> item = new ArrayList<>(steps);
            for (int j = 0; j < steps; j++) {
                item.add(probability(PONDER_SCORE, where + "[" + j + "]", stepScores.get(j)));
            }
            scores.add(item);
        }
        return part(response, scores, seconds);
    }

    // ---- vLLM reward pooling ----

    private Scoring pooling(List<ScoreItem> items) {
        List<Integer> scored = withSteps(items);
        List<List<Integer>> chunks = template == null ? scored.stream().map(List::of).toList() : chunks(scored);
        List<Supplier<Part>> calls = new ArrayList<>();
        for (List<Integer> chunk : chunks) {
            calls.add(() -> poolingChunk(items, chunk));
        }
        return assemble(items, chunks, Fanout.all(calls));
    }

    private Part poolingChunk(List<ScoreItem> items, List<Integer> chunk) {
        ObjectNode body = endpoint.json().createObjectNode();
        body.put("model", profile.model());
        if (template == null) {
            ArrayNode messages = body.putArray("messages");
            for (Message m : poolingChat(items.get(chunk.get(0)))) {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
        } else {
            ArrayNode input = body.putArray("input");
            for (int i : chunk) {
                input.add(template.render(poolingChat(items.get(i)), false));
            }
        }
        long start = System.nanoTime();
        JsonNode response = endpoint.post(POOLING, body);
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode data = response.get("data");
        if (data == null || !data.isArray()) {
            throw endpoint.protocol("POST", POOLING, "the required field 'data' is "
                    + (data == null ? "missing" : "not a list"));
        }
        if (data.size() != chunk.size()) {
            throw endpoint.protocol("POST", POOLING, "expected " + chunk.size() + " entries in 'data', got "
                    + data.size());
        }
        List<JsonNode> entries = new ArrayList<>();
        data.forEach(entries::add);
        entries.sort((a, b) -> Integer.compare(a.path("index").asInt(0), b.path("index").asInt(0)));
        List<List<Double>> scores = new ArrayList<>(chunk.size());
        for (int k = 0; k < chunk.size(); k++) {
            JsonNode rows = entries.get(k).get("data");
            String where = "data[" + k + "].data";
            if (rows == null || !rows.isArray()) {
                throw endpoint.protocol("POST", POOLING, "the required field '" + where + "' is "
                        + (rows == null ? "missing" : "not a list"));
            }
            int steps = items.get(chunk.get(k)).steps().size();
            if (rows.size() != steps) {
                throw endpoint.protocol("POST", POOLING, where + " has " + rows.size() + " rows for an item with "
                        + steps + " steps: one row per step tag " + profile.stepTag() + " is expected (check "
                        + "step-tag, and that prefix caching is off for a STEP-pooling PRM)");
            }
            List<Double> item = new ArrayList<>(steps);
            for (int j = 0; j < steps; j++) {
                JsonNode row = rows.get(j);
                JsonNode positive = row.isArray() ? row.get(row.size() >= 2 ? 1 : 0) : row;
                item.add(probability(POOLING, where + "[" + j + "]" + (row.isArray() ? "[1]" : ""), positive));
            }
            scores.add(item);
        }
        return part(response, scores, seconds);
    }

    /** The Qwen2.5-Math-PRM chat: system, the problem, and the steps each ending with the step tag. */
    List<Message> poolingChat(ScoreItem item) {
        String system = profile.systemPrompt() == null ? ModelProfile.QWEN_PRM_SYSTEM_PROMPT : profile.systemPrompt();
        StringBuilder steps = new StringBuilder();
        for (String step : item.steps()) {
            steps.append(step).append(profile.stepTag());
        }
        List<Message> chat = new ArrayList<>(3);
        if (!system.isEmpty()) {
            chat.add(Message.system(system));
        }
        chat.add(Message.user(item.problem()));
        chat.add(Message.assistant(steps.toString()));
        return chat;
    }

    // ---- token probabilities ----

    private Detailed tokenProb(List<ScoreItem> items) {
        Map<String, Integer> distinct = new LinkedHashMap<>(); // each distinct prefix text once, in first-seen order
        List<int[]> promptOf = new ArrayList<>(items.size());
        for (ScoreItem item : items) {
            int[] at = new int[item.steps().size()];
            for (int k = 0; k < at.length; k++) {
                at[k] = distinct.computeIfAbsent(tokenProbPrompt(item, k), t -> distinct.size());
            }
            promptOf.add(at);
        }
        List<String> prompts = new ArrayList<>(distinct.keySet());
        List<List<Integer>> chunks = chunks(java.util.stream.IntStream.range(0, prompts.size()).boxed().toList());
        List<Supplier<LabelPart>> calls = new ArrayList<>();
        for (List<Integer> chunk : chunks) {
            calls.add(() -> labelChunk(chunk.stream().map(prompts::get).toList()));
        }
        List<LabelPart> parts = Fanout.all(calls);
        double[] byPrompt = new double[prompts.size()];
        Usage usage = Usage.ZERO;
        int missing = 0;
        Iterator<List<Integer>> chunkIt = chunks.iterator();
        for (LabelPart part : parts) {
            List<Integer> chunk = chunkIt.next();
            for (int k = 0; k < chunk.size(); k++) {
                byPrompt[chunk.get(k)] = part.scores()[k];
            }
            usage = usage.plus(part.usage());
            missing += part.missingBoth();
        }
        List<List<Double>> scores = new ArrayList<>(items.size());
        for (int[] at : promptOf) {
            List<Double> item = new ArrayList<>(at.length);
            for (int p : at) {
                item.add(byPrompt[p]);
            }
            scores.add(item);
        }
        return new Detailed(new Scoring(scores, usage), missing);
    }

    /** The prompt that asks for the label of step {@code k} (0-based) of an item. */
    String tokenProbPrompt(ScoreItem item, int k) {
        if (template == null) {
            StringBuilder text = new StringBuilder(item.problem()).append(' ');
            for (int j = 0; j <= k; j++) {
                if (j > 0) {
                    text.append('\n');
                }
                text.append(item.steps().get(j)).append(' ').append(profile.stepTag());
            }
            return text.toString();
        }
        String label = profile.goodToken().startsWith("token_id:") ? DEFAULT_LABEL : profile.goodToken();
        List<Message> chat = new ArrayList<>(2 * k + 3);
        if (profile.systemPrompt() != null && !profile.systemPrompt().isEmpty()) {
            chat.add(Message.system(profile.systemPrompt()));
        }
        for (int j = 0; j <= k; j++) {
            String step = item.steps().get(j);
            chat.add(Message.user(j == 0 ? item.problem() + " " + step : step));
            if (j < k) {
                chat.add(Message.assistant(label));
            }
        }
        return template.render(chat, true);
    }

    private record LabelPart(double[] scores, Usage usage, int missingBoth) {
    }

    private LabelPart labelChunk(List<String> prompts) {
        ObjectNode body = endpoint.json().createObjectNode();
        body.put("model", profile.model());
        ArrayNode list = body.putArray("prompt");
        prompts.forEach(list::add);
        body.put("max_tokens", 1);
        body.put("temperature", 0.0);
        body.put("logprobs", profile.logprobs());
        if (profile.server().equals("vllm") && (profile.goodToken().startsWith("token_id:")
                || profile.badToken().startsWith("token_id:"))) {
            body.put("return_tokens_as_token_ids", true);
        }
        long start = System.nanoTime();
        JsonNode response = endpoint.post(COMPLETIONS, body);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<JsonNode> choices = Completions.choices(endpoint, COMPLETIONS, response, prompts.size());
        double[] scores = new double[prompts.size()];
        int missing = 0;
        for (int i = 0; i < prompts.size(); i++) {
            JsonNode top = choices.get(i).path("logprobs").path("top_logprobs").path(0);
            if (!top.isObject()) {
                throw endpoint.protocol("POST", COMPLETIONS, "choices[" + i + "].logprobs.top_logprobs[0] is "
                        + "missing: the server returned no log-probabilities (a token-prob PRM needs a server that "
                        + "returns them, e.g. vLLM or SGLang; TGI does not)");
            }
            Label label = label(top, profile.goodToken(), profile.badToken());
            if (label.missingBoth()) {
                missing++;
                missingBoth.increment();
            }
            scores[i] = label.score();
        }
        UsageNumbers usage = usage(response);
        endpoint.metrics().tokens(usage.prompt(), usage.completion());
        return new LabelPart(scores, new Usage(usage.prompt(), 0, 0, 1, seconds), missing);
    }

    /**
     * The score of one position's top log-probabilities.
     *
     * @param missingBoth neither token was in the list: the score is 0.5
     */
    record Label(double score, boolean missingBoth) {
    }

    /** P(good) from a top-logprobs map, with the documented floor for a token missing from it. */
    static Label label(JsonNode top, String good, String bad) {
        double floor = Double.POSITIVE_INFINITY;
        for (Iterator<JsonNode> it = top.elements(); it.hasNext(); ) {
            JsonNode v = it.next();
            if (v.isNumber()) {
                floor = Math.min(floor, v.asDouble());
            }
        }
        JsonNode a = top.get(good);
        JsonNode b = top.get(bad);
        boolean hasA = a != null && a.isNumber();
        boolean hasB = b != null && b.isNumber();
        if (!hasA && !hasB) {
            return new Label(0.5, true);
        }
        double la = hasA ? a.asDouble() : floor;
        double lb = hasB ? b.asDouble() : floor;
        // e^a / (e^a + e^b), written so neither exponential overflows
        return new Label(1.0 / (1.0 + Math.exp(lb - la)), false);
    }

    // ---- shared ----

    private record Part(List<List<Double>> scores, Usage usage) {
    }

    private Part part(JsonNode response, List<List<Double>> scores, double seconds) {
        UsageNumbers usage = usage(response);
        endpoint.metrics().tokens(usage.prompt(), usage.completion());
        return new Part(scores, new Usage(usage.prompt(), 0, 0, 1, seconds));
    }

    private double probability(String path, String where, JsonNode value) {
        if (value == null || !value.isNumber()) {
            throw endpoint.protocol("POST", path, where + " must be a number (got "
                    + (value == null ? "nothing" : value.toString()) + ")");
        }
        double p = value.asDouble();
        if (!(p >= 0.0 && p <= 1.0)) {
            throw endpoint.protocol("POST", path, where + " must be a probability in [0, 1] (got " + p + ")");
        }
        return p;
    }

    private static List<Integer> withSteps(List<ScoreItem> items) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).steps().isEmpty()) {
                out.add(i);
            }
        }
        return out;
    }

    private List<List<Integer>> chunks(List<Integer> all) {
        List<List<Integer>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += profile.maxBatch()) {
            out.add(List.copyOf(all.subList(from, Math.min(all.size(), from + profile.maxBatch()))));
        }
        return out;
    }

    private static Scoring assemble(List<ScoreItem> items, List<List<Integer>> chunks, List<Part> parts) {
        List<List<Double>> scores = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            scores.add(List.of());
        }
        Usage usage = Usage.ZERO;
        for (int c = 0; c < chunks.size(); c++) {
            List<Integer> chunk = chunks.get(c);
            for (int k = 0; k < chunk.size(); k++) {
                scores.set(chunk.get(k), List.copyOf(parts.get(c).scores().get(k)));
            }
            usage = usage.plus(parts.get(c).usage());
        }
        return new Scoring(scores, usage);
    }

    private record UsageNumbers(long prompt, long completion) {
    }

    private static UsageNumbers usage(JsonNode response) {
        JsonNode usage = response.path("usage");
        return new UsageNumbers(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
    }
}
