package dev.ponder.engine.stage;

import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.store.BatchItem;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import java.time.Duration;

/**
 * Finds searches that lost their way: past their deadline (failed), or without progress for longer than the idle
 * limit (re-driven through orchestrate, which resumes whatever the round lacks; failed after too many redrives).
 * In the cloud it runs on a schedule; the embedded default also re-drives every unfinished search at start-up,
 * since in-memory queues do not survive a restart.
 */
public final class Sweeper {

    private final Pipeline p;

    public Sweeper(Pipeline pipeline) {
        this.p = pipeline;
    }

    /**
     * What one sweep did.
     *
     * @param failed   searches failed past their deadline or idle after their redrives
     * @param redriven idle searches re-driven
     * @param batches  unfinished batches nudged (their drivers record what ended and submit what is due)
     */
    public record Sweep(int failed, int redriven, int batches) {
    }

    public Sweep sweep() {
        int failed = 0;
        int redriven = 0;
        long now = p.now();
        for (SearchItem s : p.store.active()) {
            if (now > s.deadlineMs()) {
                failed += p.end(s.id(), SearchStatus.FAILED, Pipeline.deadlineReason(s)) ? 1 : 0;
            } else if (now - s.updatedMs() > p.options.idle().toMillis()) {
                if (s.redrives() >= p.options.maxRedrives()) {
                    failed += p.end(s.id(), SearchStatus.FAILED, "idle for "
                            + Duration.ofMillis(now - s.updatedMs()).toSeconds() + " s after " + s.redrives()
                            + " redrives (round " + s.round() + ")") ? 1 : 0;
                } else if (redrive(s)) {
                    redriven++;
                }
            }
        }
        return new Sweep(failed, redriven, nudgeBatches());
    }

    /**
     * Sends every unfinished batch's driver a message: it records what ended and submits what is due, so a message
     * lost between a search's end and its batch costs one sweep interval.
     */
    private int nudgeBatches() {
        int batches = 0;
        for (BatchItem b : p.store.batches().active()) {
            p.queues.send(StageMessage.of(b.id(), 0, 0, Stage.BATCH, 0));
            batches++;
        }
        return batches;
    }

    /**
     * Re-drives every unfinished search, idle or not, and nudges every unfinished batch: their messages may have been
     * lost with the queues.
     */
    public int redriveAll() {
        nudgeBatches();
        int redriven = 0;
        for (SearchItem s : p.store.active()) {
            if (redrive(s)) {
                redriven++;
            }
        }
        return redriven;
    }

    private boolean redrive(SearchItem s) {
        if (!p.store.countRedrive(s, p.now())) {
            return false;
        }
        p.queues.send(StageMessage.redrive(s.id(), s.round(), s.state().iteration()));
        PipelineLog.search(s.id(), "re-driven in round " + s.round());
        return true;
    }
}
