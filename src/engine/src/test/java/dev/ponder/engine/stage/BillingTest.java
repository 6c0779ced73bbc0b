package dev.ponder.engine.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.engine.account.IdempotencyConflictException;
import dev.ponder.engine.account.QuotaExceededException;
import dev.ponder.engine.account.Quotas;
import dev.ponder.engine.account.Tenant;
import dev.ponder.engine.bill.Bill;
import dev.ponder.engine.bill.EndpointUsage;
import dev.ponder.engine.bill.Estimates;
import dev.ponder.engine.bill.Metered;
import dev.ponder.engine.bill.PriceTable;
import dev.ponder.engine.queue.LocalPoller;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import dev.ponder.sim.ArithWorld;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bill and the tenant's limits on the real pipeline: each unit of work billed once however often its message
 * comes, concurrency slots taken and given back in the transactions that start and end searches, idempotency keys.
 */
class BillingTest {

    private static final SearchConfig CONFIG = SearchConfig.defaults().withN(8).withM(4);
    private static final Pipeline.Options OPTIONS = Pipeline.Options.defaults().withChunks(3, 5);
    private static final PriceTable PRICES = new PriceTable("USD", "test", Map.of(),
            new BigDecimal("2.50"), new BigDecimal("0.0000166667"), new BigDecimal("0.20"), 512,
            new BigDecimal("0.40"), new BigDecimal("0.125"), new BigDecimal("0.625"), new BigDecimal("1.00"));

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
    void everyUnitOfWorkIsBilledOnceEvenWhenEveryMessageComesTwice() throws Exception {
        List<Problem> problems = ArithWorld.generate(2, 7);
        List<Metered> once = run(problems, LocalPoller.Options.defaults().withConcurrency(4));
        List<Metered> twice = run(problems, LocalPoller.Options.defaults().withConcurrency(4).withDuplicateDeliveries());

        for (int i = 0; i < once.size(); i++) {
            assertThat(twice.get(i).endpoints()).isEqualTo(once.get(i).endpoints());
            assertThat(twice.get(i).invocations()).isEqualTo(once.get(i).invocations());
            assertThat(once.get(i).readUnits()).isPositive();
            assertThat(once.get(i).writeUnits()).isPositive();
            assertThat(once.get(i).messages()).isGreaterThanOrEqualTo(once.get(i).invocations() - 1);
        }
    }

    @Test
    void theBillPricesModelWorkPerEndpointAndTheCloudsWork() throws Exception {
        List<Metered> metered = run(ArithWorld.generate(1, 11), LocalPoller.Options.defaults().withConcurrency(4));
        Bill bill = PRICES.bill(metered.get(0));

        assertThat(bill.lines()).extracting(Bill.Line::item).containsExactly("endpoint:sim", "endpoint:sim-prm",
                "lambda-requests", "lambda-compute", "sqs-requests", "dynamodb-reads", "dynamodb-writes");
        assertThat(bill.total()).isEqualByComparingTo(bill.lines().stream().map(Bill.Line::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(bill.lines().get(2).quantity()).isEqualByComparingTo(
                BigDecimal.valueOf(metered.get(0).invocations()).movePointLeft(6));
    }

    @Test
    void aSearchHoldsASlotUntilItEndsAndARefusedOneLeavesNothing() throws Exception {
        CountingModels models = new CountingModels();
        try (var running = stack.start(OPTIONS, models)) {
            Tenant acme = tenant(running, new Quotas.Overrides(1, 16, null, null));
            Problem p = ArithWorld.generate(1, 3).get(0);
            models.policyDelayMs = 200;

            Searches.Accepted first = running.searches.submit(submission("slot-1", p, "beam"), admission(acme, null));
            assertThat(first.created()).isTrue();
            assertThatThrownBy(() -> running.searches.submit(submission("slot-2", p, "beam"), admission(acme, null)))
                    .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                        assertThat(e.quota()).isEqualTo("max_concurrent");
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(10));
                    });
            assertThat(running.store.search("slot-2")).isEmpty();
            assertThat(running.store.metered("slot-2")).isEqualTo(Metered.ZERO);

            assertThat(running.searches.cancel("slot-1", "test")).isTrue();
            assertThat(slotsHeld(running)).isZero();
            models.policyDelayMs = 0;
            running.searches.submit(submission("slot-3", p, "majority"), admission(acme, null));
            assertThat(running.await(List.of("slot-3"), Duration.ofSeconds(60)).get(0).status())
                    .isEqualTo(SearchStatus.SUCCEEDED);
            assertThat(slotsHeld(running)).isZero();
            assertThatThrownBy(() -> running.searches.submit(new Searches.Submission("slot-4", "acme",
                            null, p, "majority", CONFIG.withN(32), "sim", "sim-prm", null), admission(acme, null)))
                    .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.quota()).isEqualTo("max_n"));
        }
    }

    @Test
    void anIdempotencyKeyGivesTheSameSearchForTheSameBodyAndA422ForAnother() throws Exception {
        try (var running = stack.start(OPTIONS, new CountingModels())) {
            Tenant acme = tenant(running, Quotas.Overrides.NONE);
            Problem p = ArithWorld.generate(1, 5).get(0);

            Searches.Accepted first = running.searches.submit(submission("idem-1", p, "majority"),
                    new Searches.Admission(acme, "key-1", "hash-a"));
            Searches.Accepted again = running.searches.submit(submission("idem-2", p, "majority"),
                    new Searches.Admission(acme, "key-1", "hash-a"));

            assertThat(first.created()).isTrue();
            assertThat(again.created()).isFalse();
            assertThat(again.search().id()).isEqualTo("idem-1");
            assertThat(running.store.search("idem-2")).isEmpty();
            assertThatThrownBy(() -> running.searches.submit(submission("idem-3", p, "majority"),
                    new Searches.Admission(acme, "key-1", "hash-b")))
                    .isInstanceOfSatisfying(IdempotencyConflictException.class,
                            e -> assertThat(e.searchId()).isEqualTo("idem-1"));
            running.await(List.of("idem-1"), Duration.ofSeconds(60));
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Metered day = running.searches.accounts().usage("acme", today.minusDays(1), today);
            Metered search = running.searches.metered("idem-1");
            assertThat(day.endpoints()).isEqualTo(search.endpoints());
            assertThat(day.invocations()).isEqualTo(search.invocations());
            assertThat(day.searches()).isEqualTo(1);
            assertThat(day.apiRequests()).isEqualTo(1);
        }
    }

    @Test
    void aTenantThatUsedItsMonthlyTokensMustWaitForTheNextMonth() throws Exception {
        try (var running = stack.start(OPTIONS, new CountingModels())) {
            Tenant acme = tenant(running, new Quotas.Overrides(null, null, 1000L, null));
            Problem p = ArithWorld.generate(1, 9).get(0);

            running.searches.submit(submission("month-1", p, "majority"), admission(acme, null));
            running.await(List.of("month-1"), Duration.ofSeconds(60));

            assertThat(running.searches.metered("month-1").tokens()).isGreaterThan(1000);
            assertThatThrownBy(() -> running.searches.submit(submission("month-2", p, "majority"), admission(acme, null)))
                    .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                        assertThat(e.quota()).isEqualTo("monthly_tokens");
                        assertThat(e.retryAfter()).hasValueSatisfying(wait ->
                                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofDays(31)));
                    });
            assertThat(running.store.search("month-2")).isEmpty();
        }
    }

    @Test
    void theEstimateOfABeamSearchCountsItsRoundsAndChunks() {
        Problem p = ArithWorld.generate(1, 5).get(0);
        Metered estimate = Estimates.estimate(p, "beam", CONFIG, "sim", "sim-prm", 3, 5);
        EndpointUsage policy = estimate.endpoints().get("sim");

        assertThat(policy.completionTokens()).isPositive();
        assertThat(estimate.endpoints().get("sim-prm").calls()).isPositive();
        assertThat(estimate.invocations()).isEqualTo(estimate.messages());
        assertThat(PRICES.bill(estimate).total()).isPositive();
    }

    private List<Metered> run(List<Problem> problems, LocalPoller.Options poller) throws Exception {
        try (var running = stack.start(OPTIONS, new CountingModels(), Checkpoints.NONE, poller, Duration.ofSeconds(30),
                5)) {
            List<String> ids = new ArrayList<>();
            for (Problem p : problems) {
                for (String strategy : List.of("beam", "weighted-best-of-n")) {
                    String id = strategy + "-" + p.uniqueId();
                    running.searches.submit(submission(id, p, strategy));
                    ids.add(id);
                }
            }
            List<Metered> metered = new ArrayList<>();
            for (SearchItem s : running.await(ids, Duration.ofSeconds(120))) {
                assertThat(s.status()).isEqualTo(SearchStatus.SUCCEEDED);
                Metered m = running.searches.metered(s.id());
                var usage = running.store.usage(s.id());
                assertThat(m.endpoints().values().stream().mapToLong(EndpointUsage::completionTokens).sum())
                        .isEqualTo(usage.completionTokens());
                assertThat(m.endpoints().values().stream().mapToLong(EndpointUsage::promptTokens).sum())
                        .isEqualTo(usage.promptTokens());
                metered.add(m);
            }
            return metered;
        }
    }

    private static Tenant tenant(PipelineStack.Running running, Quotas.Overrides quotas) {
        running.searches.accounts().createKey("acme", quotas);
        return running.searches.accounts().tenant("acme").orElseThrow();
    }

    private static long slotsHeld(PipelineStack.Running running) {
        return running.searches.accounts().tenant("acme").orElseThrow().running();
    }

    private static Searches.Admission admission(Tenant tenant, String key) {
        return new Searches.Admission(tenant, key, key == null ? null : "hash");
    }

    private static Searches.Submission submission(String id, Problem p, String strategy) {
        return new Searches.Submission(id, "acme", null, p, strategy, CONFIG, "sim", "sim-prm", null);
    }
}
