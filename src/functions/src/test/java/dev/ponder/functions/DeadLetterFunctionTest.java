package dev.ponder.functions;

import static dev.ponder.functions.OrchestrateFunctionTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The deadletter function fed a recorded batch from a stage's dead-letter queue. */
@QuarkusTest
@TestProfile(Exports.DeadLetter.class)
@WithTestResource(PipelineStackResource.class)
class DeadLetterFunctionTest {

    Harness harness;

    @Test
    void failsTheSearchWithTheReasonAndAcknowledgesABodyThatIsNoStageMessage() {
        harness.submit("fixture-dead-1");

        ObjectNode batch = SqsEvents.fixture("sqs-dead-letter.json", harness.deadArn(Stage.SAMPLE));

        assertThat(post(batch)).as("both are acknowledged: the dead letter is recorded, the garbage only logged")
                .isEmpty();
        SearchItem search = harness.search("fixture-dead-1");
        assertThat(search.status()).isEqualTo(SearchStatus.FAILED);
        assertThat(search.reason()).isEqualTo("the sample message of round 0 chunk 0 failed every delivery");
        assertThat(harness.store.deadLetters()).extracting(FrontierStore.DeadLetter::search)
                .containsExactly("fixture-dead-1");
    }

    @Test
    void refusesAMessageFromAQueueItDoesNotServe() {
        int kept = harness.store.deadLetters().size();
        ObjectNode batch = SqsEvents.fixture("sqs-dead-letter.json", harness.arn(Stage.SAMPLE));
        batch.withArray("Records").remove(1);

        assertThat(post(batch)).as("a misconfigured event source shows as failures").containsExactly(
                SqsEvents.messageId(batch, 0));
        assertThat(harness.store.deadLetters()).hasSize(kept);
    }
}
