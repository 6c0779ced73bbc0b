package dev.ponder.cli.serve;

import static dev.ponder.cli.serve.Api.as;
import static dev.ponder.cli.serve.Api.ended;
import static dev.ponder.cli.serve.Api.problem;
import static dev.ponder.cli.serve.Api.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ponder.engine.account.Quotas;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every endpoint of the API on {@code ponder serve}'s stack: answers, status codes and error bodies. */
@QuarkusTest
@TestProfile(ServeProfile.class)
class ApiServeTest {

    private static final String PROBLEM = "Start with 17. Multiply by 3. Subtract 8.";
    private static final Duration LIMIT = Duration.ofSeconds(90);
    /** A search that runs long enough to be caught running: 32 beams of 64 samples an iteration. */
    private static final String LONG = "{\"problem\": \"" + PROBLEM + "\", \"strategy\": \"beam\", \"n\": 64, "
            + "\"m\": 2, \"max_iterations\": 100}";

    @Inject
    ServedStack stack;

    @Test
    void submitPollShowListCancelAndUsage() throws InterruptedException {
        String key = stack.key("acme", Quotas.Overrides.NONE);

        Response accepted = submit(key, "{\"problem\": \"" + PROBLEM + "\", \"answer\": \"43\", \"n\": 8}");
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        String id = accepted.path("id");
        assertThat(accepted.header("Location")).endsWith("/v1/searches/" + id);
        assertThat(accepted.<String>path("status")).isEqualTo("PENDING");
        assertThat(accepted.<Boolean>path("replayed")).isFalse();

        Response done = ended(key, id, LIMIT);
        assertThat(done.<String>path("status")).isEqualTo("SUCCEEDED");
        assertThat(done.<String>path("answer")).isEqualTo("43");
        assertThat(done.<Boolean>path("correct")).isTrue();
        assertThat(done.<Integer>path("iteration")).isPositive();
        assertThat(done.<Integer>path("request.n")).isEqualTo(8);
        assertThat(done.<String>path("request.strategy")).isEqualTo("beam");
        assertThat(done.<Integer>path("usage.tokens")).isPositive();
        assertThat(done.<Map<String, ?>>path("usage.endpoints")).containsKeys("sim", "sim-prm");
        assertThat(done.<Float>path("bill.total")).isPositive();
        assertThat(done.<List<?>>path("bill.lines")).isNotEmpty();
        assertThat(done.<Object>path("trajectories")).isNull();

        Response paths = as(key).queryParam("include", "trajectories").get("/v1/searches/" + id);
        assertThat(paths.<List<Boolean>>path("trajectories.chosen")).containsOnlyOnce(true);
        assertThat(paths.<List<Float>>path("trajectories[0].steps.score")).isNotEmpty()
                .allSatisfy(s -> assertThat(s).isBetween(0f, 1f));
        assertThat(paths.<String>path("trajectories.find { it.chosen }.steps[-1].text")).contains("\\boxed{43}");
        assertThat(problem(as(key).queryParam("include", "everything").get("/v1/searches/" + id), 400)
                .<String>path("errors[0].field")).isEqualTo("include");

        assertThat(as(key).get("/v1/searches").<List<String>>path("searches.id")).contains(id);
        assertThat(as(key).queryParam("status", "succeeded").get("/v1/searches").<List<String>>path("searches.id"))
                .contains(id);
        assertThat(as(key).queryParam("status", "running").get("/v1/searches").<List<String>>path("searches.id"))
                .doesNotContain(id);
        Response bad = problem(as(key).queryParam("status", "done").queryParam("limit", "0").get("/v1/searches"), 400);
        assertThat(bad.<List<String>>path("errors.field")).containsExactly("status", "limit");
        assertThat(bad.<List<String>>path("errors.message")).containsExactly(
                "status must be one of pending, running, succeeded, failed, cancelled (got done)",
                "limit must be an integer between 1 and 100 (got 0)");
        problem(as(key).queryParam("cursor", "not-a-cursor").get("/v1/searches"), 400);

        Response ended = problem(as(key).delete("/v1/searches/" + id), 409);
        assertThat(ended.<String>path("detail")).contains("already ended SUCCEEDED");

        Response usage = as(key).get("/v1/usage");
        assertThat(usage.statusCode()).as(usage.asString()).isEqualTo(200);
        assertThat(usage.<String>path("tenant")).isEqualTo("acme");
        assertThat(usage.<Integer>path("usage.tokens")).isPositive();
        assertThat(usage.<Integer>path("usage.searches")).isPositive();
        assertThat(usage.<Float>path("bill.total")).isPositive();
        assertThat(problem(as(key).queryParam("from", "2020-01-01").queryParam("to", "2021-12-31")
                .get("/v1/usage"), 400).<String>path("errors[0].message"))
                .isEqualTo("the range must be at most 366 days (got 731 days, 2020-01-01 to 2021-12-31)");
        assertThat(problem(as(key).queryParam("from", "2026-13-01").get("/v1/usage"), 400)
                .<String>path("errors[0].field")).isEqualTo("from");
        assertThat(problem(as(key).queryParam("from", "2026-02-02").queryParam("to", "2026-02-01")
                .get("/v1/usage"), 400).<String>path("errors[0].limit")).isEqualTo("on or before to (2026-02-01)");
    }

    @Test
    void cancelEndsASearchCancelledAndPagesListNewestFirst() throws InterruptedException {
        String key = stack.key("pager", Quotas.Overrides.NONE);
        String first = submit(key, LONG).path("id");
        String second = submit(key, LONG).path("id");

        Response cancelled = as(key).delete("/v1/searches/" + first);
        assertThat(cancelled.statusCode()).as(cancelled.asString()).isEqualTo(200);
        assertThat(cancelled.<String>path("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.<String>path("reason")).isEqualTo("cancelled through the API");
        assertThat(as(key).delete("/v1/searches/" + first).statusCode()).isEqualTo(200);
        as(key).delete("/v1/searches/" + second);
        assertThat(ended(key, second, LIMIT).<String>path("status")).isEqualTo("CANCELLED");

        Response page1 = as(key).queryParam("limit", 1).get("/v1/searches");
        assertThat(page1.<List<String>>path("searches.id")).containsExactly(second);
        Response page2 = as(key).queryParam("limit", 1).queryParam("cursor", page1.<String>path("next_cursor"))
                .get("/v1/searches");
        assertThat(page2.<List<String>>path("searches.id")).containsExactly(first);
        assertThat(page2.<String>path("next_cursor")).isNull();
    }

    @Test
    void aDryRunPricesTheSearchAndStoresNothing() {
        String key = stack.key("pricer", Quotas.Overrides.NONE);

        Response dry = as(key).contentType("application/json").queryParam("dry_run", "true")
                .body("{\"problem\": \"" + PROBLEM + "\", \"strategy\": \"beam\", \"n\": 16}").post("/v1/searches");

        assertThat(dry.statusCode()).as(dry.asString()).isEqualTo(200);
        assertThat(dry.<Boolean>path("dry_run")).isTrue();
        assertThat(dry.<Integer>path("request.n")).isEqualTo(16);
        assertThat(dry.<Integer>path("estimate.tokens")).isPositive();
        assertThat(dry.<Float>path("bill.total")).isPositive();
        assertThat(as(key).get("/v1/searches").<List<?>>path("searches")).isEmpty();
        assertThat(problem(as(key).contentType("application/json").queryParam("dry_run", "maybe")
                .body("{\"problem\": \"p\"}").post("/v1/searches"), 400).<String>path("errors[0].message"))
                .isEqualTo("dry_run must be true or false (got maybe)");
    }

    @Test
    void everyV1PathNeedsALiveKeyAndTheQPathsNone() {
        String key = stack.key("keyed", Quotas.Overrides.NONE);
        assertThat(as(key).get("/v1/searches").statusCode()).isEqualTo(200);

        for (Response r : List.of(given().get("/v1/searches"), given().header("Authorization", "Basic eDp5")
                .get("/v1/searches"), as("pndr_not-a-key").get("/v1/searches"), given().get("/v1/nothing-here"),
                as("").delete("/v1/searches/abc"))) {
            problem(r, 401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }
        String id = stack.accounts().keys().stream().filter(k -> k.tenant().equals("keyed")).findFirst()
                .orElseThrow().id();
        stack.accounts().revoke(id);
        problem(as(key).get("/v1/searches"), 401);

        assertThat(given().get("/q/health").statusCode()).isEqualTo(200);
        assertThat(given().get("/q/openapi").asString()).contains("/v1/searches", "/v1/usage", "bearer");
        assertThat(given().get("/q/swagger-ui/").statusCode()).isEqualTo(200);
        assertThat(given().get("/q/metrics").asString()).contains("http_server_requests");
    }

    @Test
    void badRequestsAreProblemsNamingWhatIsWrong() {
        String key = stack.key("careless", Quotas.Overrides.NONE);

        Response invalid = problem(submit(key, "{\"problem\": \"p\", \"n\": 5000, \"m\": \"4\", \"top_k\": 3}"), 400);
        assertThat(invalid.<String>path("type")).isEqualTo("urn:ponder:problem:invalid-request");
        assertThat(invalid.<String>path("instance")).isEqualTo("/v1/searches");
        assertThat(invalid.<List<String>>path("errors.field")).containsExactly("top_k", "n", "m");
        assertThat(invalid.<Integer>path("errors[1].value")).isEqualTo(5000);
        assertThat(invalid.<String>path("errors[1].limit")).isEqualTo("an integer between 1 and 1024");

        problem(submit(key, "{\"problem\": "), 400);
        problem(as(key).contentType("text/plain").body("{\"problem\": \"p\"}").post("/v1/searches"), 415);
        problem(as(key).contentType("application/json").body("{\"problem\": \"" + "x".repeat(300_000) + "\"}")
                .post("/v1/searches"), 413);
        problem(as(key).contentType("application/json").body("{}").put("/v1/searches"), 405);
        problem(as(key).get("/v1/searches/0000000000000000"), 404);
        problem(as(key).accept("text/html").get("/v1/searches"), 406);
        assertThat(as(key).get("/v1/searches").<List<?>>path("searches")).isEmpty();
    }

    @Test
    void aTenantSeesOnlyItsOwnSearches() throws InterruptedException {
        String owner = stack.key("owner", Quotas.Overrides.NONE);
        String other = stack.key("other", Quotas.Overrides.NONE);
        String id = submit(owner, LONG).path("id");

        problem(as(other).get("/v1/searches/" + id), 404);
        problem(as(other).delete("/v1/searches/" + id), 404);
        problem(as(other).queryParam("include", "trajectories").get("/v1/searches/" + id), 404);
        assertThat(as(other).get("/v1/searches").<List<?>>path("searches")).isEmpty();
        assertThat(as(owner).get("/v1/searches/" + id).<String>path("status")).isNotEqualTo("CANCELLED");

        as(owner).delete("/v1/searches/" + id);
        assertThat(ended(owner, id, LIMIT).<String>path("status")).isEqualTo("CANCELLED");
    }
}
