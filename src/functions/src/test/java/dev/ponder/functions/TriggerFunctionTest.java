package dev.ponder.functions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ponder.engine.batch.BatchStatus;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.store.BatchItem;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The trigger function run by the recorded S3 notification: one batch per object version, however often it comes. */
@QuarkusTest
@TestProfile(Exports.Trigger.class)
@WithTestResource(PipelineStackResource.class)
class TriggerFunctionTest {

    private static final String KEY = "incoming/day 1/problems.jsonl";

    Harness harness;

    @Test
    void theNotificationStartsOneBatchForTheBucketsTenantAndItsDuplicateStartsNothing() {
        harness.servers.s3.putObject(b -> b.bucket(TestServers.BUCKET).key(KEY), RequestBody.fromString("""
                {"custom_id": "a", "problem": "Start with 17. Add 5, then double it.", "answer": "44", "n": 4}
                {"custom_id": "b", "problem": "Start with 3. Multiply by 4.", "answer": "12", "strategy": "majority"}
                """));

        JsonPath first = post();
        JsonPath second = post();

        assertThat(first.getString("[0].outcome")).isEqualTo("STARTED");
        assertThat(second.getString("[0].outcome")).isEqualTo("DUPLICATE");
        String id = first.getString("[0].batchId");
        assertThat(second.getString("[0].batchId")).isEqualTo(id);
        BatchItem b = harness.store.batches().batch(id).orElseThrow();
        assertThat(b.tenant()).isEqualTo("acme");
        assertThat(b.status()).isEqualTo(BatchStatus.IN_PROGRESS);
        assertThat(b.total()).isEqualTo(2);
        assertThat(b.source()).isEqualTo("s3://ponder-batches/" + KEY + "#3HL4kqtJlcpXroDTDmjVBH40Nrjfkd");
        assertThat(b.output()).isEqualTo("s3://ponder-batches/results/day 1/problems.jsonl");
        assertThat(harness.receive(Stage.BATCH)).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("\"search\":\"" + id + "\""));
    }

    private static JsonPath post() {
        return given().contentType("application/json")
                .body(SqsEvents.fixture("s3-object-created.json").toString())
                .when().post()
                .then().statusCode(200)
                .extract().jsonPath();
    }
}
