package dev.ponder.functions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ponder.core.search.SearchConfig;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sweep function run by the recorded EventBridge schedule event. */
@QuarkusTest
@TestProfile(Exports.Sweep.class)
@WithTestResource(PipelineStackResource.class)
class SweepFunctionTest {

    Harness harness;

    @Test
    void failsASearchPastItsDeadlineAndRedrivesAnIdleOne() throws InterruptedException {
        harness.submit("sweep-late", "majority", SearchConfig.defaults().withN(4),
                Duration.ofMillis(1));
        harness.submit("sweep-idle");
        harness.purge(Stage.ORCHESTRATE);
        Thread.sleep(Exports.Sweep.IDLE_MS * 2);

        JsonPath counts = given().contentType("application/json")
                .body(SqsEvents.fixture("eventbridge-scheduled.json").toString())
                .when().post()
                .then().statusCode(200)
                .extract().jsonPath();

        assertThat(counts.getInt("failed")).isEqualTo(1);
        assertThat(counts.getInt("redriven")).isEqualTo(1);
        SearchItem late = harness.search("sweep-late");
        assertThat(late.status()).isEqualTo(SearchStatus.FAILED);
        assertThat(late.reason()).startsWith("deadline exceeded");
        SearchItem idle = harness.search("sweep-idle");
        assertThat(idle.status()).isEqualTo(SearchStatus.PENDING);
        assertThat(idle.redrives()).isEqualTo(1);
        assertThat(harness.receive(Stage.ORCHESTRATE)).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("\"search\":\"sweep-idle\"", "\"redrive\":true"));
    }
}
