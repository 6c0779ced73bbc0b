package dev.ponder.engine.stage;

import dev.ponder.core.driver.ChunkResult;
import dev.ponder.core.driver.ModelChunk;
import dev.ponder.core.strategy.Action;
import dev.ponder.core.strategy.SearchState;
import dev.ponder.engine.client.EndpointException;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.Keys;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import java.util.List;

/**
 * The sample and score stages: one chunk of a round's model calls. The worker recomputes the round's action from
 * the stored state (so messages carry no data), takes the chunk's lease (so a duplicate message does not call the
 * model again), calls the model, and records marker, results, counter and usage in one transaction. The commit that
 * brings the counter to zero sends select.
 */
final class ChunkWorker {

    private final Pipeline p;

    ChunkWorker(Pipeline pipeline) {
        this.p = pipeline;
    }

    /** Handles one chunk message; returns the search if this delivery recorded the chunk. */
    SearchItem handle(StageMessage m) {
        String marker = Keys.marker(m.round(), m.stage(), m.chunk());
        FrontierStore.Look look = p.live(m, marker).orElse(null);
        if (look == null) {
            return null;
        }
        SearchItem search = look.search().orElseThrow();
        if (search.round() != m.round()) {
            PipelineLog.drop(m, "the search is in round " + search.round());
            return null;
        }
        if (look.has(marker)) {
            PipelineLog.drop(m, "the chunk is recorded");
            sendSelectIfDue(m);
            return null;
        }
        SearchState state = p.store.state(search);
        ModelChunk chunk = chunk(m, search, state);
        long now = p.now();
        if (!p.store.claimLease(search, m.round(), m.stage(), m.chunk(), m.id(), now,
                now + p.options.lease().toMillis())) {
            PipelineLog.drop(m, "another message holds the chunk's lease");
            return null;
        }
        ChunkResult result;
        try {
            result = chunk.run(p.models.policy(search.policy()), p.models.prm(search.prm()));
        } catch (RuntimeException e) {
            // The redelivery of this message must find the chunk free, not wait out a lease nobody holds.
            p.store.releaseLease(search, m.round(), m.stage(), m.chunk(), m.id());
            if (e instanceof EndpointException refused && refused.kind().permanent()) {
                p.end(search.id(), SearchStatus.FAILED, m.stage().key() + " round " + m.round() + " chunk "
                        + m.chunk() + ": " + refused.getMessage() + " (not retried: the endpoint refused the request)");
                return null;
            }
            throw e;
        }
        FrontierStore.ChunkCommit commit = p.store.commitChunk(search, m.round(), m.stage(), m.chunk(), result,
                p.now());
        if (commit != FrontierStore.ChunkCommit.COMMITTED) {
            PipelineLog.drop(m, commit == FrontierStore.ChunkCommit.STALE ? "the search moved on" : "a copy recorded it");
            return null;
        }
        p.checkpoints.reached("chunk committed", m);
        sendSelectIfDue(m);
        return search;
    }

    /** The chunk this message names, checked against the round's action. */
    private ModelChunk chunk(StageMessage m, SearchItem search, SearchState state) {
        Action action = p.strategy(search).next(state);
        Stage expected = action instanceof Action.Sample ? Stage.SAMPLE : action instanceof Action.Score ? Stage.SCORE
                : null;
        List<ModelChunk> chunks = ModelChunk.plan(action, search.sampleChunk(), search.scoreChunk());
        if (expected != m.stage() || m.chunk() >= chunks.size()) {
            throw new IllegalStateException("round " + m.round() + " has " + chunks.size() + " "
                    + (expected == null ? "finish" : expected.key()) + " chunks: no " + m.stage().key() + " chunk "
                    + m.chunk());
        }
        return chunks.get(m.chunk());
    }

    /** After the last chunk: select, unless it already ran. */
    private void sendSelectIfDue(StageMessage m) {
        String selected = Keys.marker(m.round(), Stage.SELECT, 0);
        FrontierStore.Look look = p.store.look(m.search(), m.round(), selected);
        if (look.pending().isPresent() && look.pending().getAsLong() == 0 && !look.has(selected)) {
            p.queues.send(StageMessage.of(m.search(), m.round(), m.iteration(), Stage.SELECT, 0));
        }
    }
}
