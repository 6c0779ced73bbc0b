package dev.ponder.core.strategy;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.answer.AnswerExtractor;
import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.Steps;
import dev.ponder.core.search.Trajectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The path a search's answer came from: among the emitted trajectories whose answer is {@code pred}, the one with
 * the highest reduced score (for majority vote, without scores, the first of them); ties go to the earliest, as
 * everywhere (SPEC.md §2). Without an answer, the best-scored path, so a failed search still shows how it went.
 * What {@code ponder solve} prints and the API's trajectories mark as chosen.
 */
public final class WinningPath {

    /** One step of the path, with its PRM score ({@code null} when the path was never scored). */
    public record Step(String text, Double score) {
    }

    private WinningPath() {
    }

    public static Optional<Trajectory> of(SearchOutcome outcome, Reduction reduction, AnswerEquivalence equivalence) {
        String pred = outcome.pred();
        Trajectory best = null;
        for (boolean mustMatch : new boolean[] {true, false}) {
            for (Trajectory t : outcome.trajectories()) {
                if (mustMatch && (pred == null || pred.isEmpty()
                        || !equivalence.equivalent(pred, AnswerExtractor.extract(t.text())))) {
                    continue;
                }
                if (best == null || t.score(reduction) > best.score(reduction)) {
                    best = t;
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    /** The path's steps as the PRM saw them (trimmed, empty ones dropped), each with its score. */
    public static List<Step> steps(Trajectory path) {
        List<String> texts = Steps.forScoring(path.text());
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            steps.add(new Step(texts.get(i), i < path.scores().size() ? path.scores().get(i) : null));
        }
        return steps;
    }
}
