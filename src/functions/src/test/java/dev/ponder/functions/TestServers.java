package dev.ponder.functions;

import dev.ponder.local.AwsClients;
import dev.ponder.local.EmbeddedStack;
import dev.ponder.sim.SimConfig;
import dev.ponder.sim.server.SimServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local, ElasticMQ and the simulator's HTTP server on loopback, for one Quarkus start (or one IT). A static
 * instance cannot outlive a start: Quarkus loads test resources with each start's own class loader.
 */
final class TestServers implements AutoCloseable {

    final EmbeddedStack stack;
    final SimServer sim;
    final DynamoDbClient dynamo;
    final SqsClient sqs;

    TestServers() {
        stack = EmbeddedStack.start(EmbeddedStack.Options.inMemory());
        sim = SimServer.start(SimServer.Options.defaults().withPort(0).withConfig(SimConfig.defaults()));
        dynamo = AwsClients.dynamo(stack.endpoints());
        sqs = AwsClients.sqs(stack.endpoints());
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        sim.close();
        stack.close();
    }
}
