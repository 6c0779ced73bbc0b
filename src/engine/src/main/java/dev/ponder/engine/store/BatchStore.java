package dev.ponder.engine.store;

import static dev.ponder.engine.store.Attrs.key;
import static dev.ponder.engine.store.Attrs.n;
import static dev.ponder.engine.store.Attrs.s;
import static dev.ponder.engine.store.Attrs.str;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.batch.BatchStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Batches in the single table: {@code B#<id>/META} ({@link BatchItem}), its lines in pages {@code P#<page>#<part>}
 * (gzipped JSON, {@value #PAGE_LINES} lines a page, so the driver reads only the page it submits from), and each
 * ended line's result rows under {@code R#<line>#<part>}, written with the line's count in one transaction.
 */
public final class BatchStore {

    /** Lines per stored page: a page is read whenever lines are submitted from it. */
    static final int PAGE_LINES = 200;
    /** DynamoDB's limit per BatchWriteItem call. */
    private static final int WRITE_BATCH = 25;
    private static final TypeReference<List<BatchLine>> LINES = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {
    };

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final long retentionSeconds;

    public BatchStore(DynamoDbClient dynamo, String table, ObjectMapper json, long retentionSeconds) {
        this.dynamo = dynamo;
        this.table = table;
        this.json = json;
        this.retentionSeconds = retentionSeconds;
    }

    /**
     * Stores a new batch: its pages of lines first, then its META item. False if a batch with its id exists already
     * (ids of CLI batches are deterministic: running the same command again finds it); its pages are then left as
     * they were, since the same id means the same lines.
     */
    public boolean create(BatchItem batch, List<BatchLine> lines) {
        if (batch(batch.id()).isPresent()) {
            return false;
        }
        long ttl = ttl(batch);
        List<WriteRequest> writes = new ArrayList<>();
        for (int page = 0; page * PAGE_LINES < lines.size(); page++) {
            List<BatchLine> slice = lines.subList(page * PAGE_LINES, Math.min(lines.size(), (page + 1) * PAGE_LINES));
            List<byte[]> parts = ChunkPayload.encode(json, (Object) slice);
            for (int p = 0; p < parts.size(); p++) {
                Map<String, AttributeValue> item = new HashMap<>(key(Keys.batch(batch.id()), Keys.batchPage(page, p)));
                item.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(parts.get(p))));
                item.put("parts", n(parts.size()));
                item.put("ttl", n(ttl));
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
        }
        for (int from = 0; from < writes.size(); from += WRITE_BATCH) {
            Map<String, List<WriteRequest>> request = Map.of(table,
                    writes.subList(from, Math.min(writes.size(), from + WRITE_BATCH)));
            while (!request.isEmpty()) {
                Map<String, List<WriteRequest>> ask = request;
                var response = dynamo.batchWriteItem(b -> b.requestItems(ask));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
        Map<String, AttributeValue> meta = batch.toItem();
        meta.put("ttl", n(ttl));
        try {
            dynamo.putItem(b -> b.tableName(table).item(meta).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    /** The batch, read strongly consistent. */
    public Optional<BatchItem> batch(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(Keys.batch(id), Keys.META))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() || FrontierStore.expired(item) ? Optional.empty()
                : Optional.of(BatchItem.from(item));
    }

    /** Lines {@code from} (inclusive) to {@code to} (exclusive), read from the pages that hold them. */
    public List<BatchLine> lines(String id, int from, int to) {
        List<BatchLine> found = new ArrayList<>();
        if (from >= to) {
            return found;
        }
        int first = from / PAGE_LINES;
        int last = (to - 1) / PAGE_LINES;
        TreeMap<String, byte[]> parts = new TreeMap<>();
        query(id, Keys.batchPage(first, 0), Keys.batchPage(last, 999), item -> parts.put(str(item, "sk"),
                item.get("data").b().asByteArray()));
        JavaType type = json.getTypeFactory().constructType(LINES);
        for (int page = first; page <= last; page++) {
            String prefix = Keys.batchPage(page, 0).substring(0, Keys.batchPage(page, 0).lastIndexOf('#') + 1);
            List<byte[]> pageParts = parts.subMap(prefix, prefix + "~").values().stream().toList();
            List<BatchLine> lines = ChunkPayload.decode(json, pageParts, type, "stored lines of batch " + id);
            for (int i = 0; i < lines.size(); i++) {
                int line = page * PAGE_LINES + i;
                if (line >= from && line < to) {
                    found.add(lines.get(i));
                }
            }
        }
        return found;
    }

    /**
     * Moves lines {@code [submitted, submitted + count)} into flight: false if the batch changed meanwhile (reload
     * and try again).
     */
    public boolean claim(BatchItem batch, int count, long now) {
        List<Integer> flight = new ArrayList<>(batch.inFlight());
        for (int line = batch.submitted(); line < batch.submitted() + count; line++) {
            flight.add(line);
        }
        return update(batch, "SET submitted = :submitted, in_flight = :flight, updated = :now, version = :next",
                Map.of(":submitted", n(batch.submitted() + count), ":flight", BatchItem.lines(flight), ":now", n(now)));
    }

    /** How a line ended. */
    public enum LineEnd {
        SUCCEEDED("succeeded"), FAILED("failed"), CANCELLED("cancelled");

        private final String counter;

        LineEnd(String counter) {
            this.counter = counter;
        }
    }

    /**
     * Records an ended line: its result rows and the batch's count, and the line out of flight, in one transaction
     * on condition of the version read. False if the batch changed meanwhile (reload; a line recorded before is no
     * longer in flight).
     */
    public boolean record(BatchItem batch, int line, LineEnd end, List<Map<String, Object>> rows, long now) {
        List<Integer> flight = new ArrayList<>(batch.inFlight());
        flight.remove(Integer.valueOf(line));
        long ttl = ttl(batch);
        List<TransactWriteItem> writes = new ArrayList<>();
        List<byte[]> parts = ChunkPayload.encode(json, (Object) rows);
        for (int p = 0; p < parts.size(); p++) {
            Map<String, AttributeValue> item = new HashMap<>(key(Keys.batch(batch.id()), Keys.batchRows(line, p)));
            item.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(parts.get(p))));
            item.put("end", s(end.name()));
            item.put("ttl", n(ttl));
            writes.add(TransactWriteItem.builder().put(b -> b.tableName(table).item(item)).build());
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":flight", BatchItem.lines(flight), ":now", n(now),
                ":v", n(batch.version()), ":next", n(batch.version() + 1), ":one", n(1)));
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(Keys.batch(batch.id()), Keys.META))
                .updateExpression("SET in_flight = :flight, updated = :now, version = :next ADD " + end.counter + " :one")
                .conditionExpression("version = :v")
                .expressionAttributeValues(values)).build());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException changed) {
            return false;
        }
    }

    /** Counts every line never submitted as cancelled, in one change: cancelling a batch of any size is one write. */
    public boolean cancelUnsubmitted(BatchItem batch, long now) {
        return update(batch, "SET submitted = :total, updated = :now, version = :next ADD cancelled :rest",
                Map.of(":total", n(batch.total()), ":rest", n(batch.total() - batch.submitted()), ":now", n(now)));
    }

    /**
     * Moves the batch to {@code status} (with a reason, or how a CANCELLING batch ends); false if it changed
     * meanwhile. A terminal status drops the batch from the sweeper's index and stamps its end.
     */
    public boolean setStatus(BatchItem batch, BatchStatus status, BatchStatus endAs, String reason, long now) {
        Map<String, AttributeValue> values = new HashMap<>();
        BatchItem.statusAttributes(status, now).forEach((k, v) -> values.put(":" + k, v));
        StringBuilder set = new StringBuilder("SET #status = :status, updated = :updated, version = :next");
        StringBuilder remove = new StringBuilder();
        if (values.containsKey(":active")) {
            set.append(", active = :active");
        } else {
            remove.append(" REMOVE active");
            set.append(", finished = :updated");
        }
        if (endAs != null) {
            set.append(", end_as = :end");
            values.put(":end", s(endAs.name()));
        }
        if (reason != null) {
            set.append(", reason = :reason");
            values.put(":reason", s(reason));
        }
        return update(batch, set + remove.toString(), values);
    }

    /** Every recorded line's result rows, in line order. */
    public TreeMap<Integer, List<Map<String, Object>>> rows(String id) {
        TreeMap<String, byte[]> parts = new TreeMap<>();
        query(id, Keys.batchRows(0, 0), Keys.batchRows(99_999_999, 999), item -> parts.put(str(item, "sk"),
                item.get("data").b().asByteArray()));
        TreeMap<Integer, List<byte[]>> byLine = new TreeMap<>();
        parts.forEach((sk, data) -> byLine.computeIfAbsent(Keys.batchRowsLine(sk), l -> new ArrayList<>()).add(data));
        JavaType type = json.getTypeFactory().constructType(ROWS);
        TreeMap<Integer, List<Map<String, Object>>> rows = new TreeMap<>();
        byLine.forEach((line, data) -> rows.put(line, ChunkPayload.decode(json, data, type,
                "stored rows of batch " + id + " line " + line)));
        return rows;
    }

    /** Unfinished batches (the sweeper's index). */
    public List<BatchItem> active() {
        List<BatchItem> found = new ArrayList<>();
        var q = QueryRequest.builder().tableName(table).indexName(SearchTable.BY_ACTIVE)
                .keyConditionExpression("active = :a").expressionAttributeValues(Map.of(":a", s("BATCH"))).build();
        for (var page : dynamo.queryPaginator(q)) {
            page.items().stream().filter(i -> !FrontierStore.expired(i)).forEach(i -> found.add(BatchItem.from(i)));
        }
        return found;
    }

    /** A page of a tenant's batches, newest first. */
    public record Page(List<BatchItem> batches, String nextCursor) {
    }

    public Page list(String tenant, int limit, String cursor) {
        List<BatchItem> found = new ArrayList<>();
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(SearchTable.BY_TENANT)
                .keyConditionExpression("tenant = :t").filterExpression("kind = :kind").scanIndexForward(false)
                .expressionAttributeValues(Map.of(":t", s(tenant), ":kind", s("batch")));
        Map<String, AttributeValue> start = cursor == null ? null : Cursor.decode(tenant, cursor, Keys::batch);
        do {
            var page = dynamo.query(q.exclusiveStartKey(start).build());
            for (var item : page.items()) {
                if (found.size() == limit) {
                    BatchItem last = found.get(found.size() - 1);
                    return new Page(found, Cursor.encode(last.createdMs(), last.id()));
                }
                if (!FrontierStore.expired(item)) {
                    found.add(BatchItem.from(item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Page(found, null);
    }

    private boolean update(BatchItem batch, String expression, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":v", n(batch.version()));
        all.put(":next", n(batch.version() + 1));
        try {
            dynamo.updateItem(b -> {
                b.tableName(table).key(key(Keys.batch(batch.id()), Keys.META))
                        .updateExpression(expression).conditionExpression("version = :v")
                        .expressionAttributeValues(all);
                if (expression.contains("#status")) {
                    b.expressionAttributeNames(Map.of("#status", "status"));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    private void query(String id, String fromSk, String toSk,
                       java.util.function.Consumer<Map<String, AttributeValue>> each) {
        var q = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(Keys.batch(id)), ":from", s(fromSk), ":to", s(toSk)))
                .build();
        for (var page : dynamo.queryPaginator(q)) {
            page.items().forEach(each);
        }
    }

    private long ttl(BatchItem batch) {
        return batch.expiresMs() / 1000 + retentionSeconds;
    }
}
