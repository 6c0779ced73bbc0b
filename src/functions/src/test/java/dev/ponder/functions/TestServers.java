package dev.ponder.functions;

import dev.ponder.local.AwsClients;
import dev.ponder.local.EmbeddedStack;
import dev.ponder.local.LocalBucket;
import dev.ponder.sim.SimConfig;
import dev.ponder.sim.server.SimServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local, ElasticMQ, the batch bucket (s3proxy, objects in memory) and the simulator's HTTP server on loopback, for one Quarkus start (or one IT). A static
 * instance cannot outlive a start: Quarkus loads test resources with each start's own class loader.
 */
final class TestServers implements AutoCloseable {

    static final String BUCKET = "ponder-batches";

    final EmbeddedStack stack;
    final SimServer sim;
    final DynamoDbClient dynamo;
    final SqsClient sqs;
    final LocalBucket bucket;
    final S3Client s3;

    TestServers() {
        stack = EmbeddedStack.start(EmbeddedStack.Options.inMemory());
        bucket = LocalBucket.start(null, BUCKET);
        s3 = AwsClients.s3(bucket.endpoint());
        sim = SimServer.start(SimServer.Options.defaults().withPort(0).withConfig(SimConfig.defaults()));
        dynamo = AwsClients.dynamo(stack.endpoints());
        sqs = AwsClients.sqs(stack.endpoints());
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        s3.close();
        bucket.close();
        sim.close();
        stack.close();
    }
}
