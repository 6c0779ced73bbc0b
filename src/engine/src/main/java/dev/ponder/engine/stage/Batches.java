package dev.ponder.engine.stage;

import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.batch.BatchStatus;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.store.BatchItem;
import dev.ponder.engine.store.BatchStore;
import dev.ponder.engine.store.SearchStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the front doors do with batches (the API, the CLI, the bucket trigger): create one from validated lines, read
 * it, cancel it, collect its result rows. The batch stage ({@link BatchDriver}) runs it.
 */
public final class Batches {

    private final Pipeline p;
    private final BatchStore store;

    public Batches(Pipeline pipeline) {
        this.p = pipeline;
        this.store = pipeline.store.batches();
    }

    /**
     * A batch to accept.
     *
     * @param id          its id: deterministic where re-running the same work must find it (the CLI, a bucket event)
     * @param tenant      who owns it
     * @param lines       its validated lines, in order
     * @param maxInFlight its searches under way at once, at most
     * @param window      its completion window: past it, it ends EXPIRED
     * @param source      where its lines came from
     * @param output      where to write its results when it ends ({@code s3://<bucket>/<key>}), or {@code null}
     */
    public record NewBatch(String id, String tenant, List<BatchLine> lines, int maxInFlight, Duration window,
                           String source, String output) {

        /** A batch whose results are only read back (over the API or the CLI), not written anywhere. */
        public NewBatch(String id, String tenant, List<BatchLine> lines, int maxInFlight, Duration window,
                        String source) {
            this(id, tenant, lines, maxInFlight, window, source, null);
        }

        public NewBatch {
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a batch needs at least one line");
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("max in flight must be at least 1 (got " + maxInFlight + ")");
            }
            lines = List.copyOf(lines);
        }
    }

    /**
     * A deterministic batch id: {@code batch_} and 16 hex digits of the SHA-256 of {@code parts}, so whatever names
     * the same batch twice (an Idempotency-Key and its tenant, a bucket event's object version) finds it again.
     */
    public static String idOf(String... parts) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.join("\u0000", parts)
                    .getBytes(StandardCharsets.UTF_8));
            return "batch_" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** The search id of a batch's line: deterministic, so submitting a line twice finds its search. */
    public static String searchId(String batchId, int line) {
        return batchId + "-" + String.format("%06d", line);
    }

    /** Stores a batch and starts it; a batch with the same id already stored is returned as it is. */
    public BatchItem create(NewBatch b) {
        long now = p.now();
        BatchItem item = new BatchItem(b.id(), b.tenant(), BatchStatus.IN_PROGRESS, 0, b.lines().size(), 0, 0, 0, 0,
                b.maxInFlight(), List.of(), now, now, 0, now + b.window().toMillis(), null, b.source(), b.output(),
                null);
        if (store.create(item, b.lines())) {
            p.queues.send(StageMessage.of(b.id(), 0, 0, Stage.BATCH, 0));
            PipelineLog.batch(b.id(), "accepted: " + b.lines().size() + " lines, " + b.maxInFlight() + " at once");
            return item;
        }
        return store.batch(b.id()).orElseThrow(() -> new IllegalStateException("batch " + b.id()
                + " exists but cannot be read (it expired: its retention ended)"));
    }

    public Optional<BatchItem> get(String id) {
        return store.batch(id);
    }

    /**
     * Cancels an unfinished batch: it becomes CANCELLING, its driver cancels the searches in flight and counts the
     * lines never started, then it ends CANCELLED. False if it had ended already.
     */
    public boolean cancel(String id) {
        while (true) {
            Optional<BatchItem> b = store.batch(id);
            if (b.isEmpty() || b.get().status().terminal()) {
                return false;
            }
            if (b.get().status() == BatchStatus.CANCELLING
                    || store.setStatus(b.get(), BatchStatus.CANCELLING, BatchStatus.CANCELLED, null, p.now())) {
                p.queues.send(StageMessage.of(id, 0, 0, Stage.BATCH, 0));
                return true;
            }
        }
    }

    /**
     * The result rows of every line, in line order: the rows of each ended line, and for lines cancelled before they
     * started, rows saying so. Lines still under way have none yet.
     */
    public List<Map<String, Object>> results(BatchItem batch) {
        return results(batch, batch.status());
    }

    /** The result rows of a batch as they are once it ends {@code as}: what its results object holds. */
    List<Map<String, Object>> results(BatchItem batch, BatchStatus as) {
        TreeMap<Integer, List<Map<String, Object>>> rows = store.rows(batch.id());
        List<Map<String, Object>> all = new ArrayList<>();
        rows.values().forEach(all::addAll);
        if (as == BatchStatus.CANCELLED || as == BatchStatus.EXPIRED) {
            List<BatchLine> lines = store.lines(batch.id(), 0, batch.total());
            List<Map<String, Object>> inOrder = new ArrayList<>();
            for (int line = 0; line < batch.total(); line++) {
                inOrder.addAll(rows.containsKey(line) ? rows.get(line) : BatchRows.unsuccessful(lines.get(line),
                        SearchStatus.CANCELLED.name(), "its batch was " + as.key()
                                + " before it started", null));
            }
            return inOrder;
        }
        return all;
    }

    /** A page of a tenant's batches, newest first. */
    public BatchStore.Page list(String tenant, int limit, String cursor) {
        return store.list(tenant, limit, cursor);
    }
}
