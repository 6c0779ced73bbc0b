package dev.ponder.engine.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The single table (DESIGN.md §4): {@code pk}/{@code sk} strings, a tenant index on (tenant, created) that lists
 * a tenant's searches newest first, and a sparse index on (active, deadline) holding only unfinished searches, which
 * feeds the sweeper. In the cloud Terraform creates it; the embedded default and tests create it here.
 */
public final class SearchTable {

    public static final String BY_TENANT = "by_tenant";
    public static final String BY_ACTIVE = "by_active";

    private SearchTable() {
    }

    /** Creates the table unless it exists. */
    public static void createIfAbsent(DynamoDbClient dynamo, String table) {
        if (dynamo.listTables().tableNames().contains(table)) {
            return;
        }
        try {
            dynamo.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                            attribute("tenant", ScalarAttributeType.S), attribute("created", ScalarAttributeType.N),
                            attribute("active", ScalarAttributeType.S), attribute("deadline", ScalarAttributeType.N))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(index(BY_TENANT, "tenant", "created"), index(BY_ACTIVE, "active", "deadline")));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (ResourceInUseException raced) {
            // Another command created it between the check and the call: that is all we wanted.
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }
}
