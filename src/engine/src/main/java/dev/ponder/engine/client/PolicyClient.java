package dev.ponder.engine.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.core.model.Generation;
import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.Prompt;
import dev.ponder.core.model.PromptDemand;
import dev.ponder.core.model.Sample;
import dev.ponder.core.model.SamplingParams;
import dev.ponder.core.model.Usage;
import dev.ponder.core.prompt.ChatTemplate;
import dev.ponder.core.search.Steps;
import dev.ponder.engine.model.ModelProfile;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The policy model behind an OpenAI-compatible server (SPEC.md §4): vLLM, SGLang, TGI or OpenAI.
 *
 * <p>{@link #generate} renders each prompt with the profile's chat template and system prompt, leaving the assistant
 * turn open so the model continues it, and POSTs {@code /v1/completions}. All demands that share {@code n} go in
 * one request as a prompt list (the completions API has one {@code n} per request), so demands with k distinct
 * {@code n} make k requests (sent at once), split further by the profile's {@code maxBatch}. Every request carries
 * the same seed:
 * sample {@code i} of a prompt depends on (seed, prompt, i) alone, however requests are grouped (SPEC.md §1).
 * Two cases need other shapes: at temperature 0 (greedy) every sample of a prompt is the same text, and vLLM refuses
 * {@code n > 1} there, so one sample is asked for and repeated; and TGI has no {@code n}, so sample {@code i} of
 * every prompt is asked for in its own request with seed {@code seed + i} (vLLM's seed for sample i).
 *
 * <p>Thread-safe: one instance serves many concurrent searches, bounded by the profile's bulkhead.
 */
public final class PolicyClient implements PolicyModel {

    static final String COMPLETIONS = "/v1/completions";
    /** Temperatures below this are greedy, as vLLM decides ({@code _SAMPLING_EPS}); it refuses n > 1 there. */
    static final double GREEDY_BELOW = 1e-5;
    static final String CHAT = "/v1/chat/completions";

    private final ModelProfile profile;
    private final Endpoint endpoint;
    private final ChatTemplate template;
    private final String systemPrompt;

    /** A client for the profile's endpoint; its meters go to {@code registry}. */
    public PolicyClient(ModelProfile profile, MeterRegistry registry) {
        this(profile, registry, System::getenv);
    }

    /**
     * As above, reading the API key through {@code environment}: the process environment, or (in the cloud) the
     * model secret's entries over it.
     */
    public PolicyClient(ModelProfile profile, MeterRegistry registry, UnaryOperator<String> environment) {
        if (profile.template().equals("none")) {
            throw new IllegalArgumentException("model profile " + profile.name() + ": template none is only for "
                    + "token-prob PRMs; a policy needs llama3, chatml (qwen2.5) or custom");
        }
        this.profile = profile;
        this.template = profile.chatTemplate();
        this.systemPrompt = profile.systemPrompt() == null ? ModelProfile.DEFAULT_POLICY_SYSTEM_PROMPT
                : profile.systemPrompt();
        this.endpoint = new Endpoint(profile, "policy", registry, new ObjectMapper(), environment);
    }

    public ModelProfile profile() {
        return profile;
    }

    /** The exact prompt string sent for a prompt: the chat rendered with the assistant turn left open. */
    public String render(Prompt prompt) {
        return template.renderPolicyPrompt(systemPrompt, prompt.problem(), prompt.partial());
    }

    @Override
    public Generation generate(List<PromptDemand> prompts, SamplingParams params) {
        if (prompts.isEmpty()) {
            return new Generation(List.of(), Usage.ZERO);
        }
        boolean greedy = params.temperature() < GREEDY_BELOW;
        List<Request> requests = plan(prompts, greedy);
        List<List<Sample>> samples = new ArrayList<>(prompts.size());
        for (PromptDemand d : prompts) {
            samples.add(new ArrayList<>(Collections.nCopies(d.n(), null)));
        }
        List<Supplier<Reply>> calls = new ArrayList<>(requests.size());
        for (Request request : requests) {
            List<String> texts = request.demands().stream().map(i -> render(prompts.get(i).prompt())).toList();
            calls.add(() -> complete(texts, request.n(), request.seedOffset(), params));
        }
        List<Reply> replies = Fanout.all(calls);
        Usage usage = Usage.ZERO;
        for (int r = 0; r < requests.size(); r++) {
            Request request = requests.get(r);
            Reply reply = replies.get(r);
            for (int k = 0; k < request.demands().size(); k++) {
                int demand = request.demands().get(k);
                List<Sample> got = reply.samples().get(k);
                if (greedy) {
                    Collections.fill(samples.get(demand), got.get(0)); // greedy: every sample is the same text
                } else if (request.sampleIndex() >= 0) {
                    samples.get(demand).set(request.sampleIndex(), got.get(0));
                } else {
                    for (int i = 0; i < got.size(); i++) {
                        samples.get(demand).set(i, got.get(i));
                    }
                }
            }
            usage = usage.plus(reply.usage());
        }
        long completionTokens = 0;
        for (List<Sample> forPrompt : samples) {
            for (Sample s : forPrompt) {
                completionTokens += s.completionTokens();
            }
        }
        // completion tokens count every sample the search received, as the in-process models count them
        Usage total = new Usage(usage.promptTokens(), completionTokens, usage.policyCalls(), 0, usage.modelSeconds());
        return new Generation(samples.stream().map(List::copyOf).toList(), total);
    }

    /**
     * Whole answers from {@code /v1/chat/completions} (the endpoint check, Best-of-N on chat-only servers): the
     * system prompt and the problem, {@code n} samples. The server applies its own chat template.
     */
    public List<Sample> chat(String problem, int n, SamplingParams params) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1 (got " + n + ")");
        }
        boolean greedy = params.temperature() < GREEDY_BELOW;
        boolean oneAtATime = !greedy && !supportsN();
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < (oneAtATime ? n : 1); i++) {
            int wireN = greedy || oneAtATime ? 1 : n;
            List<Sample> got = chatOnce(problem, wireN, oneAtATime ? params.seed() + i : params.seed(), params);
            out.addAll(got);
        }
        if (greedy) {
            return Collections.nCopies(n, out.get(0));
        }
        return List.copyOf(out);
    }

    private List<Sample> chatOnce(String problem, int n, long seed, SamplingParams params) {
        ObjectNode body = endpoint.json().createObjectNode();
        body.put("model", profile.model());
        ArrayNode messages = body.putArray("messages");
        if (!systemPrompt.isEmpty()) {
            messages.addObject().put("role", "system").put("content", systemPrompt);
        }
        messages.addObject().put("role", "user").put("content", problem);
        sampling(body, n, seed, params, profile.server().equals("openai") ? "max_completion_tokens" : "max_tokens");
        vllmExtras(body);
        JsonNode response = endpoint.post(CHAT, body);
        List<JsonNode> choices = Completions.choices(endpoint, CHAT, response, n);
        List<Completions.Choice> read = new ArrayList<>(n);
        boolean delimiter = params.stop().contains(Steps.DELIMITER);
        for (int i = 0; i < n; i++) {
            JsonNode choice = choices.get(i);
            String text = Completions.requiredText(endpoint, CHAT, choice, i, "message", "content");
            read.add(readChoice(CHAT, choice, i, text, delimiter));
        }
        UsageNumbers usage = usage(response);
        endpoint.metrics().tokens(usage.prompt(), usage.completion());
        int[] tokens = Completions.fillTokens(read, usage.completion(), params.maxTokens());
        List<Sample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            samples.add(new Sample(read.get(i).text(), read.get(i).status(), tokens[i]));
        }
        return samples;
    }

    /** One request's plan: which demands, with which wire {@code n} and seed, and for which sample index. */
    private record Request(List<Integer> demands, int n, long seedOffset, int sampleIndex) {
    }

    private List<Request> plan(List<PromptDemand> prompts, boolean greedy) {
        List<Request> requests = new ArrayList<>();
        if (greedy || supportsN()) {
            Map<Integer, List<Integer>> byN = new LinkedHashMap<>(); // first-appearance order: deterministic
            for (int i = 0; i < prompts.size(); i++) {
                int n = greedy ? 1 : prompts.get(i).n();
                byN.computeIfAbsent(n, k -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<Integer, List<Integer>> group : byN.entrySet()) {
                for (List<Integer> chunk : chunks(group.getValue())) {
                    requests.add(new Request(chunk, group.getKey(), 0, -1));
                }
            }
            return requests;
        }
        int most = prompts.stream().mapToInt(PromptDemand::n).max().orElse(0);
        for (int i = 0; i < most; i++) {
            List<Integer> wanting = new ArrayList<>();
            for (int d = 0; d < prompts.size(); d++) {
                if (prompts.get(d).n() > i) {
                    wanting.add(d);
                }
            }
            for (List<Integer> chunk : chunks(wanting)) {
                requests.add(new Request(chunk, 1, i, i)); // sample i: seed + i, as vLLM seeds sample i
            }
        }
        return requests;
    }

    private List<List<Integer>> chunks(List<Integer> all) {
        List<List<Integer>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += profile.maxBatch()) {
            out.add(List.copyOf(all.subList(from, Math.min(all.size(), from + profile.maxBatch()))));
        }
        return out;
    }

    private boolean supportsN() {
        return !profile.server().equals("tgi");
    }

    private record Reply(List<List<Sample>> samples, Usage usage) {
    }

    /** One {@code /v1/completions} request for rendered prompts, {@code n} samples each. */
    private Reply complete(List<String> prompts, int n, long seedOffset, SamplingParams params) {
        ObjectNode body = endpoint.json().createObjectNode();
        body.put("model", profile.model());
        ArrayNode list = body.putArray("prompt");
        prompts.forEach(list::add);
        sampling(body, n, params.seed() + seedOffset, params, "max_tokens");
        vllmExtras(body);
        long start = System.nanoTime();
        JsonNode response = endpoint.post(COMPLETIONS, body);
        double seconds = (System.nanoTime() - start) / 1e9;
        int expected = prompts.size() * n;
        List<JsonNode> choices = Completions.choices(endpoint, COMPLETIONS, response, expected);
        boolean delimiter = params.stop().contains(Steps.DELIMITER);
        List<Completions.Choice> read = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) {
            JsonNode choice = choices.get(i);
            String text = Completions.requiredText(endpoint, COMPLETIONS, choice, i, "text");
            read.add(readChoice(COMPLETIONS, choice, i, text, delimiter));
        }
        UsageNumbers usage = usage(response);
        endpoint.metrics().tokens(usage.prompt(), usage.completion());
        int[] tokens = Completions.fillTokens(read, usage.completion(), params.maxTokens());
        List<List<Sample>> samples = new ArrayList<>(prompts.size());
        for (int p = 0; p < prompts.size(); p++) {
            List<Sample> forPrompt = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int at = p * n + i; // prompt-major
                forPrompt.add(new Sample(read.get(at).text(), read.get(at).status(), tokens[at]));
            }
            samples.add(forPrompt);
        }
        return new Reply(samples, new Usage(usage.prompt(), usage.completion(), 1, 0, seconds));
    }

    /** vLLM's extra fields: the stop string stays out of the text, and each choice reports its own tokens. */
    private void vllmExtras(ObjectNode body) {
        if (profile.server().equals("vllm")) {
            body.put("include_stop_str_in_output", false);
            body.put("return_token_ids", true); // per-choice token counts (vLLM >= 0.10.2; older ones ignore it)
        }
    }

    private Completions.Choice readChoice(String path, JsonNode choice, int i, String text, boolean delimiter) {
        String finish = Completions.requiredText(endpoint, path, choice, i, "finish_reason");
        Completions.Choice read = Completions.read(text, finish, choice, delimiter);
        if (read == null) {
            throw endpoint.protocol("POST", path, "choices[" + i + "].finish_reason is '" + finish
                    + "', not a finished completion (stop or length)");
        }
        return read;
    }

    private void sampling(ObjectNode body, int n, long seed, SamplingParams params, String maxTokensField) {
        if (supportsN()) {
            body.put("n", n);
        }
        body.put("temperature", params.temperature());
        body.put("top_p", params.topP());
        body.put(maxTokensField, params.maxTokens());
        if (!params.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            params.stop().forEach(stop::add);
        }
        body.put("seed", seed);
    }

    record UsageNumbers(long prompt, long completion) {
    }

    /** The response's {@code usage}; zeros when a server sends none (usage is reporting, not the result). */
    static UsageNumbers usage(JsonNode response) {
        JsonNode usage = response.path("usage");
        return new UsageNumbers(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
    }
}
