package dev.ponder.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.RewardModel;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.engine.queue.SqsStageQueues;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.stage.Checkpoints;
import dev.ponder.engine.stage.Models;
import dev.ponder.engine.stage.Pipeline;
import dev.ponder.engine.stage.Searches;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchTable;
import dev.ponder.local.AwsClients;
import dev.ponder.sim.ArithWorld;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The test side of one pipeline: its own table and queues on the {@link TestServers}, the configuration that points
 * the functions at them, and the engine as a front door would use it (submit, read, receive), without models: the
 * test submits and inspects, only the functions run stages.
 */
final class Harness {

    /** Redeliveries after a failed delivery come late enough not to disturb a test, and none reach a DLQ. */
    static final Duration VISIBILITY = Duration.ofSeconds(30);
    static final int MAX_RECEIVES = 5;

    final TestServers servers;
    final String prefix;
    final String table;
    final ObjectMapper json = new ObjectMapper();
    final FrontierStore store;
    final SqsStageQueues queues;
    final Searches searches;

    Harness(TestServers servers, String name, Pipeline.Options options) {
        this.servers = servers;
        this.prefix = name;
        this.table = "ponder-" + name;
        SearchTable.createIfAbsent(servers.dynamo, table);
        store = new FrontierStore(servers.dynamo, table, json, 3600);
        queues = SqsStageQueues.create(servers.sqs, json, prefix, VISIBILITY, MAX_RECEIVES);
        Pipeline pipeline = new Pipeline(store, queues, NO_MODELS, AnswerEquivalence.math(), options,
                Clock.systemUTC(), Checkpoints.NONE);
        searches = new Searches(pipeline, json);
    }

    /** What the functions need to find this pipeline, as configuration keys. */
    Map<String, String> config() {
        String sim = servers.sim.uri().toString();
        return Map.of(
                "ponder.pipeline.table", table,
                "ponder.pipeline.queue-prefix", prefix,
                "ponder.pipeline.region", AwsClients.REGION.id(),
                "ponder.pipeline.dynamodb-endpoint", servers.stack.endpoints().dynamo().toString(),
                "ponder.pipeline.sqs-endpoint", servers.stack.endpoints().sqs().toString(),
                "ponder.pipeline.s3-endpoint", servers.bucket.endpoint().toString(),
                "ponder.trigger.bucket", TestServers.BUCKET,
                "ponder.models.sim.url", sim,
                "ponder.models.sim-prm.url", sim);
    }

    /** Submits a search of the simulator's arithmetic world (its first orchestrate message goes to the queue). */
    SearchItem submit(String id, String strategy, SearchConfig config, Duration deadline) {
        Problem problem = ArithWorld.problem(7, 11);
        return searches.submit(new Searches.Submission(id, "test", null, problem, strategy, config, "sim", "sim-prm",
                deadline));
    }

    SearchItem submit(String id) {
        return submit(id, "majority", SearchConfig.defaults().withN(4), null);
    }

    SearchItem search(String id) {
        return store.search(id).orElseThrow(() -> new AssertionError("no search " + id + " in " + table));
    }

    /** Up to ten messages waiting on a stage's queue, received (so hidden for {@link #VISIBILITY}). */
    List<Message> receive(Stage stage) {
        return servers.sqs.receiveMessage(b -> b.queueUrl(queues.url(stage)).maxNumberOfMessages(10)
                .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    /** Deletes what a function acknowledged, as Lambda's event source mapping does. */
    void delete(Stage stage, Message message) {
        servers.sqs.deleteMessage(b -> b.queueUrl(queues.url(stage)).receiptHandle(message.receiptHandle()));
    }

    /** Messages on a stage's queue, visible or in flight. */
    int waiting(Stage stage) {
        Map<QueueAttributeName, String> attributes = servers.sqs.getQueueAttributes(b -> b.queueUrl(queues.url(stage))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    void purge(Stage stage) {
        servers.sqs.purgeQueue(b -> b.queueUrl(queues.url(stage)));
    }

    String arn(Stage stage) {
        return arnOf(queues.url(stage));
    }

    String deadArn(Stage stage) {
        return arnOf(queues.deadUrl(stage));
    }

    private String arnOf(String url) {
        return servers.sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** The test side never calls a model. */
    private static final Models NO_MODELS = new Models() {
        @Override
        public PolicyModel policy(String profile) {
            throw new UnsupportedOperationException("only the functions call models");
        }

        @Override
        public RewardModel prm(String profile) {
            throw new UnsupportedOperationException("only the functions call models");
        }
    };
}
