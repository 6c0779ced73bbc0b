package dev.ponder.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.account.Accounts;
import dev.ponder.engine.account.Quotas;
import dev.ponder.engine.queue.SqsStageQueues;
import dev.ponder.engine.store.AccountStore;
import dev.ponder.engine.store.SearchTable;
import dev.ponder.local.AwsClients;
import dev.ponder.local.EmbeddedStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local and ElasticMQ on loopback for one start of the API, with the table and the stage queues Terraform
 * would have made, and an API key for the test ({@link Key}); returns the configuration that points the API at them.
 */
public class ApiStackResource implements QuarkusTestResourceLifecycleManager {

    /** The tenant's key a test gets injected. */
    public record Key(String secret) {
    }

    private static final String TABLE = "ponder-api-test";
    private static final String PREFIX = "api-test";

    private EmbeddedStack stack;
    private Key key;

    @Override
    public Map<String, String> start() {
        stack = EmbeddedStack.start(EmbeddedStack.Options.inMemory());
        try (DynamoDbClient dynamo = AwsClients.dynamo(stack.endpoints());
             SqsClient sqs = AwsClients.sqs(stack.endpoints())) {
            SearchTable.createIfAbsent(dynamo, TABLE);
            SqsStageQueues.create(sqs, new ObjectMapper(), PREFIX, Duration.ofSeconds(60), 5);
            key = new Key(new Accounts(new AccountStore(dynamo, TABLE), Clock.systemUTC())
                    .createKey("lambda-tenant", Quotas.Overrides.NONE).secret());
        }
        return Map.of("ponder.pipeline.table", TABLE, "ponder.pipeline.queue-prefix", PREFIX,
                "ponder.pipeline.dynamodb-endpoint", stack.endpoints().dynamo().toString(),
                "ponder.pipeline.sqs-endpoint", stack.endpoints().sqs().toString());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(key, new TestInjector.MatchesType(Key.class));
    }

    @Override
    public void stop() {
        stack.close();
    }
}
