package dev.ponder.core.strategy;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.search.Trajectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Beam search guided by a PRM (SPEC.md §3.4). Each iteration the active beams share N samples of one step each;
 * finished candidates leave the pool as completed paths; the rest are scored, exact duplicates dropped, and the
 * K = max(1, ⌊N/M⌋) best kept. The answer is weighted Best-of-N over the first N completed paths.
 */
public final class BeamSearch extends PhasedStrategy {

    public static final String NAME = "beam";

    private final Aggregation aggregation;

    public BeamSearch(AnswerEquivalence equivalence) {
        this.aggregation = new Aggregation(equivalence);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SearchState start(Problem problem, SearchConfig config) {
        return SearchState.start(NAME, problem, config, List.of(Beam.root(0)));
    }

    /** Beams kept per iteration. */
    static int beamsKept(SearchConfig config) {
        return Math.max(1, config.n() / config.m());
    }

    /**
     * Samples per active beam: N shared as search-and-learn's cyclic refill shares them — ⌊N/A⌋ each, and one
     * more for each of the earliest N mod A beams.
     */
    static List<Integer> shares(int n, int active) {
        return IntStream.range(0, active).mapToObj(i -> n / active + (i < n % active ? 1 : 0)).toList();
    }

    @Override
    List<SampleBatch> expand(SearchState state) {
        return List.of(Expansion.batch(state.problem().problem(), Expansion.params(state, 0, false),
                texts(state.frontier()), shares(state.config().n(), state.frontier().size())));
    }

    @Override
    List<Candidate> grow(SearchState state, Results.Samples samples) {
        List<Beam> beams = state.frontier();
        var perBeam = Expansion.distribute(texts(beams), shares(state.config().n(), beams.size()),
                samples.perDemand());
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < beams.size(); i++) {
            for (var sample : perBeam.get(i)) {
                candidates.add(Candidate.of(beams.get(i), sample));
            }
        }
        return candidates;
    }

    @Override
    SearchState select(SearchState state, List<Candidate> scored) {
        List<Trajectory> completed = new ArrayList<>(state.completed());
        scored.stream().filter(Candidate::finished).map(Candidate::toTrajectory).forEach(completed::add);
        List<Candidate> pool = scored.stream().filter(Candidate::open).toList();
        if (state.config().filterDuplicates()) {
            pool = dropDuplicates(pool);
        }
        return state.nextIteration(scored, keepTopK(pool, state.config()), completed);
    }

    private static List<Candidate> dropDuplicates(List<Candidate> pool) {
        Set<String> seen = new HashSet<>();
        return pool.stream().filter(c -> seen.add(c.text())).toList();
    }

    /** The K best by reduced score (ties to the earlier candidate), kept in their original order. */
    private static List<Beam> keepTopK(List<Candidate> pool, SearchConfig config) {
        Comparator<Integer> byScore = Comparator.comparingDouble(
                (Integer i) -> pool.get(i).score(config.reduction())).reversed()
                .thenComparingInt(i -> i);
        Set<Integer> kept = new HashSet<>(IntStream.range(0, pool.size()).boxed().sorted(byScore)
                .limit(beamsKept(config)).toList());
        return IntStream.range(0, pool.size()).filter(kept::contains).mapToObj(i -> pool.get(i).toBeam()).toList();
    }

    @Override
    public SearchOutcome finish(SearchState state) {
        SearchConfig config = state.config();
        List<Trajectory> paths = state.completed().subList(0, Math.min(config.n(), state.completed().size()));
        return new SearchOutcome(aggregation.weighted(paths, config.reduction()), paths,
                aggregation.columns(paths, List.of(config.n()), config.reduction(), true), List.of());
    }

    private static List<String> texts(List<Beam> beams) {
        return beams.stream().map(Beam::text).toList();
    }
}
