package dev.ponder.cli.serve;

import static dev.ponder.cli.serve.Api.as;
import static dev.ponder.cli.serve.Api.ended;
import static dev.ponder.cli.serve.Api.problem;
import static dev.ponder.cli.serve.Api.submit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ponder.engine.account.Quotas;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Quotas (exhausted and released) and idempotency keys, on {@code ponder serve}'s stack. */
@QuarkusTest
@TestProfile(ServeProfile.class)
class ApiQuotasTest {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String SHORT = "{\"problem\": \"Start with 5. Add 3.\", \"strategy\": \"majority\", \"n\": 4}";
    private static final String LONG = "{\"problem\": \"Start with 17. Multiply by 3. Subtract 8.\", "
            + "\"strategy\": \"beam\", \"n\": 64, \"m\": 2, \"max_iterations\": 100}";

    @Inject
    ServedStack stack;

    @Test
    void aConcurrencySlotIsReleasedWhenItsSearchEnds() throws InterruptedException {
        String key = stack.key("one-at-a-time", new Quotas.Overrides(1, null, null, null));
        String first = submit(key, LONG).path("id");

        Response refused = problem(submit(key, SHORT), 429);
        assertThat(refused.<String>path("quota")).isEqualTo("max_concurrent");
        assertThat(refused.<Integer>path("limit")).isEqualTo(1);
        assertThat(refused.<String>path("detail")).contains("max_concurrent");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();

        as(key).delete("/v1/searches/" + first);
        Response second = submit(key, SHORT);
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(202);
        assertThat(ended(key, second.path("id"), LIMIT).<String>path("status")).isEqualTo("SUCCEEDED");
        assertThat(submit(key, SHORT).statusCode()).isEqualTo(202);
    }

    @Test
    void nAboveTheTenantsMaxNIsRefusedWithoutRetryAfter() {
        String key = stack.key("small", new Quotas.Overrides(null, 8, null, null));

        for (Response r : List.of(submit(key, "{\"problem\": \"p\", \"n\": 16}"), as(key)
                .contentType("application/json").queryParam("dry_run", "true").body("{\"problem\": \"p\", \"n\": 16}")
                .post("/v1/searches"))) {
            problem(r, 429);
            assertThat(r.<String>path("quota")).isEqualTo("max_n");
            assertThat(r.<Integer>path("limit")).isEqualTo(8);
            assertThat(r.header("Retry-After")).isNull();
        }
        assertThat(submit(key, "{\"problem\": \"p\", \"n\": 8}").statusCode()).isEqualTo(202);
    }

    @Test
    void theMonthsTokensRunOut() throws InterruptedException {
        String key = stack.key("frugal", new Quotas.Overrides(null, null, 1L, null));
        String id = submit(key, SHORT).path("id");
        ended(key, id, LIMIT);

        Response refused = problem(submit(key, SHORT), 429);
        assertThat(refused.<String>path("quota")).isEqualTo("monthly_tokens");
        assertThat(refused.<Integer>path("limit")).isEqualTo(1);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
    }

    @Test
    void requestsPerSecondAreCounted() {
        String key = stack.key("hasty", new Quotas.Overrides(null, null, null, 2));

        List<Response> burst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            burst.add(as(key).get("/v1/searches"));
        }
        List<Response> refused = burst.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(refused).isNotEmpty();
        assertThat(refused.get(0).<String>path("quota")).isEqualTo("requests_per_second");
        assertThat(refused.get(0).header("Retry-After")).isEqualTo("1");
        assertThat(burst).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 429));
    }

    @Test
    void anIdempotencyKeyReplaysItsSearchAndRefusesAnotherBody() throws Exception {
        String key = stack.key("retrier", Quotas.Overrides.NONE);

        Response first = as(key).header("Idempotency-Key", "order-1").contentType("application/json").body(SHORT)
                .post("/v1/searches");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(202);
        Response again = as(key).header("Idempotency-Key", "order-1").contentType("application/json")
                .body("{\"n\":4,\"strategy\":\"majority\",\"problem\":\"Start with 5. Add 3.\"}").post("/v1/searches");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(again.<Boolean>path("replayed")).isTrue();

        Response conflict = problem(as(key).header("Idempotency-Key", "order-1").contentType("application/json")
                .body(SHORT.replace("\"n\": 4", "\"n\": 8")).post("/v1/searches"), 422);
        assertThat(conflict.<String>path("type")).isEqualTo("urn:ponder:problem:idempotency-conflict");
        assertThat(problem(as(key).header("Idempotency-Key", "with space").contentType("application/json")
                .body(SHORT).post("/v1/searches"), 400).<String>path("errors[0].field")).isEqualTo("Idempotency-Key");

        // The racing requests go early in a second that an earlier request opened: the engine's rate counter turns
        // away concurrent first requests of a new second (all but the one that opens its window).
        while (System.currentTimeMillis() % 1000 > 200) {
            Thread.sleep(10);
        }
        as(key).get("/v1/searches");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> racing = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Response> post = () -> as(key).header("Idempotency-Key", "order-2")
                        .contentType("application/json").body(SHORT).post("/v1/searches");
                racing.add(pool.submit(post));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Response> f : racing) {
                Response r = f.get();
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
                ids.add(r.path("id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(ids.get(0)).isNotEqualTo(first.path("id"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(as(key).get("/v1/searches").<List<String>>path("searches.id")).hasSize(2);
    }
}
