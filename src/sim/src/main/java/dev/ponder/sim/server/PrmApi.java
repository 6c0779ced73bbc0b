package dev.ponder.sim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.core.model.ScoreItem;
import dev.ponder.core.model.Scoring;
import dev.ponder.sim.SimPrm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The PRM's endpoints, in three formats, all answered by {@link SimPrm} so every score equals the in-process
 * model's for the same (problem, steps):
 * <ul>
 *   <li>the RLHFlow token-probability format on {@code /v1/completions} (vllm-protocols.md §4.4, method B);</li>
 *   <li>vLLM reward pooling, as for Qwen2.5-Math-PRM, on {@code /pooling} (§4.2);</li>
 *   <li>ponder JSON on {@code /v1/prm/score} (SPEC.md §5).</li>
 * </ul>
 */
final class PrmApi {

    private final SimPrm prm;
    private final ModelGate gate;

    PrmApi(SimPrm prm, ModelGate gate) {
        this.prm = prm;
        this.gate = gate;
    }

    /**
     * {@code POST /v1/completions} for the PRM: each prompt is a Llama 3 chat of user steps and assistant labels that
     * ends with an open assistant turn; the answer is the label token, {@code "+"} or {@code "-"} (the likelier one,
     * whatever the temperature), with both tokens' log-probabilities, {@code ln p} and {@code ln(1 − p)}, where
     * {@code p} is the score of the last step. Needs {@code max_tokens: 1} and {@code logprobs} ≥ 2; no other
     * token carries probability.
     */
    ObjectNode labelCompletions(Fields f, String id) throws InterruptedException {
        List<String> texts = PolicyApi.prompts(f);
        List<ScoreItem> items = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String field = texts.size() == 1 && f.node("prompt").isTextual() ? "prompt" : "prompt[" + i + "]";
            items.add(ChatPrompts.labelPrompt(ChatPrompts.parse(texts.get(i), field), field));
        }
        Sampling sampling = Sampling.read(f, 16, "max_tokens");
        if (sampling.maxTokens() == null || sampling.maxTokens() != 1) {
            throw ApiException.badRequest("max_tokens", "max_tokens must be 1 for " + SimServer.PRM_MODEL
                    + ", which answers with one label token (got " + sampling.maxTokens() + ")");
        }
        Integer k = Sampling.logprobs(f);
        if (k == null || k < 2) {
            throw ApiException.badRequest("logprobs", "logprobs must be at least 2 for " + SimServer.PRM_MODEL
                    + ", so both \"+\" and \"-\" are returned (got " + k + ")");
        }
        Scoring scoring = score(items, "prompt");
        gate.run(Collections.nCopies(items.size() * sampling.n(), 1));

        ObjectNode response = Wire.head(id, "text_completion", SimServer.PRM_MODEL);
        ArrayNode choices = response.putArray("choices");
        for (int p = 0; p < items.size(); p++) {
            List<Double> scores = scoring.scores().get(p);
            double score = scores.get(scores.size() - 1);
            for (int i = 0; i < sampling.n(); i++) {
                ObjectNode choice = choices.addObject();
                choice.put("index", p * sampling.n() + i);
                String label = score >= 0.5 ? "+" : "-";
                choice.put("text", label);
                choice.set("logprobs", labelLogprobs(label, score));
                choice.put("finish_reason", "length");
                choice.putNull("stop_reason");
                choice.putNull("token_ids");
                choice.putNull("prompt_logprobs");
                choice.putNull("prompt_token_ids");
            }
        }
        Wire.completionTail(response);
        response.set("usage", Wire.usage(scoring.usage().promptTokens(), (long) items.size() * sampling.n()));
        response.putNull("kv_transfer_params");
        return response;
    }

    /** The completions {@code logprobs} of one label token; the sampled token comes first, as in vLLM. */
    private static ObjectNode labelLogprobs(String label, double p) {
        double plus = Wire.logprob(p);
        double minus = Wire.logprob(1 - p);
        ObjectNode logprobs = Wire.object();
        logprobs.putArray("text_offset").add(0);
        logprobs.putArray("token_logprobs").add(label.equals("+") ? plus : minus);
        logprobs.putArray("tokens").add(label);
        ObjectNode top = logprobs.putArray("top_logprobs").addObject();
        if (label.equals("+")) {
            top.put("+", plus);
            top.put("-", minus);
        } else {
            top.put("-", minus);
            top.put("+", plus);
        }
        return logprobs;
    }

    /**
     * {@code POST /pooling}: {@code messages} ([system], user = the problem, assistant = steps each ending with
     * {@code <extra_0>}) or {@code input} (such chats rendered with ChatML or Llama 3, one or many); one row
     * {@code [1 − p, p]} per step tag.
     */
    ObjectNode pooling(Fields f, String id) throws InterruptedException {
        String encoding = f.string("encoding_format", "float");
        if (!encoding.equals("float")) {
            throw ApiException.badRequest("encoding_format", "encoding_format must be float on the simulator (got "
                    + encoding + ")");
        }
        List<ScoreItem> items = new ArrayList<>();
        if (f.has("messages")) {
            items.add(ChatPrompts.taggedPrompt(PolicyApi.messages(f), "messages"));
        } else if (f.has("input")) {
            JsonNode input = f.node("input");
            if (input.isArray() && input.size() > 0 && (input.get(0).isNumber() || input.get(0).isArray())) {
                throw ApiException.badRequest("input", "input must be a string or a list of strings: the simulator"
                        + " has no tokenizer for token-id inputs");
            }
            List<String> texts = f.stringOrList("input");
            if (texts.isEmpty()) {
                throw ApiException.badRequest("input", "input must not be an empty list");
            }
            for (int i = 0; i < texts.size(); i++) {
                String field = input.isTextual() ? "input" : "input[" + i + "]";
                items.add(ChatPrompts.taggedPrompt(ChatPrompts.parse(texts.get(i), field), field));
            }
        } else {
            throw ApiException.badRequest("input", "input or messages is required");
        }
        Scoring scoring = score(items, f.has("messages") ? "messages" : "input");
        gate.run(Collections.nCopies(items.size(), 0));

        ObjectNode response = Wire.head(id, "list", SimServer.PRM_MODEL);
        ArrayNode data = response.putArray("data");
        for (int i = 0; i < items.size(); i++) {
            ObjectNode entry = data.addObject();
            entry.put("index", i);
            entry.put("object", "pooling");
            ArrayNode rows = entry.putArray("data");
            for (double p : scoring.scores().get(i)) {
                rows.addArray().add(1 - p).add(p);
            }
        }
        response.set("usage", Wire.usage(scoring.usage().promptTokens(), 0));
        return response;
    }

    /**
     * {@code POST /v1/prm/score}: {@code {"problem", "steps"}} → {@code {"step_scores"}}, or the batch
     * {@code {"items": [{"problem", "steps"}, ...]}} → {@code {"results": [{"step_scores"}, ...]}}. Steps are scored
     * exactly as given. Both answers carry vLLM's {@code usage} too (the prompt tokens scored), which clients may
     * ignore, so a bill can count a PRM's tokens whatever its protocol.
     */
    ObjectNode ponderScore(Fields f) throws InterruptedException {
        boolean batch = f.has("items");
        List<ScoreItem> items = new ArrayList<>();
        if (batch) {
            JsonNode list = f.node("items");
            if (!list.isArray()) {
                throw ApiException.badRequest("items", "items must be a list of {problem, steps} (got " + list + ")");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isObject()) {
                    throw ApiException.badRequest("items[" + i + "]", "items[" + i + "] must be an object"
                            + " {problem, steps} (got " + list.get(i) + ")");
                }
                items.add(scoreItem(new Fields((ObjectNode) list.get(i)), "items[" + i + "]."));
            }
        } else {
            items.add(scoreItem(f, ""));
        }
        Scoring scoring = score(items, batch ? "items" : "problem");
        gate.run(Collections.nCopies(items.size(), 0));

        ObjectNode response = Wire.object();
        if (batch) {
            ArrayNode results = response.putArray("results");
            for (List<Double> scores : scoring.scores()) {
                scores(results.addObject(), scores);
            }
        } else {
            scores(response, scoring.scores().get(0));
        }
        response.set("usage", Wire.usage(scoring.usage().promptTokens(), 0));
        return response;
    }

    private static void scores(ObjectNode into, List<Double> scores) {
        ArrayNode array = into.putArray("step_scores");
        scores.forEach(array::add);
    }

    private static ScoreItem scoreItem(Fields f, String prefix) {
        String problem = f.string("problem", null);
        if (problem == null) {
            throw ApiException.badRequest(prefix + "problem", prefix + "problem is required");
        }
        ChatPrompts.checkProblem(problem, prefix + "problem");
        if (!f.has("steps")) {
            throw ApiException.badRequest(prefix + "steps", prefix + "steps is required (a list of strings)");
        }
        List<String> steps;
        try {
            steps = f.stringList("steps");
        } catch (ApiException e) {
            throw ApiException.badRequest(prefix + "steps", prefix + e.getMessage());
        }
        return new ScoreItem(problem, steps);
    }

    private Scoring score(List<ScoreItem> items, String field) {
        try {
            return prm.score(items);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, "the simulated PRM cannot read the steps: " + e.getMessage());
        }
    }
}
