package dev.ponder.core.strategy;

import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.search.Trajectory;
import java.util.List;

/**
 * Everything a search knows between two model calls: plain data, so it can be persisted between stateless
 * functions and a search resumed from it anywhere. Strategies never mutate it; they return a new one.
 *
 * @param strategy   the strategy's name
 * @param problem    the problem being solved
 * @param config     the search configuration
 * @param phase      where the current iteration stands
 * @param iteration  the current iteration, from 0
 * @param lookaheadStep greedy lookahead steps taken so far in this iteration
 * @param frontier   the unfinished paths to expand next
 * @param candidates this iteration's candidates, awaiting lookahead, scores or selection; once the iteration is
 *                   closed, the scored candidates it chose from (a store persists them as frontier nodes, SPEC.md
 *                   §1), until the next iteration's samples replace them
 * @param completed  finished paths, in completion order
 */
public record SearchState(String strategy, Problem problem, SearchConfig config, Phase phase, int iteration,
                          int lookaheadStep, List<Beam> frontier, List<Candidate> candidates,
                          List<Trajectory> completed) {

    public SearchState {
        frontier = List.copyOf(frontier);
        candidates = List.copyOf(candidates);
        completed = List.copyOf(completed);
    }

    /** A new search with one root beam per lane, waiting for samples. */
    public static SearchState start(String strategy, Problem problem, SearchConfig config, List<Beam> roots) {
        return new SearchState(strategy, problem, config, Phase.SAMPLE, 0, 0, roots, List.of(), List.of());
    }

    /** Whether this iteration is the last one allowed: it samples to the end of the answer, with no lookahead. */
    public boolean lastIteration() {
        return iteration == config.maxIterations() - 1;
    }

    public SearchState withCandidates(Phase newPhase, List<Candidate> newCandidates) {
        return new SearchState(strategy, problem, config, newPhase, iteration, lookaheadStep, frontier,
                newCandidates, completed);
    }

    public SearchState withLookahead(Phase newPhase, int newLookaheadStep, List<Candidate> newCandidates) {
        return new SearchState(strategy, problem, config, newPhase, iteration, newLookaheadStep, frontier,
                newCandidates, completed);
    }

    /**
     * Closes the iteration: the kept paths become the frontier, the scored candidates stay as the record of what
     * was chosen from, and the search goes on to the next iteration unless nothing is left or the iteration cap
     * is reached.
     */
    public SearchState nextIteration(List<Candidate> chosenFrom, List<Beam> newFrontier,
                                     List<Trajectory> newCompleted) {
        int next = iteration + 1;
        boolean over = newFrontier.isEmpty() || next >= config.maxIterations();
        return new SearchState(strategy, problem, config, over ? Phase.DONE : Phase.SAMPLE, next, 0, newFrontier,
                chosenFrom, newCompleted);
    }
}
