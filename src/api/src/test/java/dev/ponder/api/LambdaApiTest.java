package dev.ponder.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The Lambda handler serving API Gateway HTTP API (payload v2) events: in tests Quarkus's mock API Gateway turns
 * each RestAssured request into a v2 event for the handler and its answer back into HTTP. The stage functions are
 * not running here, so a submitted search stays PENDING with its first message queued.
 */
@QuarkusTest
@QuarkusTestResource(ApiStackResource.class)
class LambdaApiTest {

    ApiStackResource.Key key;

    @Test
    void aSearchIsSubmittedAndShownThroughTheHandler() {
        Response accepted = given().header("Authorization", "Bearer " + key.secret()).contentType("application/json")
                .body("{\"problem\": \"Start with 17. Add 5, then double it.\", \"answer\": \"44\", \"n\": 4}")
                .post("/v1/searches");
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        String id = accepted.path("id");
        assertThat(accepted.header("Location")).endsWith("/v1/searches/" + id);

        Response shown = given().header("Authorization", "Bearer " + key.secret()).get("/v1/searches/" + id);
        assertThat(shown.statusCode()).as(shown.asString()).isEqualTo(200);
        assertThat(shown.<String>path("status")).isEqualTo("PENDING");
        assertThat(shown.<String>path("request.answer")).isEqualTo("44");
        assertThat(shown.<String>path("bill.currency")).isEqualTo("USD");
    }

    @Test
    void errorsAreProblemDetailsAndTheQPathsNeedNoKey() {
        Response unauthorized = given().get("/v1/searches");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.contentType()).startsWith("application/problem+json");
        assertThat(unauthorized.header("WWW-Authenticate")).startsWith("Bearer");

        Response invalid = given().header("Authorization", "Bearer " + key.secret()).contentType("application/json")
                .body("{\"problem\": \"p\", \"n\": 0}").post("/v1/searches");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.<String>path("errors[0].field")).isEqualTo("n");

        assertThat(given().get("/q/health").statusCode()).isEqualTo(200);
        assertThat(given().get("/q/openapi").asString()).contains("/v1/searches");
    }
}
