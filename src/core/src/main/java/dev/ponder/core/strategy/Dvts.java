package dev.ponder.core.strategy;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.model.PromptDemand;
import dev.ponder.core.model.Prompt;
import dev.ponder.core.search.CompletionStatus;
import dev.ponder.core.search.InvalidConfigException;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.search.Trajectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Diverse verifier tree search (SPEC.md §3.5): S = N/M independent subtrees, each greedily appending the best of
 * M scored candidate steps per iteration. Each subtree emits its own finished path (never its unfinished
 * siblings); the answer is weighted Best-of-N over the finished paths.
 */
public final class Dvts extends PhasedStrategy {

    public static final String NAME = "dvts";

    private final Aggregation aggregation;

    public Dvts(AnswerEquivalence equivalence) {
        this.aggregation = new Aggregation(equivalence);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SearchState start(Problem problem, SearchConfig config) {
        if (config.n() % config.m() != 0) {
            throw new InvalidConfigException("n must be a multiple of m for dvts (got n=" + config.n() + ", m="
                    + config.m() + ")");
        }
        List<Beam> subtrees = IntStream.range(0, config.n() / config.m()).mapToObj(Beam::root).toList();
        return SearchState.start(NAME, problem, config, subtrees);
    }

    /** One request per unfinished subtree: its own lane in the seed path, so subtrees sharing a text diverge. */
    @Override
    List<SampleBatch> expand(SearchState state) {
        int m = state.config().m();
        return state.frontier().stream()
                .map(subtree -> new SampleBatch(Expansion.params(state, subtree.lane(), false),
                        List.of(new PromptDemand(new Prompt(state.problem().problem(), subtree.text()), m))))
                .toList();
    }

    @Override
    List<Candidate> grow(SearchState state, Results.Samples samples) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < state.frontier().size(); i++) {
            Beam subtree = state.frontier().get(i);
            samples.perDemand().get(i).forEach(s -> candidates.add(Candidate.of(subtree, s)));
        }
        return candidates;
    }

    /**
     * Each subtree appends its best untruncated candidate; it finishes if that step finishes the answer. A subtree
     * whose candidates were all truncated keeps its path and samples again next iteration.
     */
    @Override
    SearchState select(SearchState state, List<Candidate> scored) {
        List<Beam> frontier = new ArrayList<>();
        List<Trajectory> completed = new ArrayList<>(state.completed());
        for (Beam subtree : state.frontier()) {
            Optional<Candidate> best = best(scored, subtree.lane(), state.config());
            if (best.isEmpty()) {
                frontier.add(subtree);
            } else if (best.get().finished()) {
                completed.add(best.get().toTrajectory());
            } else {
                frontier.add(best.get().toBeam());
            }
        }
        return state.nextIteration(scored, frontier, completed);
    }

    private static Optional<Candidate> best(List<Candidate> scored, int lane, SearchConfig config) {
        return scored.stream()
                .filter(c -> c.lane() == lane && !c.truncated())
                // Stream.min keeps the first of equal elements: ties go to the earlier candidate.
                .min(Comparator.comparingDouble((Candidate c) -> c.score(config.reduction())).reversed());
    }

    /** Paths in subtree order: finished ones, and the unfinished path of any subtree stopped by the cap. */
    @Override
    public SearchOutcome finish(SearchState state) {
        List<Trajectory> paths = new ArrayList<>(state.completed());
        state.frontier().forEach(b -> paths.add(new Trajectory(b.text(), CompletionStatus.DELIMITER, false,
                b.scores(), b.lane(), b.completionTokens())));
        paths.sort(Comparator.comparingInt(Trajectory::lane));
        SearchConfig config = state.config();
        return new SearchOutcome(aggregation.weighted(paths, config.reduction()), paths,
                aggregation.columns(paths, List.of(config.n()), config.reduction(), true), List.of());
    }
}
