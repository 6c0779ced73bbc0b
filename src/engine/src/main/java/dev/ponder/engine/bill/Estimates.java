package dev.ponder.engine.bill;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.driver.ChunkResult;
import dev.ponder.core.driver.ModelChunk;
import dev.ponder.core.model.Generation;
import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.PromptDemand;
import dev.ponder.core.model.RewardModel;
import dev.ponder.core.model.Sample;
import dev.ponder.core.model.SamplingParams;
import dev.ponder.core.model.ScoreItem;
import dev.ponder.core.model.Scoring;
import dev.ponder.core.model.Usage;
import dev.ponder.core.search.CompletionStatus;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.Action;
import dev.ponder.core.strategy.SearchState;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.Strategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a search is expected to use before it runs ({@code dry_run}): the strategy itself is run, round by round and
 * chunk by chunk as the pipeline runs it, against a typical model — every solution {@value #STEPS} steps of
 * {@value #STEP_TOKENS} tokens, every step scored alike — so calls, tokens and rounds follow from the strategy's own
 * rules rather than from a formula per strategy. Model time follows the simulator's {@code h100} profile; the
 * cloud's work per message is what the pipeline measured. An estimate, not a quote: real solutions vary in length.
 */
public final class Estimates {

    /** Steps of a typical solution: MATH-500 solutions of a 1B model take 4 to 10. */
    static final int STEPS = 6;
    /** Tokens of a typical step (the simulator's steps average 30, p10-p90 21-41). */
    static final int STEP_TOKENS = 30;
    /** Tokens a chat template and system prompt add to each prompt. */
    static final int TEMPLATE_TOKENS = 40;
    /** A policy request's time to first token and time per generated token (h100 profile, 1B policy). */
    static final double POLICY_FIRST_TOKEN_S = 0.030;
    static final double POLICY_TOKEN_S = 0.008;
    /** A PRM request's time per 32 prompts (h100 profile, 8B PRM, prefix caching): scoring is prefill. */
    static final double PRM_BATCH_S = 0.080;
    static final int PRM_BATCH = 32;
    /**
     * DynamoDB units per message that did work, as the pipeline metered them for beam search and DVTS at N=16 on 12
     * simulated problems: 5.8-9.4 read units (the search, markers, nodes) and 10.5-20.3 write units (transactional
     * writes cost double) per message.
     */
    static final double READ_UNITS_PER_MESSAGE = 7.5;
    static final double WRITE_UNITS_PER_MESSAGE = 13.0;
    /** A handler's own time besides its model call, on Lambda next to DynamoDB (a few calls of about 5 ms each). */
    static final long HANDLER_OVERHEAD_MS = 40;

    private Estimates() {
    }

    /** The expected usage of {@code strategy} with {@code config} on {@code problem}, chunked as the search would be. */
    public static Metered estimate(Problem problem, String strategy, SearchConfig config, String policy, String prm,
                                   int sampleChunk, int scoreChunk) {
        Strategy s = Strategies.create(strategy, AnswerEquivalence.math());
        TypicalModel model = new TypicalModel(tokens(problem.problem()));
        SearchState state = s.start(problem, config);
        long rounds = 0;
        long chunkMessages = 0;
        long chunkMs = 0;
        for (Action action = s.next(state); !(action instanceof Action.Finish); action = s.next(state)) {
            List<ChunkResult> results = new ArrayList<>();
            for (ModelChunk chunk : ModelChunk.plan(action, sampleChunk, scoreChunk)) {
                ChunkResult result = chunk.run(model, model);
                results.add(result);
                chunkMs += Math.round(result.usage().modelSeconds() * 1000) + HANDLER_OVERHEAD_MS;
            }
            chunkMessages += results.size();
            state = s.apply(state, ChunkResult.combine(action, results));
            rounds++;
        }
        // Each round: an orchestrate message, its chunks, a select; then the orchestrate that finishes.
        long messages = 2 * rounds + chunkMessages + 1;
        Map<String, EndpointUsage> endpoints = new TreeMap<>(Map.of(policy, model.policy));
        endpoints.merge(prm, model.prm, EndpointUsage::plus);
        return new Metered(endpoints, messages,
                chunkMs + (messages - chunkMessages) * HANDLER_OVERHEAD_MS, messages,
                messages * READ_UNITS_PER_MESSAGE, messages * WRITE_UNITS_PER_MESSAGE, 1, 1);
    }

    /** Tokens of a text, by the common rule of thumb of four characters a token. */
    static long tokens(String text) {
        return (text.length() + 3) / 4;
    }

    /** A policy whose solutions all take {@link #STEPS} steps, and a PRM that scores every step alike. */
    private static final class TypicalModel implements PolicyModel, RewardModel {

        private final long problemTokens;
        private EndpointUsage policy = EndpointUsage.ZERO;
        private EndpointUsage prm = EndpointUsage.ZERO;

        TypicalModel(long problemTokens) {
            this.problemTokens = problemTokens;
        }

        @Override
        public Generation generate(List<PromptDemand> prompts, SamplingParams params) {
            List<List<Sample>> samples = new ArrayList<>();
            long prompt = 0;
            long completion = 0;
            for (PromptDemand d : prompts) {
                int done = steps(d.prompt().partial());
                prompt += promptTokens(done);
                completion += (long) d.n() * STEP_TOKENS;
                Sample step = done + 1 >= STEPS
                        ? new Sample("So the answer is $\\boxed{" + done + "}$.", CompletionStatus.EOS, STEP_TOKENS)
                        : new Sample("A typical step of reasoning.\n\n", CompletionStatus.DELIMITER, STEP_TOKENS);
                samples.add(Collections.nCopies(d.n(), step));
            }
            double seconds = POLICY_FIRST_TOKEN_S + STEP_TOKENS * POLICY_TOKEN_S;
            policy = policy.plus(new EndpointUsage(prompt, completion, 1, seconds));
            return new Generation(samples, new Usage(prompt, completion, 1, 0, seconds));
        }

        @Override
        public Scoring score(List<ScoreItem> items) {
            List<List<Double>> scores = new ArrayList<>();
            long prompt = 0;
            for (ScoreItem item : items) {
                prompt += promptTokens(item.steps().size());
                scores.add(Collections.nCopies(item.steps().size(), 0.5));
            }
            double seconds = PRM_BATCH_S * Math.ceil(items.size() / (double) PRM_BATCH);
            prm = prm.plus(new EndpointUsage(prompt, 0, 1, seconds));
            return new Scoring(scores, new Usage(prompt, 0, 0, 1, seconds));
        }

        private long promptTokens(int steps) {
            return TEMPLATE_TOKENS + problemTokens + (long) steps * STEP_TOKENS;
        }

        private static int steps(String partial) {
            int count = 0;
            for (int i = partial.indexOf("\n\n"); i >= 0; i = partial.indexOf("\n\n", i + 2)) {
                count++;
            }
            return count;
        }
    }
}
