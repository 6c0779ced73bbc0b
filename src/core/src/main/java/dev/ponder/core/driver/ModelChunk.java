package dev.ponder.core.driver;

import dev.ponder.core.model.Generation;
import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.PromptDemand;
import dev.ponder.core.model.RewardModel;
import dev.ponder.core.model.SamplingParams;
import dev.ponder.core.model.ScoreItem;
import dev.ponder.core.model.Scoring;
import dev.ponder.core.strategy.Action;
import dev.ponder.core.strategy.SampleBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * One model call of an {@link Action}: at most {@code sampleChunk} distinct prompts of one sample batch, or at most
 * {@code scoreChunk} candidates to score. Every driver splits actions the same way — the in-process driver calls
 * the chunks in a loop, the pipeline fans them out as messages — so results and calls agree between them.
 */
public sealed interface ModelChunk {

    /** Calls the model this chunk needs and checks that the answer has the shape asked for. */
    ChunkResult run(PolicyModel policy, RewardModel prm);

    /** Prompts of one sample batch, with the batch's sampling parameters. */
    record Sampling(SamplingParams params, List<PromptDemand> demands) implements ModelChunk {
        public Sampling {
            demands = List.copyOf(demands);
        }

        @Override
        public ChunkResult run(PolicyModel policy, RewardModel prm) {
            Generation g = policy.generate(demands, params);
            check(g.samples().size() == demands.size(), "the policy answered " + g.samples().size() + " prompts of "
                    + demands.size());
            for (int i = 0; i < demands.size(); i++) {
                check(g.samples().get(i).size() == demands.get(i).n(), "the policy returned "
                        + g.samples().get(i).size() + " samples where n=" + demands.get(i).n());
            }
            return new ChunkResult.Samples(g.samples(), g.usage());
        }
    }

    /** Candidates to score. */
    record Scoring(List<ScoreItem> items) implements ModelChunk {
        public Scoring {
            items = List.copyOf(items);
        }

        @Override
        public ChunkResult run(PolicyModel policy, RewardModel prm) {
            dev.ponder.core.model.Scoring s = prm.score(items);
            check(s.scores().size() == items.size(), "the PRM scored " + s.scores().size() + " items of "
                    + items.size());
            for (int i = 0; i < items.size(); i++) {
                check(s.scores().get(i).size() == items.get(i).steps().size(), "the PRM returned "
                        + s.scores().get(i).size() + " scores for " + items.get(i).steps().size() + " steps");
            }
            return new ChunkResult.Scores(s.scores(), s.usage());
        }
    }

    /**
     * The chunks of an action, in order: each sample batch split into runs of at most {@code sampleChunk} prompts
     * (a batch's prompts never share a call with another batch's, since their parameters differ), or the score
     * items in runs of at most {@code scoreChunk}. A finish action has no chunks.
     */
    static List<ModelChunk> plan(Action action, int sampleChunk, int scoreChunk) {
        if (sampleChunk < 1 || scoreChunk < 1) {
            throw new IllegalArgumentException("chunk sizes must be at least 1 (got " + sampleChunk + ", "
                    + scoreChunk + ")");
        }
        List<ModelChunk> chunks = new ArrayList<>();
        if (action instanceof Action.Sample sample) {
            for (SampleBatch batch : sample.batches()) {
                slices(batch.demands(), sampleChunk).forEach(d -> chunks.add(new Sampling(batch.params(), d)));
            }
        } else if (action instanceof Action.Score score) {
            slices(score.items(), scoreChunk).forEach(items -> chunks.add(new Scoring(items)));
        }
        return chunks;
    }

    private static <T> List<List<T>> slices(List<T> items, int size) {
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            slices.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return slices;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
