package dev.ponder.core.driver;

import dev.ponder.core.model.Sample;
import dev.ponder.core.model.Usage;
import dev.ponder.core.strategy.Action;
import dev.ponder.core.strategy.Results;
import java.util.ArrayList;
import java.util.List;

/** What one {@link ModelChunk} brought back, and what it cost. */
public sealed interface ChunkResult {

    /** What the call cost. */
    Usage usage();

    /** Per prompt of the chunk, its samples in choice order. */
    record Samples(List<List<Sample>> perDemand, Usage usage) implements ChunkResult {
        public Samples {
            perDemand = perDemand.stream().map(List::copyOf).toList();
        }
    }

    /** Per item of the chunk, its step scores. */
    record Scores(List<List<Double>> perItem, Usage usage) implements ChunkResult {
        public Scores {
            perItem = perItem.stream().map(List::copyOf).toList();
        }
    }

    /** The results of a whole action from the results of its chunks, in chunk order. */
    static Results combine(Action action, List<ChunkResult> chunks) {
        if (action instanceof Action.Score) {
            List<List<Double>> perItem = new ArrayList<>();
            chunks.forEach(c -> perItem.addAll(expect(Scores.class, c).perItem()));
            return new Results.Scores(perItem);
        }
        List<List<Sample>> perDemand = new ArrayList<>();
        chunks.forEach(c -> perDemand.addAll(expect(Samples.class, c).perDemand()));
        return new Results.Samples(perDemand);
    }

    /** The summed cost of the chunks. */
    static Usage total(List<ChunkResult> chunks) {
        return chunks.stream().map(ChunkResult::usage).reduce(Usage.ZERO, Usage::plus);
    }

    private static <C extends ChunkResult> C expect(Class<C> kind, ChunkResult chunk) {
        if (!kind.isInstance(chunk)) {
            throw new IllegalArgumentException("chunk results of one action must match the action (got "
                    + chunk.getClass().getSimpleName() + " among " + kind.getSimpleName() + ")");
        }
        return kind.cast(chunk);
    }
}
