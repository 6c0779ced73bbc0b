package dev.ponder.engine.stage;

import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.batch.BatchStatus;
import dev.ponder.engine.bucket.ObjectRef;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.store.BatchItem;
import dev.ponder.engine.store.BatchStore;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batch stage: one message (sent when a search of the batch ends, when the batch is created or cancelled, and
 * by the sweeper) makes the driver record every line whose search ended, submit the next lines up to the batch's
 * in-flight limit, and finish the batch when every line is recorded. Every change is conditional on the batch's
 * version and every search id is deterministic ({@code <batch>-<line>}), so copies of a message, or a driver that
 * died between claiming lines and submitting them, leave the batch as one delivery would.
 */
final class BatchDriver {

    private final Pipeline p;
    private final Searches searches;
    private final BatchStore batches;
    private final Batches results;

    BatchDriver(Pipeline pipeline) {
        this.p = pipeline;
        this.results = new Batches(pipeline);
        this.searches = new Searches(pipeline, pipeline.store.json());
        this.batches = pipeline.store.batches();
    }

    void handle(StageMessage m) {
        // Each pass records one line or does one other change; lines in flight bound how many a message needs.
        for (int pass = 0; ; pass++) {
            Optional<BatchItem> found = batches.batch(m.search());
            if (found.isEmpty()) {
                PipelineLog.drop(m, "its batch is unknown");
                return;
            }
            BatchItem b = found.get();
            if (b.status().terminal()) {
                PipelineLog.drop(m, "its batch is " + b.status().key());
                return;
            }
            if (pass > 4 * b.maxInFlight() + 16) {
                throw new IllegalStateException("batch " + b.id() + " kept changing under its driver: left for "
                        + "redelivery");
            }
            if (!step(b)) {
                return;
            }
        }
    }

    /** One step; true if the batch changed (or lost a race) and is to be read again. */
    private boolean step(BatchItem b) {
        long now = p.now();
        boolean cancelling = b.status() == BatchStatus.CANCELLING;
        if (!cancelling && now > b.expiresMs()) {
            batches.setStatus(b, BatchStatus.CANCELLING, BatchStatus.EXPIRED,
                    "not finished within its completion window", now);
            return true;
        }
        if (cancelling && b.submitted() < b.total()) {
            batches.cancelUnsubmitted(b, now);
            return true;
        }
        for (int line : b.inFlight()) {
            Optional<Boolean> changed = inFlight(b, line, cancelling, now);
            if (changed.isPresent()) {
                return changed.get();
            }
        }
        if (!cancelling && b.submitted() < b.total() && b.inFlight().size() < b.maxInFlight()) {
            int count = Math.min(b.maxInFlight() - b.inFlight().size(), b.total() - b.submitted());
            if (!batches.claim(b, count, now)) {
                return true;
            }
            List<BatchLine> lines = batches.lines(b.id(), b.submitted(), b.submitted() + count);
            for (int i = 0; i < count; i++) {
                submit(b, b.submitted() + i, lines.get(i));
            }
            return false;
        }
        if (b.recorded() == b.total()) {
            BatchStatus end = cancelling ? b.endAs() : BatchStatus.COMPLETED;
            if (b.output() != null) {
                writeResults(b, end);
            }
            if (!batches.setStatus(b, end, null, null, now)) {
                return true;
            }
            PipelineLog.batch(b.id(), end.key() + ": " + b.succeeded() + " succeeded, " + b.failed() + " failed, "
                    + b.cancelled() + " cancelled of " + b.total());
        }
        return false;
    }

    /**
     * Writes the results object of a batch started from the bucket, before it ends: a driver that dies between the
     * two leaves the batch unfinished, and the next delivery writes the same rows again.
     */
    private void writeResults(BatchItem b, BatchStatus end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map<String, Object> row : results.results(b, end)) {
                out.write(p.store.json().writeValueAsBytes(row));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results of batch " + b.id(), e);
        }
        ObjectRef target = ObjectRef.parse(b.output());
        p.bucket(b.id()).write(target, out.toByteArray(), "application/jsonl");
        PipelineLog.batch(b.id(), "results written to " + target);
    }

    /**
     * A line in flight: records it if its search ended (or, cancelling, if it never started); cancels it if the batch
     * is cancelling; submits it if a driver died between claiming and submitting it. Empty if nothing was recorded
     * (go on with the next line), else whether to read the batch again.
     */
    private Optional<Boolean> inFlight(BatchItem b, int line, boolean cancelling, long now) {
        String id = Batches.searchId(b.id(), line);
        Optional<SearchItem> search = p.store.search(id);
        if (search.isEmpty()) {
            BatchLine l = batches.lines(b.id(), line, line + 1).get(0);
            if (cancelling) {
                batches.record(b, line, BatchStore.LineEnd.CANCELLED, BatchRows.unsuccessful(l,
                        SearchStatus.CANCELLED.name(), "its batch was cancelled before it started", null), now);
                return Optional.of(true);
            }
            Optional<String> refused = submit(b, line, l);
            if (refused.isPresent()) {
                batches.record(b, line, BatchStore.LineEnd.FAILED, BatchRows.unsuccessful(l,
                        SearchStatus.FAILED.name(), refused.get(), null), now);
                return Optional.of(true);
            }
            return Optional.empty();
        }
        SearchItem s = search.get();
        if (s.active()) {
            if (cancelling) {
                p.end(id, SearchStatus.CANCELLED, "its batch was cancelled");
                return Optional.of(true);
            }
            return Optional.empty();
        }
        BatchLine l = batches.lines(b.id(), line, line + 1).get(0);
        if (s.status() == SearchStatus.SUCCEEDED) {
            batches.record(b, line, BatchStore.LineEnd.SUCCEEDED, BatchRows.succeeded(l, searches.run(s), id,
                    p.equivalence), now);
        } else {
            batches.record(b, line, s.status() == SearchStatus.CANCELLED ? BatchStore.LineEnd.CANCELLED
                            : BatchStore.LineEnd.FAILED,
                    BatchRows.unsuccessful(l, s.status().name(), s.reason() != null ? s.reason()
                            : String.valueOf(s.lastError()), id), now);
        }
        return Optional.of(true);
    }

    /** Submits a line's search; the reason if its configuration is refused (then it never runs). */
    private Optional<String> submit(BatchItem b, int line, BatchLine l) {
        try {
            searches.submit(new Searches.Submission(Batches.searchId(b.id(), line), b.tenant(), b.id(), l.problem(),
                    l.strategy(), l.config(), l.policy(), l.prm(),
                    l.deadlineSeconds() == null ? null : Duration.ofSeconds(l.deadlineSeconds())));
            return Optional.empty();
        } catch (IllegalArgumentException refused) {
            return Optional.of(refused.getMessage());
        }
    }
}
