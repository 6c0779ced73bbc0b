package dev.ponder.functions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The orchestrate function behind the Lambda mock event server, fed recorded SQS batch events: what Funqy reports in
 * {@code batchItemFailures} is what SQS delivers again.
 */
@QuarkusTest
@TestProfile(Exports.Orchestrate.class)
@WithTestResource(PipelineStackResource.class)
class OrchestrateFunctionTest {

    Harness harness;

    @Test
    void reportsOnlyTheMalformedMessageOfABatchAndHandlesTheOther() {
        harness.submit("fixture-batch-1");
        harness.purge(Stage.ORCHESTRATE);
        ObjectNode batch = SqsEvents.fixture("sqs-orchestrate-batch.json", harness.arn(Stage.ORCHESTRATE));

        List<String> failures = post(batch);

        assertThat(failures).containsExactly(SqsEvents.messageId(batch, 1));
        SearchItem search = harness.search("fixture-batch-1");
        assertThat(search.status()).as(search.lastError()).isEqualTo(SearchStatus.RUNNING);
        assertThat(harness.receive(Stage.SAMPLE)).as("the round's sample messages").isNotEmpty();
    }

    @Test
    void acknowledgesAStaleMessageAndChangesNothing() {
        harness.submit("fixture-stale-1");
        deliver(Stage.ORCHESTRATE);
        SearchItem before = harness.search("fixture-stale-1");
        int samples = harness.waiting(Stage.SAMPLE);

        List<String> failures = post(SqsEvents.fixture("sqs-orchestrate-stale.json", harness.arn(Stage.ORCHESTRATE)));

        assertThat(failures).as("a stale message is acknowledged, never retried").isEmpty();
        assertThat(harness.search("fixture-stale-1")).isEqualTo(before);
        assertThat(harness.waiting(Stage.SAMPLE)).isEqualTo(samples);
        assertThat(harness.waiting(Stage.SELECT)).isZero();
        assertThat(harness.waiting(Stage.ORCHESTRATE)).isZero();
    }

    @Test
    void refusesAMessageOfAnotherStageWithoutTouchingItsSearch() {
        harness.submit("fixture-misrouted-1");
        deliver(Stage.ORCHESTRATE);
        SearchItem before = harness.search("fixture-misrouted-1");
        List<Message> samples = harness.receive(Stage.SAMPLE);
        assertThat(samples).isNotEmpty();

        ObjectNode misrouted = SqsEvents.of(harness.arn(Stage.ORCHESTRATE), samples.subList(0, 1));
        List<String> failures = post(misrouted);

        assertThat(failures).containsExactly(SqsEvents.messageId(misrouted, 0));
        assertThat(harness.search("fixture-misrouted-1")).isEqualTo(before);
    }

    /** Delivers what waits on the function's queue, as the event source mapping would: post, then delete. */
    private void deliver(Stage stage) {
        List<Message> batch = harness.receive(stage);
        assertThat(batch).isNotEmpty();
        assertThat(post(SqsEvents.of(harness.arn(stage), batch))).isEmpty();
        batch.forEach(m -> harness.delete(stage, m));
    }

    static List<String> post(ObjectNode event) {
        String response = given().contentType("application/json").body(event.toString())
                .when().post()
                .then().statusCode(200)
                .extract().asString();
        return SqsEvents.failures(response);
    }
}
