package dev.ponder.engine.stage;

import dev.ponder.engine.bill.StoreMetering;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.RewardModel;
import dev.ponder.engine.queue.LocalPoller;
import dev.ponder.engine.queue.SqsStageQueues;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchTable;
import dev.ponder.local.AwsClients;
import dev.ponder.local.CallCounter;
import dev.ponder.local.EmbeddedStack;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A whole pipeline on real servers for tests: DynamoDB Local and ElasticMQ on loopback (one stack per test class),
 * and per pipeline its own table and queues, the stage services, and a local poller delivering to them.
 */
final class PipelineStack implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger();

    final EmbeddedStack stack;
    final DynamoDbClient dynamo;
    final SqsClient sqs;
    final ObjectMapper json = new ObjectMapper();

    final CallCounter calls = new CallCounter();

    PipelineStack() {
        stack = EmbeddedStack.start(EmbeddedStack.Options.inMemory());
        dynamo = AwsClients.dynamo(stack.endpoints().dynamo(), calls, new StoreMetering());
        sqs = AwsClients.sqs(stack.endpoints().sqs(), calls);
    }

    /** A running pipeline with its own table and queues. */
    final class Running implements AutoCloseable {
        final Pipeline pipeline;
        final Searches searches;
        final SqsStageQueues queues;
        final LocalPoller poller;
        final FrontierStore store;

        Running(Pipeline.Options options, Models models, Checkpoints checkpoints, LocalPoller.Options pollerOptions,
                Duration visibility, int maxReceives) {
            int n = NEXT.incrementAndGet();
            String table = "ponder-test-" + n;
            SearchTable.createIfAbsent(dynamo, table);
            store = new FrontierStore(dynamo, table, json, 3600);
            queues = SqsStageQueues.create(sqs, json, "ponder-test-" + n, visibility, maxReceives);
            pipeline = new Pipeline(store, queues, models, AnswerEquivalence.math(), options, Clock.systemUTC(),
                    checkpoints);
            searches = new Searches(pipeline, json);
            DeadLetters dead = new DeadLetters(pipeline, json);
            poller = new LocalPoller(sqs, queues, json, pipeline::handle, dead::handle, pollerOptions).start();
        }

        /** Waits until every search has ended; returns them in the order asked. */
        List<SearchItem> await(List<String> ids, Duration timeout) throws InterruptedException {
            long until = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<SearchItem> found = new ArrayList<>();
                for (String id : ids) {
                    store.search(id).filter(s -> !s.active()).ifPresent(found::add);
                }
                if (found.size() == ids.size()) {
                    return found;
                }
                if (System.nanoTime() > until) {
                    throw new AssertionError((ids.size() - found.size()) + " of " + ids.size()
                            + " searches did not end within " + timeout);
                }
                Thread.sleep(50);
            }
        }

        @Override
        public void close() {
            poller.close();
        }
    }

    Running start(Pipeline.Options options, Models models) {
        return start(options, models, Checkpoints.NONE, LocalPoller.Options.defaults().withConcurrency(4),
                Duration.ofSeconds(30), 5);
    }

    Running start(Pipeline.Options options, Models models, Checkpoints checkpoints, LocalPoller.Options poller,
                  Duration visibility, int maxReceives) {
        return new Running(options, models, checkpoints, poller, visibility, maxReceives);
    }

    /** Models that are the same simulated policy and PRM whatever the profile name. */
    static Models same(PolicyModel policy, RewardModel prm) {
        return new Models() {
            @Override
            public PolicyModel policy(String profile) {
                return policy;
            }

            @Override
            public RewardModel prm(String profile) {
                return prm;
            }
        };
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        stack.close();
    }
}
