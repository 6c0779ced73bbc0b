package dev.ponder.engine.stage;

import dev.ponder.core.driver.ChunkResult;
import dev.ponder.core.strategy.Action;
import dev.ponder.core.strategy.SearchState;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.Keys;
import dev.ponder.engine.store.NodeItem;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.StateCodec;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Applies a round's results: hands the chunks' samples or scores to the strategy (which keeps the best for beam
 * search, the best child per subtree for DVTS, ...), writes the changed nodes and the new state with the next round
 * under an optimistic version check, then sends orchestrate. A copy that finds the round already selected re-sends
 * orchestrate only if orchestrate's marker for the next round is absent.
 */
final class Selector {

    private final Pipeline p;

    Selector(Pipeline pipeline) {
        this.p = pipeline;
    }

    /** Handles one select message; returns the search if this delivery did the round's selection. */
    SearchItem handle(StageMessage m) {
        String selected = Keys.marker(m.round(), Stage.SELECT, 0);
        String nextOpened = Keys.marker(m.round() + 1, Stage.ORCHESTRATE, 0);
        FrontierStore.Look look = p.live(m, selected, nextOpened).orElse(null);
        if (look == null) {
            return null;
        }
        SearchItem search = look.search().orElseThrow();
        if (search.round() != m.round()) {
            if (search.round() == m.round() + 1 && look.has(selected) && !look.has(nextOpened)) {
                p.queues.send(StageMessage.of(search.id(), search.round(), search.state().iteration(),
                        Stage.ORCHESTRATE, 0));
                PipelineLog.info(m, "re-sent orchestrate for round " + search.round());
            } else {
                PipelineLog.drop(m, "the search is in round " + search.round());
            }
            return null;
        }
        OptionalLong pending = look.pending();
        if (pending.isEmpty() || pending.getAsLong() > 0) {
            PipelineLog.drop(m, "the round still waits for chunks");
            return null;
        }
        Strategy strategy = p.strategy(search);
        Map<String, NodeItem> nodes = p.store.nodes(search.id());
        SearchState before = StateCodec.decode(search, nodes);
        Action action = strategy.next(before);
        Stage stage = action instanceof Action.Score ? Stage.SCORE : Stage.SAMPLE;
        SearchState after = strategy.apply(before,
                ChunkResult.combine(action, p.store.chunkResults(search.id(), m.round(), stage)));
        StateCodec.Encoded encoded = StateCodec.encode(before, search.state(), nodes, after);
        if (!p.store.commitSelect(search, encoded, p.now())) {
            PipelineLog.drop(m, "a copy selected the round");
            return null;
        }
        p.checkpoints.reached("selection committed", m);
        p.queues.send(StageMessage.of(search.id(), m.round() + 1, after.iteration(), Stage.ORCHESTRATE, 0));
        return search;
    }
}
