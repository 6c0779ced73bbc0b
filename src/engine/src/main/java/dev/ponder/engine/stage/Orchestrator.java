package dev.ponder.engine.stage;

import dev.ponder.core.driver.ModelChunk;
import dev.ponder.core.strategy.Action;
import dev.ponder.core.strategy.SearchOutcome;
import dev.ponder.core.strategy.SearchState;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.engine.bill.Meter;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.Keys;
import dev.ponder.engine.store.SearchItem;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Drives one search: asks its strategy what the current round needs, then either finishes the search or opens
 * the round — the fan-in counter with the exact chunk count first, then one message per chunk, then its own marker.
 * The marker goes last, so a copy that finds it knows every message went out; a copy that does not (the first died
 * between writes and sends) sends the chunks whose markers are still absent.
 */
final class Orchestrator {

    private final Pipeline p;

    Orchestrator(Pipeline pipeline) {
        this.p = pipeline;
    }

    /** Handles one orchestrate message; returns the search if this delivery opened its round or finished it. */
    SearchItem handle(StageMessage m) {
        String marker = Keys.marker(m.round(), Stage.ORCHESTRATE, 0);
        FrontierStore.Look look = p.live(m, marker).orElse(null);
        if (look == null) {
            return null;
        }
        SearchItem search = look.search().orElseThrow();
        if (search.round() != m.round()) {
            PipelineLog.drop(m, "the search is in round " + search.round());
            return null;
        }
        if (!m.redrive() && look.has(marker)) {
            PipelineLog.drop(m, "the round was opened and its messages sent");
            return null;
        }
        Strategy strategy = p.strategy(search);
        SearchState state = p.store.state(search);
        Action action = strategy.next(state);
        if (action instanceof Action.Finish) {
            return finish(m, search, strategy, state) ? search : null;
        }
        Stage stage = action instanceof Action.Sample ? Stage.SAMPLE : Stage.SCORE;
        int chunks = ModelChunk.plan(action, search.sampleChunk(), search.scoreChunk()).size();
        OptionalLong pending = look.pending();
        boolean opened = pending.isEmpty();
        if (opened) {
            if (!p.store.startRound(search, stage, chunks, p.now())) {
                PipelineLog.drop(m, "another copy opened the round");
                return null;
            }
            pending = OptionalLong.of(chunks);
        }
        p.checkpoints.reached("round opened", m);
        if (pending.getAsLong() == 0) {
            p.queues.send(StageMessage.of(search.id(), m.round(), m.iteration(), Stage.SELECT, 0));
        } else {
            Set<Integer> done = opened ? Set.of() : p.store.doneChunks(search.id(), m.round(), stage);
            List<StageMessage> sends = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                if (!done.contains(c)) {
                    sends.add(StageMessage.of(search.id(), m.round(), state.iteration(), stage, c));
                }
            }
            p.queues.send(sends);
        }
        p.checkpoints.reached("chunks sent", m);
        p.store.putMarker(search, m.round(), Stage.ORCHESTRATE);
        PipelineLog.info(m, "opened " + stage.key() + " round with " + chunks + " chunks");
        return search;
    }

    private boolean finish(StageMessage m, SearchItem search, Strategy strategy, SearchState state) {
        SearchOutcome outcome = strategy.finish(state);
        String gold = search.problem().answer();
        Boolean correct = gold == null || outcome.pred() == null ? null : p.equivalence.equivalent(gold, outcome.pred());
        if (p.store.finish(search, outcome, correct, p.now(), Meter.current().asInvocation())) {
            PipelineLog.search(search.id(), "succeeded after " + state.iteration() + " iterations: " + outcome.pred());
            p.ended(search);
            return true;
        }
        PipelineLog.drop(m, "the search changed while finishing");
        return false;
    }
}
