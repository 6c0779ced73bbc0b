package dev.ponder.cli.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Set;

/** RestAssured calls of the API as one tenant's client makes them. */
final class Api {

    static final String PROBLEM_JSON = "application/problem+json";

    private Api() {
    }

    static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    static Response submit(String key, String body) {
        return as(key).contentType("application/json").body(body).post("/v1/searches");
    }

    /** Polls until the search has ended, and returns its last view. */
    static Response ended(String key, String id, Duration limit) throws InterruptedException {
        return polled(key, "/v1/searches/" + id, Set.of("SUCCEEDED", "FAILED", "CANCELLED"), limit);
    }

    /** Polls until the batch has ended, and returns its last view. */
    static Response batchEnded(String key, String id, Duration limit) throws InterruptedException {
        return polled(key, "/v1/batches/" + id, Set.of("completed", "failed", "cancelled", "expired"), limit);
    }

    private static Response polled(String key, String path, Set<String> ended, Duration limit)
            throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (true) {
            Response r = as(key).get(path);
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
            if (ended.contains(r.path("status").toString())) {
                return r;
            }
            assertThat(System.nanoTime()).as(path + " still " + r.path("status")).isLessThan(until);
            Thread.sleep(200);
        }
    }

    /** Asserts a problem detail of {@code status}, and returns it. */
    static Response problem(Response r, int status) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith(PROBLEM_JSON);
        assertThat(r.<Integer>path("status")).isEqualTo(status);
        assertThat(r.<String>path("title")).isNotBlank();
        assertThat(r.<String>path("type")).isNotBlank();
        return r;
    }
}
