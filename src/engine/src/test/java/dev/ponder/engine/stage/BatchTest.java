package dev.ponder.engine.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.batch.BatchStatus;
import dev.ponder.engine.queue.LocalPoller;
import dev.ponder.engine.store.BatchItem;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.sim.ArithWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches on the real pipeline: the driver keeps at most the batch's in-flight limit of searches under way, records
 * every line once (also when every message comes twice), fails a line it cannot start, and cancels and expires.
 */
class BatchTest {

    private static final SearchConfig CONFIG = SearchConfig.defaults().withN(4).withM(2);
    private static final Pipeline.Options OPTIONS = Pipeline.Options.defaults().withChunks(3, 5);
    private static final AtomicInteger IDS = new AtomicInteger();

    private static PipelineStack stack;

    @BeforeAll
    static void start() {
        stack = new PipelineStack();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aBatchRunsEveryLineWithinItsInFlightLimitAndKeepsRowsInLineOrder() throws Exception {
        try (var running = stack.start(OPTIONS, new CountingModels())) {
            Batches batches = new Batches(running.pipeline);
            List<BatchLine> lines = lines(6, "weighted-best-of-n");
            String id = "b" + IDS.incrementAndGet();
            batches.create(new Batches.NewBatch(id, "acme", lines, 2, Duration.ofHours(1), "test"));

            int mostAtOnce = 0;
            BatchItem b;
            while (!(b = await(running, id, Duration.ofMillis(20))).status().terminal()) {
                mostAtOnce = Math.max(mostAtOnce, runningSearchesOf(running, id));
            }

            assertThat(b.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(b.succeeded()).isEqualTo(6);
            assertThat(b.recorded()).isEqualTo(6);
            assertThat(mostAtOnce).isLessThanOrEqualTo(2);
            List<Map<String, Object>> rows = batches.results(b);
            assertThat(rows).extracting(r -> r.get("custom_id")).containsExactly("line-0", "line-1", "line-2",
                    "line-3", "line-4", "line-5");
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.get("pred")).isNotNull();
                assertThat(r.get("search_id")).asString().startsWith(id + "-");
            });
        }
    }

    @Test
    void everyLineIsRecordedOnceWhenEveryMessageComesTwice() throws Exception {
        try (var running = stack.start(OPTIONS, new CountingModels(), Checkpoints.NONE,
                LocalPoller.Options.defaults().withConcurrency(4).withDuplicateDeliveries(), Duration.ofSeconds(30), 5)) {
            Batches batches = new Batches(running.pipeline);
            String id = "b" + IDS.incrementAndGet();
            batches.create(new Batches.NewBatch(id, "acme", lines(5, "majority"), 3, Duration.ofHours(1), "test"));

            BatchItem b = awaitEnd(running, id);

            assertThat(b.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(List.of(b.succeeded(), b.failed(), b.cancelled())).containsExactly(5, 0, 0);
            assertThat(batches.results(b)).hasSize(5);
        }
    }

    @Test
    void aLineWhoseSearchCannotStartFailsAndTheBatchStillCompletes() throws Exception {
        try (var running = stack.start(OPTIONS, new CountingModels())) {
            Batches batches = new Batches(running.pipeline);
            List<BatchLine> lines = new ArrayList<>(lines(2, "majority"));
            Problem p = ArithWorld.generate(1, 99).get(0);
            lines.add(1, new BatchLine("bad", p, "no-such-strategy", CONFIG, "sim", "sim-prm", null, List.of(4)));
            String id = "b" + IDS.incrementAndGet();
            batches.create(new Batches.NewBatch(id, "acme", lines, 2, Duration.ofHours(1), "test"));

            BatchItem b = awaitEnd(running, id);

            assertThat(b.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(List.of(b.succeeded(), b.failed())).containsExactly(2, 1);
            Map<String, Object> bad = batches.results(b).get(1);
            assertThat(bad).containsEntry("custom_id", "bad").containsEntry("status", "FAILED");
            assertThat(bad.get("error")).asString().contains("no-such-strategy");
        }
    }

    @Test
    void aCancelledBatchCancelsItsSearchesInFlightAndNeverStartsTheRest() throws Exception {
        CountingModels models = new CountingModels();
        models.policyDelayMs = 300;
        try (var running = stack.start(OPTIONS, models)) {
            Batches batches = new Batches(running.pipeline);
            String id = "b" + IDS.incrementAndGet();
            batches.create(new Batches.NewBatch(id, "acme", lines(6, "beam"), 1, Duration.ofHours(1), "test"));
            while (runningSearchesOf(running, id) == 0) {
                Thread.sleep(20);
            }

            assertThat(batches.cancel(id)).isTrue();
            BatchItem b = awaitEnd(running, id);

            assertThat(b.status()).isEqualTo(BatchStatus.CANCELLED);
            assertThat(b.cancelled()).isEqualTo(6 - b.succeeded());
            assertThat(b.cancelled()).isGreaterThanOrEqualTo(5);
            List<Map<String, Object>> rows = batches.results(b);
            assertThat(rows).hasSize(6);
            assertThat(rows.get(5)).containsEntry("status", "CANCELLED").containsEntry("custom_id", "line-5");
            assertThat(batches.cancel(id)).isFalse();
        }
    }

    @Test
    void aBatchPastItsCompletionWindowExpires() throws Exception {
        CountingModels models = new CountingModels();
        models.policyDelayMs = 400;
        try (var running = stack.start(OPTIONS, models)) {
            Batches batches = new Batches(running.pipeline);
            String id = "b" + IDS.incrementAndGet();
            batches.create(new Batches.NewBatch(id, "acme", lines(4, "beam"), 1, Duration.ofSeconds(1), "test"));

            BatchItem b = awaitEnd(running, id);

            assertThat(b.status()).isEqualTo(BatchStatus.EXPIRED);
            assertThat(b.reason()).contains("completion window");
            assertThat(b.recorded()).isEqualTo(4);
        }
    }

    private static List<BatchLine> lines(int count, String strategy) {
        List<BatchLine> lines = new ArrayList<>();
        List<Problem> problems = ArithWorld.generate(count, 17);
        for (int i = 0; i < count; i++) {
            lines.add(new BatchLine("line-" + i, problems.get(i), strategy, CONFIG, "sim", "sim-prm", null,
                    List.of(CONFIG.n())));
        }
        return lines;
    }

    /** Searches of the batch under way, read strongly consistent (the sweeper's index may lag). */
    private static int runningSearchesOf(PipelineStack.Running running, String batchId) {
        int total = running.store.batches().batch(batchId).orElseThrow().total();
        int active = 0;
        for (int line = 0; line < total; line++) {
            active += running.store.search(Batches.searchId(batchId, line)).filter(SearchItem::active)
                    .isPresent() ? 1 : 0;
        }
        return active;
    }

    private static BatchItem await(PipelineStack.Running running, String id, Duration pause) throws Exception {
        Thread.sleep(pause.toMillis());
        return running.store.batches().batch(id).orElseThrow();
    }

    static BatchItem awaitEnd(PipelineStack.Running running, String id) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        BatchItem b;
        while (!(b = await(running, id, Duration.ofMillis(50))).status().terminal()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("batch " + id + " did not end: " + b);
            }
        }
        return b;
    }
}
