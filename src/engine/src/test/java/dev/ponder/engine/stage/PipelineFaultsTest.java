package dev.ponder.engine.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.driver.InProcessDriver;
import dev.ponder.core.driver.SearchRun;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.engine.queue.LocalPoller;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import dev.ponder.sim.ArithWorld;
import dev.ponder.sim.SimConfig;
import dev.ponder.sim.SimPolicy;
import dev.ponder.sim.SimPrm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * At-least-once delivery at its worst (DESIGN.md §1): every message twice, a crash between every write and the
 * following send, a message that always fails, cancellation, deadlines and lost messages. Each search still ends
 * in a terminal state, and those that succeed end exactly as they do in process, with no extra model calls.
 */
class PipelineFaultsTest {

    private static final List<String> STRATEGIES = List.of("majority", "weighted-best-of-n", "beam", "dvts");
    private static final SearchConfig CONFIG = SearchConfig.defaults().withN(8).withM(4);
    /** Short, so that redeliveries after a crash come quickly; leases end before their message comes back. */
    private static final Duration VISIBILITY = Duration.ofSeconds(1);
    private static final Pipeline.Options OPTIONS = Pipeline.Options.defaults().withChunks(3, 5)
            .withLease(Duration.ofMillis(900));

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
    void everyMessageDeliveredTwiceChangesNothingAndCallsNoModelTwice() throws Exception {
        CountingModels models = new CountingModels();
        try (var running = stack.start(OPTIONS, models, Checkpoints.NONE,
                LocalPoller.Options.defaults().withConcurrency(4).withDuplicateDeliveries(), Duration.ofSeconds(30), 5)) {
            assertSameAsInProcess(running, models, "dup");
        }
    }

    @Test
    void aCrashBetweenEveryWriteAndItsSendStillCompletesTheSameSearch() throws Exception {
        CountingModels models = new CountingModels();
        Set<String> crashed = ConcurrentHashMap.newKeySet();
        Checkpoints crashOncePerPoint = (point, m) -> {
            if (crashed.add(point + " " + m.stage() + " " + m.search() + " " + m.round() + " " + m.chunk())) {
                throw new IllegalStateException("injected crash at '" + point + "' of " + m);
            }
        };
        try (var running = stack.start(OPTIONS, models, crashOncePerPoint,
                LocalPoller.Options.defaults().withConcurrency(4), VISIBILITY, 10)) {
            assertSameAsInProcess(running, models, "crash");
        }
        assertThat(crashed).anyMatch(c -> c.startsWith("round opened"))
                .anyMatch(c -> c.startsWith("chunks sent"))
                .anyMatch(c -> c.startsWith("chunk committed"))
                .anyMatch(c -> c.startsWith("selection committed"));
    }

    @Test
    void aMessageThatAlwaysFailsGoesToTheDeadLetterQueueAndFailsItsSearchUntilRedriven() throws Exception {
        CountingModels models = new CountingModels();
        Problem problem = ArithWorld.generate(1, 5).get(0);
        models.brokenFor = text -> text.equals(problem.problem());
        // A lease far longer than the visibility timeout: a failed call gives its lease back, so each redelivery
        // tries again at once instead of being turned away.
        Pipeline.Options longLease = OPTIONS.withLease(Duration.ofMinutes(5));
        try (var running = stack.start(longLease, models, Checkpoints.NONE,
                LocalPoller.Options.defaults().withConcurrency(2), VISIBILITY, 2)) {
            submit(running, "poison", problem, "beam");
            SearchItem failed = running.await(List.of("poison"), Duration.ofSeconds(30)).get(0);
            assertThat(failed.status()).isEqualTo(SearchStatus.FAILED);
            assertThat(failed.reason()).contains("sample message of round 0 chunk 0 failed every delivery")
                    .contains("policy endpoint down (HTTP 503)");

            models.brokenFor = text -> false;
            assertThat(running.searches.redriveDeadLetters()).isEqualTo(1);
            SearchItem redriven = awaitStatus(running, "poison", SearchStatus.SUCCEEDED, Duration.ofSeconds(30));
            assertThat(running.searches.run(redriven).state()).isEqualTo(inProcess("beam", problem).state());
            assertThat(running.searches.redriveDeadLetters()).isZero();
        }
    }

    @Test
    void aRequestTheEndpointRefusesFailsItsSearchAtOnceWithoutRedeliveries() throws Exception {
        CountingModels models = new CountingModels();
        Problem problem = ArithWorld.generate(1, 6).get(0);
        models.refusedFor = text -> text.equals(problem.problem());
        try (var running = stack.start(OPTIONS, models, Checkpoints.NONE,
                LocalPoller.Options.defaults().withConcurrency(2), VISIBILITY, 5)) {
            submit(running, "refused", problem, "beam");
            SearchItem failed = running.await(List.of("refused"), Duration.ofSeconds(10)).get(0);

            assertThat(failed.status()).isEqualTo(SearchStatus.FAILED);
            assertThat(failed.reason()).startsWith("sample round 0 chunk 0: sim answered HTTP 400")
                    .endsWith("(not retried: the endpoint refused the request)");
            assertThat(models.policyCalls.get()).isEqualTo(1);
            assertThat(running.searches.redriveDeadLetters()).isZero();
        }
    }

    @Test
    void aCancelledSearchStopsAndStaysCancelled() throws Exception {
        CountingModels models = new CountingModels();
        models.policyDelayMs = 150;
        try (var running = stack.start(OPTIONS, models)) {
            submit(running, "cancel-me", ArithWorld.generate(1, 9).get(0), "beam");
            awaitCalls(models, 2);
            assertThat(running.searches.cancel("cancel-me", "cancelled by the test")).isTrue();
            int callsAtCancel = models.policyCalls.get();
            Thread.sleep(1000);
            SearchItem s = running.store.search("cancel-me").orElseThrow();
            assertThat(s.status()).isEqualTo(SearchStatus.CANCELLED);
            assertThat(s.reason()).isEqualTo("cancelled by the test");
            // A call already under way may finish; nothing new starts.
            assertThat(models.policyCalls.get()).isLessThanOrEqualTo(callsAtCancel + 1);
            assertThat(running.searches.cancel("cancel-me", "again")).isFalse();
        }
    }

    @Test
    void aSearchPastItsDeadlineFails() throws Exception {
        CountingModels models = new CountingModels();
        models.policyDelayMs = 300;
        try (var running = stack.start(OPTIONS, models)) {
            Problem p = ArithWorld.generate(1, 13).get(0);
            running.searches.submit(new Searches.Submission("late", "test", null, p, "beam", CONFIG.withN(4), "sim",
                    "sim-prm", Duration.ofSeconds(1)));
            SearchItem s = running.await(List.of("late"), Duration.ofSeconds(30)).get(0);
            assertThat(s.status()).isEqualTo(SearchStatus.FAILED);
            assertThat(s.reason()).startsWith("deadline exceeded: not finished within 1 s");
        }
    }

    @Test
    void theSweeperRedrivesASearchWhoseMessagesWereLost() throws Exception {
        CountingModels models = new CountingModels();
        Pipeline.Options eager = OPTIONS.withIdle(Duration.ZERO);
        try (var running = stack.start(eager, models)) {
            Problem p = ArithWorld.generate(1, 17).get(0);
            // Stored but never sent, as if the process died between the two: only the sweeper can find it.
            LostMessages lost = new LostMessages(running);
            lost.searches.submit(new Searches.Submission("lost", "test", null, p, "dvts", CONFIG, "sim", "sim-prm",
                    null));
            Thread.sleep(20);
            Sweeper.Sweep sweep = new Sweeper(running.pipeline).sweep();
            assertThat(sweep.redriven()).isEqualTo(1);
            SearchItem s = running.await(List.of("lost"), Duration.ofSeconds(30)).get(0);
            assertThat(s.status()).isEqualTo(SearchStatus.SUCCEEDED);
            assertThat(running.searches.run(s).state()).isEqualTo(inProcess("dvts", p).state());
        }
    }

    /** The same pipeline, but with queues that drop everything sent to them. */
    private static final class LostMessages {
        final Searches searches;

        LostMessages(PipelineStack.Running running) {
            Pipeline silent = new Pipeline(running.store, messages -> { }, (Models) null,
                    AnswerEquivalence.math(), OPTIONS, java.time.Clock.systemUTC(), Checkpoints.NONE);
            searches = new Searches(silent, stack.json);
        }
    }

    private void assertSameAsInProcess(PipelineStack.Running running, CountingModels models, String tag)
            throws Exception {
        List<Problem> problems = ArithWorld.generate(2, 3);
        List<String> ids = new ArrayList<>();
        InProcessCounts expected = new InProcessCounts();
        for (String strategy : STRATEGIES) {
            for (Problem p : problems) {
                String id = tag + "-" + strategy + "-" + p.uniqueId();
                submit(running, id, p, strategy);
                ids.add(id);
                expected.add(inProcess(strategy, p));
            }
        }
        List<SearchItem> ended = running.await(ids, Duration.ofSeconds(120));
        for (int i = 0; i < ended.size(); i++) {
            SearchItem s = ended.get(i);
            assertThat(s.status()).as(s.id() + ": " + s.reason() + " / " + s.lastError())
                    .isEqualTo(SearchStatus.SUCCEEDED);
            SearchRun piped = running.searches.run(s);
            assertThat(piped.state()).as(s.id()).isEqualTo(expected.runs.get(i).state());
            assertThat(piped.usage().completionTokens()).isEqualTo(expected.runs.get(i).usage().completionTokens());
            assertThat(piped.usage().policyCalls()).isEqualTo(expected.runs.get(i).usage().policyCalls());
        }
        assertThat(models.policyCalls.get()).as("policy calls made").isEqualTo(expected.policyCalls());
        assertThat(models.prmCalls.get()).as("PRM calls made").isEqualTo(expected.prmCalls());
    }

    private static final class InProcessCounts {
        final List<SearchRun> runs = new ArrayList<>();

        void add(SearchRun run) {
            runs.add(run);
        }

        long policyCalls() {
            return runs.stream().mapToLong(r -> r.usage().policyCalls()).sum();
        }

        long prmCalls() {
            return runs.stream().mapToLong(r -> r.usage().prmCalls()).sum();
        }
    }

    private static SearchRun inProcess(String strategyName, Problem p) {
        Strategy strategy = Strategies.create(strategyName, AnswerEquivalence.math());
        SimConfig sim = SimConfig.defaults();
        return new InProcessDriver(new SimPolicy(sim), new SimPrm(sim),
                new InProcessDriver.Options(1, OPTIONS.sampleChunk(), OPTIONS.scoreChunk())).run(strategy, p, CONFIG);
    }

    private static void submit(PipelineStack.Running running, String id, Problem p, String strategy) {
        running.searches.submit(new Searches.Submission(id, "test", null, p, strategy, CONFIG, "sim", "sim-prm", null));
    }

    private static SearchItem awaitStatus(PipelineStack.Running running, String id, SearchStatus status,
                                          Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            SearchItem s = running.store.search(id).orElseThrow();
            if (s.status() == status) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " did not become " + status + " within " + timeout);
    }

    private static void awaitCalls(CountingModels models, int calls) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (models.policyCalls.get() < calls && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }
}
