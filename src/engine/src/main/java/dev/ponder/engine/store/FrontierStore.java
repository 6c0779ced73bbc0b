package dev.ponder.engine.store;

import static dev.ponder.engine.store.Attrs.bool;
import static dev.ponder.engine.store.Attrs.key;
import static dev.ponder.engine.store.Attrs.n;
import static dev.ponder.engine.store.Attrs.num;
import static dev.ponder.engine.store.Attrs.s;
import static dev.ponder.engine.store.Attrs.str;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.driver.ChunkResult;
import dev.ponder.core.model.Usage;
import dev.ponder.core.strategy.SearchOutcome;
import dev.ponder.core.strategy.SearchState;
import dev.ponder.engine.bill.EndpointUsage;
import dev.ponder.engine.bill.Metered;
import dev.ponder.engine.queue.Stage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A search's state in DynamoDB (DESIGN.md §4): one partition per search holding its search item, frontier nodes,
 * round counters, stage markers with their results, usage and outcome. Every write that decides is conditional,
 * every read that decides is strongly consistent, and every multi-item change is one transaction of fewer than 100
 * items, so a message delivered twice, or a handler that dies between two calls, leaves the search as it would be
 * had everything happened once.
 */
public final class FrontierStore {

    /** DynamoDB's limit is 100 items per transaction; one slot stays free for the condition on the search. */
    static final int MAX_TRANSACTION_ITEMS = 99;
    /** DynamoDB's limit is 4 MB per transaction; room to spare for attribute names and keys. */
    static final int MAX_TRANSACTION_BYTES = 3_500_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final long retentionSeconds;
    private final AccountStore accounts;
    private final BatchStore batches;

    /**
     * @param dynamo           the client
     * @param table            the table name
     * @param json             writes problems, configurations and chunk results
     * @param retentionSeconds how long a search's items live after its deadline (the {@code ttl} attribute)
     */
    public FrontierStore(DynamoDbClient dynamo, String table, ObjectMapper json, long retentionSeconds) {
        this.dynamo = dynamo;
        this.table = table;
        this.json = json;
        this.retentionSeconds = retentionSeconds;
        this.accounts = new AccountStore(dynamo, table);
        this.batches = new BatchStore(dynamo, table, json, retentionSeconds);
    }

    /** The mapper it writes problems, configurations and results with. */
    public ObjectMapper json() {
        return json;
    }

    /** Batches, in the same table. */
    public BatchStore batches() {
        return batches;
    }

    /** Tenants and keys, in the same table. */
    public AccountStore accounts() {
        return accounts;
    }

    /** How a chunk's commit went. */
    public enum ChunkCommit {
        /** This call recorded the chunk. */
        COMMITTED,
        /** Another delivery recorded it first. */
        ALREADY_DONE,
        /** The search moved on, ended or was cancelled: nothing was written. */
        STALE
    }

    // ---- searches -------------------------------------------------------------------------------------------------

    /** Stores a new search; false if a search with its id exists already (its id is deterministic). */
    public boolean create(SearchItem search) {
        return create(search, null) == Created.CREATED;
    }

    /**
     * How a search submitted through the API is admitted, in the transaction that stores it.
     *
     * @param idempotencyKey the request's {@code Idempotency-Key}, or {@code null}
     * @param requestHash    the hash of the request it was sent with
     * @param submission     what the request used before this (store units, the API request itself)
     * @param now            now, epoch milliseconds: the day its usage counts on, and when its key expires
     * @param keyRetention   how long the idempotency key is kept
     */
    public record Admit(String idempotencyKey, String requestHash, Metered submission, long now,
                        Duration keyRetention) {
    }

    /** How storing a search went. */
    public enum Created {
        CREATED,
        /** A search with its id exists already. */
        EXISTS,
        /** Its tenant has no concurrency slot free. */
        NO_SLOT,
        /** Its idempotency key was used before: see {@link AccountStore#idempotency}. */
        KEY_USED
    }

    /**
     * Stores a new search. With {@code admit} (a search that {@link SearchItem#holdsSlot() holds a slot}), in one
     * transaction: the search, one of its tenant's concurrency slots (if one is free), its usage item with the
     * submission's usage, the tenant's day usage, and the idempotency key — all or nothing, so a crash cannot leak a
     * slot nor leave a key pointing nowhere.
     */
    public Created create(SearchItem search, Admit admit) {
        Map<String, AttributeValue> item = search.toItem(json);
        item.put("ttl", n(ttl(search)));
        TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build();
        if (admit == null) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return Created.CREATED;
            } catch (ConditionalCheckFailedException exists) {
                return Created.EXISTS;
            }
        }
        List<TransactWriteItem> writes = new ArrayList<>(List.of(put,
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key(Keys.tenant(search.tenant()), Keys.META))
                        .updateExpression("SET running = running + :one")
                        .conditionExpression("attribute_exists(pk) AND running < max_concurrent")
                        .expressionAttributeValues(Map.of(":one", n(1)))).build(),
                UsageItems.add(table, key(Keys.search(search.id()), Keys.USAGE), admit.submission(), Map.of(),
                        ttl(search)),
                accounts.addToDay(search.tenant(), day(admit.now()), admit.submission())));
        if (admit.idempotencyKey() != null) {
            Map<String, AttributeValue> key = new HashMap<>(key(Keys.tenant(search.tenant()),
                    Keys.idempotency(admit.idempotencyKey())));
            key.put("hash", s(admit.requestHash()));
            key.put("search", s(search.id()));
            key.put("ttl", n((admit.now() + admit.keyRetention().toMillis()) / 1000));
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(key)
                    .conditionExpression("attribute_not_exists(pk)")).build());
        }
        List<CancellationReason> failed = transact(writes);
        if (failed == null) {
            return Created.CREATED;
        }
        if (admit.idempotencyKey() != null && conditionFailed(failed, 4)) {
            return Created.KEY_USED;
        }
        return conditionFailed(failed, 0) ? Created.EXISTS : Created.NO_SLOT;
    }

    /** The search, read strongly consistent; empty if unknown or expired (DynamoDB Local never expires items). */
    public Optional<SearchItem> search(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(Keys.search(id), Keys.META))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || expired(item)) {
            return Optional.empty();
        }
        return Optional.of(SearchItem.from(item, json));
    }

    /**
     * What a handler needs to decide, in one strongly consistent batch read: the search, the round's counter, and
     * whether each of the other items exists (stage markers).
     *
     * @param search  the search, if stored and not expired
     * @param pending chunks the round still waits for, if its counter exists
     * @param present which of the asked sort keys exist
     */
    public record Look(Optional<SearchItem> search, OptionalLong pending, Set<String> present) {
        public boolean has(String sk) {
            return present.contains(sk);
        }
    }

    /** Reads the search, the counter of {@code round}, and whether each of {@code sortKeys} exists. */
    public Look look(String searchId, int round, String... sortKeys) {
        String pk = Keys.search(searchId);
        Set<String> wanted = new LinkedHashSet<>(List.of(Keys.META, Keys.counter(round)));
        wanted.addAll(List.of(sortKeys));
        List<Map<String, AttributeValue>> keys = wanted.stream().map(sk -> key(pk, sk)).toList();
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> ask = request;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(ask));
            response.responses().getOrDefault(table, List.of()).forEach(i -> found.put(str(i, "sk"), i));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        Map<String, AttributeValue> meta = found.get(Keys.META);
        Optional<SearchItem> search = meta == null || expired(meta) ? Optional.empty()
                : Optional.of(SearchItem.from(meta, json));
        Map<String, AttributeValue> counter = found.get(Keys.counter(round));
        OptionalLong pending = counter == null ? OptionalLong.empty() : OptionalLong.of(num(counter, "pending"));
        return new Look(search, pending, Set.copyOf(found.keySet()));
    }

    /** The search's nodes by id. */
    public Map<String, NodeItem> nodes(String searchId) {
        Map<String, NodeItem> nodes = new HashMap<>();
        query(searchId, Keys.NODE_PREFIX, item -> {
            NodeItem node = NodeItem.from(item);
            nodes.put(node.id(), node);
        });
        return nodes;
    }

    /** The search's strategy state, rebuilt from its item and nodes. */
    public SearchState state(SearchItem search) {
        return StateCodec.decode(search, nodes(search.id()));
    }

    /**
     * Opens a round's fan-out: the search becomes RUNNING and the round's counter is created with the exact chunk
     * count, in one transaction, before any chunk is sent. False if the search changed meanwhile.
     */
    public boolean startRound(SearchItem search, Stage stage, int chunks, long now) {
        Map<String, AttributeValue> values = new HashMap<>(SearchItem.statusAttributes(SearchStatus.RUNNING, now,
                search.deadlineMs()).entrySet().stream()
                .collect(HashMap::new, (m, e) -> m.put(":" + e.getKey(), e.getValue()), HashMap::putAll));
        values.put(":v", n(search.version()));
        values.put(":next", n(search.version() + 1));
        values.put(":r", n(search.round()));
        Map<String, AttributeValue> counter = new HashMap<>(key(Keys.search(search.id()), Keys.counter(search.round())));
        counter.put("pending", n(chunks));
        counter.put("chunks", n(chunks));
        counter.put("stage", s(stage.key()));
        counter.put("ttl", n(ttl(search)));
        return transact(List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key(Keys.search(search.id()), Keys.META))
                        .updateExpression("SET #status = :status, updated = :updated, active = :active, version = :next")
                        .conditionExpression("version = :v AND round = :r")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(values)).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(counter)
                        .conditionExpression("attribute_not_exists(pk)")).build())) == null;
    }

    /** Records that a stage's work for a round is done (orchestrate's marker: all its messages went out). */
    public void putMarker(SearchItem search, int round, Stage stage) {
        Map<String, AttributeValue> item = new HashMap<>(key(Keys.search(search.id()), Keys.marker(round, stage, 0)));
        item.put("done", bool(true));
        item.put("ttl", n(ttl(search)));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** The chunks of a stage already recorded in a round. */
    public TreeSet<Integer> doneChunks(String searchId, int round, Stage stage) {
        TreeSet<Integer> done = new TreeSet<>();
        String prefix = Keys.markerPrefix(round, stage);
        query(searchId, prefix, item -> {
            String chunk = str(item, "sk").substring(prefix.length());
            if (chunk.indexOf('#') < 0) {
                done.add(Integer.parseInt(chunk));
            }
        });
        return done;
    }

    /**
     * Takes the lease on a chunk's model call for {@code owner} until {@code untilMs}: granted when free or expired,
     * false while another delivery holds it. The lease must not outlast the queue's visibility timeout: then a
     * holder that died has its own message back only after its lease ended, and a live holder's message is still
     * unacknowledged, so a delivery turned away here loses nothing.
     */
    public boolean claimLease(SearchItem search, int round, Stage stage, int chunk, String owner, long now,
                              long untilMs) {
        Map<String, AttributeValue> item = new HashMap<>(key(Keys.search(search.id()), Keys.lease(round, stage, chunk)));
        item.put("owner", s(owner));
        item.put("until", n(untilMs));
        item.put("ttl", n(ttl(search)));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #until < :now")
                    .expressionAttributeNames(Map.of("#until", "until"))
                    .expressionAttributeValues(Map.of(":now", n(now))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    /** Gives a lease back after a failed model call, so the message's redelivery does not wait it out. */
    public void releaseLease(SearchItem search, int round, Stage stage, int chunk, String owner) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(Keys.search(search.id()), Keys.lease(round, stage, chunk)))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s(owner))));
        } catch (ConditionalCheckFailedException taken) {
            // Another delivery holds it now: it is theirs to keep.
        }
    }

    /**
     * Records a chunk: its marker with its results, the round counter's decrement and the usage increment, in one
     * transaction conditional on the marker being absent and the search still RUNNING in this round.
     */
    public ChunkCommit commitChunk(SearchItem search, int round, Stage stage, int chunk, ChunkResult result,
                                   long now) {
        List<byte[]> parts = ChunkPayload.encode(json, result);
        int bytes = parts.stream().mapToInt(p -> p.length).sum();
        if (parts.size() + 4 > MAX_TRANSACTION_ITEMS || bytes > MAX_TRANSACTION_BYTES) {
            throw new IllegalStateException("the results of " + stage.key() + " chunk " + chunk + " take " + bytes
                    + " bytes compressed, more than one transaction holds (" + MAX_TRANSACTION_BYTES
                    + "): lower the chunk size");
        }
        String pk = Keys.search(search.id());
        long ttl = ttl(search);
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> marker = new HashMap<>(key(pk, Keys.marker(round, stage, chunk)));
        marker.put("done", bool(true));
        marker.put("parts", n(parts.size()));
        marker.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(parts.get(0))));
        marker.put("ttl", n(ttl));
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(pk)")).build());
        for (int i = 1; i < parts.size(); i++) {
            Map<String, AttributeValue> part = new HashMap<>(key(pk, Keys.part(round, stage, chunk, i)));
            part.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(parts.get(i))));
            part.put("ttl", n(ttl));
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(part)).build());
        }
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(pk, Keys.counter(round)))
                .updateExpression("SET pending = pending - :one")
                .conditionExpression("pending > :zero")
                .expressionAttributeValues(Map.of(":one", n(1), ":zero", n(0)))).build());
        Usage u = result.usage();
        Metered metered = new Metered(Map.of(stage == Stage.SAMPLE ? search.policy() : search.prm(),
                new EndpointUsage(u.promptTokens(), u.completionTokens(), u.policyCalls() + u.prmCalls(),
                        u.modelSeconds())), 0, 0, 0, 0.0, 0.0, 0, 0);
        writes.add(UsageItems.add(table, key(pk, Keys.USAGE), metered, Map.of("prompt_tokens", u.promptTokens(),
                "completion_tokens", u.completionTokens(), "policy_calls", u.policyCalls(), "prm_calls", u.prmCalls(),
                "model_seconds", u.modelSeconds()), ttl));
        writes.add(accounts.addToDay(search.tenant(), day(now), metered));
        writes.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key(pk, Keys.META))
                .conditionExpression("#status = :running AND round = :r")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":running", s(SearchStatus.RUNNING.name()), ":r", n(round))))
                .build());
        List<CancellationReason> failed = transact(writes);
        if (failed == null) {
            return ChunkCommit.COMMITTED;
        }
        return conditionFailed(failed, 0) ? ChunkCommit.ALREADY_DONE : ChunkCommit.STALE;
    }

    /** The recorded results of a round's chunks, in chunk order. */
    public List<ChunkResult> chunkResults(String searchId, int round, Stage stage) {
        TreeMap<String, byte[]> byKey = new TreeMap<>();
        TreeMap<Integer, Integer> partsPerChunk = new TreeMap<>();
        String markers = Keys.markerPrefix(round, stage);
        query(searchId, markers, item -> {
            String sk = str(item, "sk");
            String rest = sk.substring(markers.length());
            if (rest.indexOf('#') < 0) {
                int chunk = Integer.parseInt(rest);
                partsPerChunk.put(chunk, (int) num(item, "parts"));
                sk = Keys.part(round, stage, chunk, 0);
            }
            byKey.put(sk, item.get("data").b().asByteArray());
        });
        List<ChunkResult> results = new ArrayList<>();
        int expected = 0;
        for (var chunk : partsPerChunk.entrySet()) {
            if (chunk.getKey() != expected++) {
                throw new IllegalStateException("round " + round + " lacks " + stage.key() + " chunk " + (expected - 1));
            }
            List<byte[]> parts = new ArrayList<>();
            for (int p = 0; p < chunk.getValue(); p++) {
                parts.add(byKey.get(Keys.part(round, stage, chunk.getKey(), p)));
            }
            results.add(ChunkPayload.decode(json, stage, parts));
        }
        return results;
    }

    /**
     * Commits a round's selection: the candidate nodes, then the search's new state with version + 1 and the next
     * round, and the select marker. Nodes that do not fit the final transaction go first in transactions that each
     * check the search's version, so a stale duplicate can never overwrite a node of a later round. False if the
     * search changed meanwhile.
     */
    public boolean commitSelect(SearchItem search, StateCodec.Encoded encoded, long now) {
        String pk = Keys.search(search.id());
        long ttl = ttl(search);
        List<List<NodeItem>> groups = groups(encoded.nodes());
        for (int g = 0; g < groups.size(); g++) {
            boolean last = g == groups.size() - 1;
            List<TransactWriteItem> writes = new ArrayList<>();
            for (NodeItem node : groups.get(g)) {
                Map<String, AttributeValue> item = node.toItem(search.id());
                item.put("ttl", n(ttl));
                writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
            }
            if (!last) {
                writes.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key(pk, Keys.META))
                        .conditionExpression("version = :v")
                        .expressionAttributeValues(Map.of(":v", n(search.version())))).build());
                if (transact(writes) != null) {
                    return false;
                }
                continue;
            }
            Map<String, AttributeValue> values = new HashMap<>();
            SearchItem.stateAttributes(encoded.refs()).forEach((k, v) -> values.put(":" + k, v));
            values.put(":v", n(search.version()));
            values.put(":next", n(search.version() + 1));
            values.put(":round", n(search.round() + 1));
            values.put(":updated", n(now));
            Map<String, String> names = new LinkedHashMap<>();
            StringBuilder set = new StringBuilder("SET version = :next, round = :round, updated = :updated");
            for (String k : SearchItem.stateAttributes(encoded.refs()).keySet()) {
                names.put("#" + k, k);
                set.append(", #").append(k).append(" = :").append(k);
            }
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(pk, Keys.META))
                    .updateExpression(set.toString()).conditionExpression("version = :v")
                    .expressionAttributeNames(names).expressionAttributeValues(values)).build());
            Map<String, AttributeValue> marker = new HashMap<>(key(pk, Keys.marker(search.round(), Stage.SELECT, 0)));
            marker.put("done", bool(true));
            marker.put("ttl", n(ttl));
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)).build());
            return transact(writes) == null;
        }
        throw new IllegalStateException("unreachable: there is always a last group");
    }

    /**
     * Ends a search with its outcome: SUCCEEDED, with the answer item, if the version is still the one read. The
     * slot goes back and {@code work} (the finishing handler's usage) is billed in the same transaction, so a
     * finished search's bill is complete the moment it reads SUCCEEDED.
     */
    public boolean finish(SearchItem search, SearchOutcome outcome, Boolean correct, long now, Metered work) {
        String pk = Keys.search(search.id());
        Map<String, AttributeValue> result = new HashMap<>(key(pk, Keys.OUTCOME));
        if (outcome.pred() != null) {
            result.put("pred", s(outcome.pred()));
        }
        Map<String, AttributeValue> predictions = new LinkedHashMap<>();
        outcome.predictions().forEach((k, v) -> predictions.put(k, s(v)));
        result.put("predictions", AttributeValue.fromM(predictions));
        if (correct != null) {
            result.put("correct", bool(correct));
        }
        result.put("ttl", n(ttl(search)));
        return transact(withSlot(List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key(pk, Keys.META))
                        .updateExpression("SET #status = :done, updated = :now, finished = :now, version = :next "
                                + "REMOVE active")
                        .conditionExpression("version = :v")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":done", s(SearchStatus.SUCCEEDED.name()), ":now", n(now),
                                ":v", n(search.version()), ":next", n(search.version() + 1)))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(result)).build(),
                billingMarker(search, search.round(), Stage.ORCHESTRATE, 0),
                UsageItems.add(table, key(pk, Keys.USAGE), work, Map.of(), ttl(search)),
                accounts.addToDay(search.tenant(), day(now), work)), search, -1)) == null;
    }

    /**
     * Ends an unfinished search as FAILED or CANCELLED with a reason, giving back its concurrency slot in the same
     * transaction. Returns the search as it was before it ended; empty if it had ended already.
     */
    public Optional<SearchItem> end(String searchId, SearchStatus status, String reason, long now) {
        if (status != SearchStatus.FAILED && status != SearchStatus.CANCELLED) {
            throw new IllegalArgumentException("only FAILED or CANCELLED end a search from outside (got " + status + ")");
        }
        Optional<SearchItem> search = search(searchId);
        if (search.isEmpty() || !search.get().active()) {
            return Optional.empty();
        }
        boolean ended = transact(withSlot(List.of(TransactWriteItem.builder().update(b -> b.tableName(table)
                        .key(key(Keys.search(searchId), Keys.META))
                        .updateExpression("SET #status = :status, reason = :reason, updated = :now, finished = :now, "
                                + "version = version + :one REMOVE active")
                        .conditionExpression("attribute_exists(active)")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":status", s(status.name()), ":reason", s(reason),
                                ":now", n(now), ":one", n(1)))).build()), search.get(), -1)) == null;
        return ended ? search : Optional.empty();
    }

    /**
     * Returns a FAILED search to RUNNING for a redrive, with a new deadline, taking its concurrency slot again; its
     * round and state stay where they were, so the redriven work picks up exactly there. False unless it was FAILED.
     */
    public boolean reopen(String searchId, long now, long deadlineMs) {
        Optional<SearchItem> search = search(searchId);
        if (search.isEmpty() || search.get().status() != SearchStatus.FAILED) {
            return false;
        }
        return transact(withSlot(List.of(TransactWriteItem.builder().update(b -> b.tableName(table)
                        .key(key(Keys.search(searchId), Keys.META))
                        .updateExpression("SET #status = :running, active = :running, updated = :now, "
                                + "deadline = :deadline, version = version + :one REMOVE reason, finished, last_error")
                        .conditionExpression("#status = :failed")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":running", s(SearchStatus.RUNNING.name()),
                                ":failed", s(SearchStatus.FAILED.name()), ":now", n(now), ":deadline", n(deadlineMs),
                                ":one", n(1)))).build()), search.get(), +1)) == null;
    }

    /**
     * Records the cloud usage of one unit of pipeline work — a stage's round and chunk — on the search and its
     * tenant's day, once: a billing marker makes a second record of the same work (a duplicate delivery, a redrive)
     * a no-op. False if it was billed before.
     */
    public boolean bill(SearchItem search, int round, Stage stage, int chunk, Metered usage, long now) {
        String pk = Keys.search(search.id());
        return transact(List.of(billingMarker(search, round, stage, chunk),
                UsageItems.add(table, key(pk, Keys.USAGE), usage, Map.of(), ttl(search)),
                accounts.addToDay(search.tenant(), day(now), usage))) == null;
    }

    /** Notes the last error a stage met on a search, for the dead-letter consumer's reason. Best effort. */
    public void recordError(String searchId, String error) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(Keys.search(searchId), Keys.META))
                    .updateExpression("SET last_error = :e").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":e", s(error.length() > 2000 ? error.substring(0, 2000) : error))));
        } catch (ConditionalCheckFailedException unknown) {
            // The message named no stored search: there is nothing to note it on.
        }
    }

    /** Counts a sweeper redrive and marks the search as touched; false if it changed meanwhile. */
    public boolean countRedrive(SearchItem search, long now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(Keys.search(search.id()), Keys.META))
                    .updateExpression("SET redrives = redrives + :one, updated = :now")
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":one", n(1), ":now", n(now), ":v", n(search.version()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /** What the search's model calls cost so far; each chunk is counted once, in its commit. */
    public Usage usage(String searchId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(Keys.search(searchId), Keys.USAGE)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Usage.ZERO;
        }
        return new Usage(num(item, "prompt_tokens"), num(item, "completion_tokens"), num(item, "policy_calls"),
                num(item, "prm_calls"), Attrs.dbl(item, "model_seconds"));
    }

    /** Every counter of the search's usage: model work per endpoint and the cloud's work, for its bill. */
    public Metered metered(String searchId) {
        return UsageItems.read(dynamo.getItem(b -> b.tableName(table).key(key(Keys.search(searchId), Keys.USAGE))
                .consistentRead(true)).item());
    }

    /** The final answer of a SUCCEEDED search. */
    public Optional<String> pred(String searchId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(Keys.search(searchId), Keys.OUTCOME)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(str(item, "pred"));
    }

    /** Unfinished searches, by deadline (the sweeper's index; eventually consistent, as indexes are). */
    public List<SearchItem> active() {
        List<SearchItem> found = new ArrayList<>();
        for (SearchStatus status : List.of(SearchStatus.PENDING, SearchStatus.RUNNING)) {
            indexQuery(QueryRequest.builder().tableName(table).indexName(SearchTable.BY_ACTIVE)
                    .keyConditionExpression("active = :s")
                    .expressionAttributeValues(Map.of(":s", s(status.name()))).build(), found::add);
        }
        return found;
    }

    /** A tenant's searches, newest first, optionally only those in one status. */
    public List<SearchItem> list(String tenant, SearchStatus status, int limit) {
        return list(tenant, status, limit, null).searches();
    }

    /**
     * One page of a tenant's searches.
     *
     * @param searches   newest first
     * @param nextCursor where the next page starts, or {@code null} after the last
     */
    public record Page(List<SearchItem> searches, String nextCursor) {
    }

    /**
     * A page of at most {@code limit} of a tenant's searches, newest first, optionally only those in one status,
     * starting after {@code cursor} (from the previous page; {@code null} for the first). The cursor names the last
     * search returned, so a page is never cut short by the status filter.
     */
    public Page list(String tenant, SearchStatus status, int limit, String cursor) {
        List<SearchItem> found = new ArrayList<>();
        // The tenant index lists batches too: only searches here.
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", s(tenant), ":kind", s("search")));
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(SearchTable.BY_TENANT)
                .keyConditionExpression("tenant = :t").filterExpression("kind = :kind").scanIndexForward(false);
        if (status != null) {
            values.put(":s", s(status.name()));
            q.filterExpression("kind = :kind AND #status = :s").expressionAttributeNames(Map.of("#status", "status"));
        }
        q.expressionAttributeValues(values);
        Map<String, AttributeValue> start = cursor == null ? null : Cursor.decode(tenant, cursor);
        do {
            var page = dynamo.query(q.exclusiveStartKey(start).build());
            for (var item : page.items()) {
                if (found.size() == limit) {
                    return new Page(found, Cursor.encode(found.get(found.size() - 1)));
                }
                if (!expired(item)) {
                    found.add(SearchItem.from(item, json));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Page(found, null);
    }

    // ---- dead letters ---------------------------------------------------------------------------------------------

    /** Keeps a dead message so that a redrive can send it again; the same work is kept once. */
    public void putDeadLetter(String searchId, int round, Stage stage, int chunk, String body, String reason) {
        Map<String, AttributeValue> item = new HashMap<>(key(Keys.DEAD_PARTITION,
                searchId + "#" + Keys.deadLetter(round, stage, chunk)));
        item.put("search", s(searchId));
        item.put("stage", s(stage.key()));
        item.put("body", s(body));
        item.put("reason", s(reason));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** A dead message: the search it belongs to, its stage, its body, and why it died. */
    public record DeadLetter(String sk, String search, Stage stage, String body, String reason) {
    }

    /** Every dead message kept, in key order (by search, then round). */
    public List<DeadLetter> deadLetters() {
        List<DeadLetter> found = new ArrayList<>();
        var q = QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.DEAD_PARTITION))).consistentRead(true).build();
        for (var page : dynamo.queryPaginator(q)) {
            page.items().forEach(i -> found.add(new DeadLetter(str(i, "sk"), str(i, "search"), Stage.of(str(i, "stage")),
                    str(i, "body"), str(i, "reason"))));
        }
        return found;
    }

    public void deleteDeadLetter(DeadLetter letter) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(Keys.DEAD_PARTITION, letter.sk())));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private long ttl(SearchItem search) {
        return search.deadlineMs() / 1000 + retentionSeconds;
    }

    /** The UTC day of {@code epochMs}: the day a tenant's usage counts on. */
    static LocalDate day(long epochMs) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMs, 86_400_000L));
    }

    /** The marker that a unit of work was billed; the transaction that bills it fails if it was billed before. */
    private TransactWriteItem billingMarker(SearchItem search, int round, Stage stage, int chunk) {
        Map<String, AttributeValue> marker = new HashMap<>(key(Keys.search(search.id()), Keys.billed(round, stage, chunk)));
        marker.put("ttl", n(ttl(search)));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    /**
     * {@code writes} and, for a search that holds one of its tenant's concurrency slots, the update taking
     * ({@code +1}) or giving back ({@code -1}) the slot: in the transaction that starts or ends the search.
     */
    private List<TransactWriteItem> withSlot(List<TransactWriteItem> writes, SearchItem search, int change) {
        if (!search.holdsSlot()) {
            return writes;
        }
        List<TransactWriteItem> all = new ArrayList<>(writes);
        all.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(Keys.tenant(search.tenant()), Keys.META))
                .updateExpression("ADD running :change")
                .expressionAttributeValues(Map.of(":change", n(change)))).build());
        return all;
    }

    static boolean expired(Map<String, AttributeValue> item) {
        long ttl = num(item, "ttl");
        return ttl > 0 && ttl < System.currentTimeMillis() / 1000;
    }

    /** Nodes in groups that fit transactions; the last group leaves room for the search and the marker. */
    private static List<List<NodeItem>> groups(List<NodeItem> nodes) {
        List<List<NodeItem>> groups = new ArrayList<>();
        List<NodeItem> current = new ArrayList<>();
        int bytes = 0;
        for (NodeItem node : nodes) {
            if (current.size() == MAX_TRANSACTION_ITEMS - 2 || bytes + node.approximateBytes() > MAX_TRANSACTION_BYTES) {
                groups.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(node);
            bytes += node.approximateBytes();
        }
        groups.add(current);
        return groups;
    }

    private void query(String searchId, String prefix, Consumer<Map<String, AttributeValue>> each) {
        var q = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.search(searchId)), ":prefix", s(prefix))).build();
        for (var page : dynamo.queryPaginator(q)) {
            page.items().forEach(each);
        }
    }

    private void indexQuery(QueryRequest q, Consumer<SearchItem> each) {
        for (var page : dynamo.queryPaginator(q)) {
            page.items().stream().filter(i -> !expired(i)).forEach(i -> each.accept(SearchItem.from(i, json)));
        }
    }

    /** Runs a transaction; null if it committed, else why each item's condition failed (or not). */
    private List<CancellationReason> transact(List<TransactWriteItem> writes) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return null;
        } catch (TransactionCanceledException e) {
            if (!e.hasCancellationReasons() || e.cancellationReasons().stream()
                    .noneMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw e;
            }
            return e.cancellationReasons();
        }
    }

    private static boolean conditionFailed(List<CancellationReason> reasons, int index) {
        return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
