package dev.ponder.engine.store;

import static dev.ponder.engine.store.Attrs.key;
import static dev.ponder.engine.store.Attrs.n;
import static dev.ponder.engine.store.Attrs.num;
import static dev.ponder.engine.store.Attrs.s;
import static dev.ponder.engine.store.Attrs.str;

import dev.ponder.engine.account.ApiKey;
import dev.ponder.engine.account.Quotas;
import dev.ponder.engine.account.Tenant;
import dev.ponder.engine.bill.Metered;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Tenants and API keys in the single table (DESIGN.md §4): {@code T#<tenant>/META} holds a tenant's quotas, its
 * concurrency slots and its request window; {@code T#<tenant>/D#<day>} its usage per UTC day;
 * {@code K#<sha256>/META} a key (only the hash of the secret), listed again under {@code KEYS}. Key reads are
 * strongly consistent, so a key works the moment it is created and stops the moment it is revoked.
 */
public final class AccountStore {

    /** Days of usage are kept this long: a year and a month, so a year's usage can be summed. */
    private static final long DAY_RETENTION_SECONDS = 400L * 24 * 3600;

    private final DynamoDbClient dynamo;
    private final String table;

    public AccountStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Stores a new key, creating its tenant with {@code quotas} if new, or setting the overridden quotas of an
     * existing one, in one transaction.
     */
    public void putKey(ApiKey key, Quotas defaults, Quotas.Overrides overrides) {
        Map<String, AttributeValue> keyItem = keyAttributes(key);
        keyItem.putAll(key(Keys.apiKey(key.id()), Keys.META));
        Map<String, AttributeValue> listed = keyAttributes(key);
        listed.putAll(key(Keys.KEYS_PARTITION, Keys.apiKey(key.id())));
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>(List.of("#name = :name", "created = if_not_exists(created, :now)",
                "running = if_not_exists(running, :zero)"));
        values.put(":name", s(key.tenant()));
        values.put(":now", n(key.createdMs()));
        values.put(":zero", n(0));
        quota(set, values, "max_concurrent", defaults.maxConcurrent(), overrides.maxConcurrent());
        quota(set, values, "max_n", defaults.maxN(), overrides.maxN());
        quota(set, values, "monthly_tokens", defaults.monthlyTokens(), overrides.monthlyTokens());
        quota(set, values, "rps", defaults.requestsPerSecond(), overrides.requestsPerSecond());
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(keyItem)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(listed)).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key(Keys.tenant(key.tenant()), Keys.META))
                        .updateExpression("SET " + String.join(", ", set))
                        .expressionAttributeNames(Map.of("#name", "name"))
                        .expressionAttributeValues(values)).build()));
    }

    /** The key whose secret hashes to {@code id}, read strongly consistent. */
    public Optional<ApiKey> findKey(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(Keys.apiKey(id), Keys.META))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(apiKey(id, item));
    }

    /** Every key, newest first. */
    public List<ApiKey> keys() {
        List<ApiKey> keys = new ArrayList<>();
        var q = QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.KEYS_PARTITION))).consistentRead(true).build();
        for (var page : dynamo.queryPaginator(q)) {
            page.items().forEach(i -> keys.add(apiKey(str(i, "sk").substring(Keys.apiKey("").length()), i)));
        }
        keys.sort(Comparator.comparingLong(ApiKey::createdMs).reversed().thenComparing(ApiKey::id));
        return keys;
    }

    /** Marks a key revoked (both its items); a key revoked before keeps its first revocation time. */
    public void revoke(String id, long now) {
        dynamo.transactWriteItems(b -> b.transactItems(revoke(key(Keys.apiKey(id), Keys.META), now),
                revoke(key(Keys.KEYS_PARTITION, Keys.apiKey(id)), now)));
    }

    /** The tenant, read strongly consistent. */
    public Optional<Tenant> tenant(String name) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(Keys.tenant(name), Keys.META)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(tenant(item));
    }

    /**
     * Counts one request in the tenant's window of the current second, if the window has room: the tenant (with
     * its quotas) if counted, empty if the second's requests are used up. One conditional update in the common case;
     * the first request of a second opens a new window with a second one.
     */
    public Optional<Tenant> countRequest(String tenant, long epochSecond) {
        Map<String, AttributeValue> k = key(Keys.tenant(tenant), Keys.META);
        Map<String, AttributeValue> values = Map.of(":sec", n(epochSecond), ":one", n(1));
        try {
            return Optional.of(tenant(dynamo.updateItem(b -> b.tableName(table).key(k)
                    .updateExpression("SET hits = hits + :one")
                    .conditionExpression("win = :sec AND hits < rps")
                    .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException sameSecondFullOrNewSecond) {
            try {
                return Optional.of(tenant(dynamo.updateItem(b -> b.tableName(table).key(k)
                        .updateExpression("SET win = :sec, hits = :one")
                        .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(win) OR win < :sec)")
                        .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)).attributes()));
            } catch (ConditionalCheckFailedException full) {
                return Optional.empty();
            }
        }
    }

    /** The tenant's usage summed over the UTC days {@code from} to {@code to}, inclusive. */
    public Metered usage(String tenant, LocalDate from, LocalDate to) {
        Metered sum = Metered.ZERO;
        var q = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(Keys.tenant(tenant)), ":from", s(Keys.day(from)),
                        ":to", s(Keys.day(to)))).build();
        for (var page : dynamo.queryPaginator(q)) {
            for (var item : page.items()) {
                sum = sum.plus(UsageItems.read(item));
            }
        }
        return sum;
    }

    /** A stored idempotency key: the hash of the request that used it, and the search it created. */
    public record Idempotency(String requestHash, String searchId) {
    }

    public Optional<Idempotency> idempotency(String tenant, String idempotencyKey) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(Keys.tenant(tenant), Keys.idempotency(idempotencyKey))).consistentRead(true)).item();
        return item == null || item.isEmpty() || FrontierStore.expired(item) ? Optional.empty()
                : Optional.of(new Idempotency(str(item, "hash"), str(item, "search")));
    }

    /** The update adding {@code usage} to the tenant's day, for the transaction that records the work. */
    TransactWriteItem addToDay(String tenant, LocalDate day, Metered usage) {
        return UsageItems.add(table, key(Keys.tenant(tenant), Keys.day(day)), usage, Map.of(),
                day.toEpochDay() * 86_400 + DAY_RETENTION_SECONDS);
    }

    private TransactWriteItem revoke(Map<String, AttributeValue> key, long now) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key)
                .updateExpression("SET revoked_at = if_not_exists(revoked_at, :now)")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":now", n(now)))).build();
    }

    private static void quota(List<String> set, Map<String, AttributeValue> values, String name, long fallback,
                              Number override) {
        values.put(":" + name, n(override == null ? fallback : override.longValue()));
        set.add(override == null ? name + " = if_not_exists(" + name + ", :" + name + ")" : name + " = :" + name);
    }

    private static Map<String, AttributeValue> keyAttributes(ApiKey key) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("kind", s("key"));
        item.put("owner", s(key.tenant()));
        item.put("hint", s(key.hint()));
        item.put("created_at", n(key.createdMs()));
        return item;
    }

    private static ApiKey apiKey(String id, Map<String, AttributeValue> item) {
        AttributeValue revoked = item.get("revoked_at");
        return new ApiKey(id, str(item, "owner"), str(item, "hint"), num(item, "created_at"),
                revoked == null ? null : Long.parseLong(revoked.n()));
    }

    private static Tenant tenant(Map<String, AttributeValue> item) {
        return new Tenant(str(item, "name"), new Quotas((int) num(item, "max_concurrent"), (int) num(item, "max_n"),
                num(item, "monthly_tokens"), (int) num(item, "rps")), num(item, "running"), num(item, "created"));
    }
}
