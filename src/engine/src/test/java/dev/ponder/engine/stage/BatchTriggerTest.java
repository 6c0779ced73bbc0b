package dev.ponder.engine.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.batch.BatchStatus;
import dev.ponder.engine.bucket.Bucket;
import dev.ponder.engine.bucket.ObjectRef;
import dev.ponder.engine.request.BatchFileParser;
import dev.ponder.engine.request.SearchRequestParser;
import dev.ponder.engine.store.BatchItem;
import dev.ponder.local.AwsClients;
import dev.ponder.local.LocalBucket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Batches started by objects in the bucket (s3proxy, the real S3 API): one batch per object version however often
 * the event comes, results written under the output prefix when it ends, refused files answered with an error report
 * and nothing started.
 */
class BatchTriggerTest {

    private static final String BUCKET = "batches";
    private static final SearchRequestParser.Limits REQUESTS = new SearchRequestParser.Limits(16000, 1000, 1024, 64,
            2, 100, 10, 86400, 9007199254740991L, "majority", 4, "sim", "sim-prm");
    private static final BatchFileParser PARSER = new BatchFileParser(new SearchRequestParser(REQUESTS,
            Set.of("sim", "sim-prm")), new BatchFileParser.Limits(100, 4096, 64 * 1024, 64, 10));
    private static final BatchTrigger.Settings SETTINGS = new BatchTrigger.Settings("incoming/", "results/", "acme",
            64 * 1024, 2, Duration.ofHours(1));
    private static final String LINES = """
            {"custom_id": "a", "problem": "Start with 17. Add 5, then double it.", "answer": "44"}
            {"custom_id": "b", "problem": "Start with 3. Multiply by 4.", "answer": "12", "n": 2}
            {"custom_id": "c", "problem": "Start with 9. Subtract 2.", "answer": "7"}
            """;

    private static PipelineStack stack;
    private static LocalBucket local;
    private static S3Client s3;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        stack = new PipelineStack();
        local = LocalBucket.start(null, BUCKET);
        s3 = AwsClients.s3(local.endpoint());
    }

    @AfterAll
    static void stop() {
        s3.close();
        local.close();
        stack.close();
    }

    @Test
    void anObjectStartsOneBatchHoweverOftenItsEventComesAndItsResultsAreWrittenWhenItEnds() throws Exception {
        try (var running = stack.start(Pipeline.Options.defaults(), new CountingModels())) {
            BatchTrigger trigger = trigger(running);
            put("incoming/day1/problems.jsonl", LINES);
            BatchTrigger.Created event = new BatchTrigger.Created(ref("incoming/day1/problems.jsonl"), "seq-1", null);

            BatchTrigger.Result first = trigger.handle(event);
            BatchTrigger.Result again = trigger.handle(event);

            assertThat(first.outcome()).isEqualTo(BatchTrigger.Outcome.STARTED);
            assertThat(again.outcome()).isEqualTo(BatchTrigger.Outcome.DUPLICATE);
            assertThat(again.batchId()).isEqualTo(first.batchId());
            BatchItem b = BatchTest.awaitEnd(running, first.batchId());
            assertThat(b.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(b.tenant()).isEqualTo("acme");
            assertThat(b.maxInFlight()).isEqualTo(2);
            assertThat(b.source()).isEqualTo("s3://batches/incoming/day1/problems.jsonl#seq-1");
            assertThat(b.output()).isEqualTo("s3://batches/results/day1/problems.jsonl");

            List<JsonNode> rows = get("results/day1/problems.jsonl").lines().map(this::parse).toList();
            assertThat(rows).extracting(r -> r.get("custom_id").asText()).containsExactly("a", "b", "c");
            assertThat(rows).allSatisfy(r -> assertThat(r.get("search_id").asText()).startsWith(b.id() + "-"));
            assertThat(rows).extracting(r -> r.get("pred").asText()).containsExactly("44", "12", "7");
            List<Map<String, Object>> stored = new Batches(running.pipeline).results(b);
            assertThat(rows).map(r -> json.convertValue(r, Map.class)).isEqualTo(stored);
            assertThat(running.store.batches().batch(Batches.idOf(BUCKET, "incoming/day1/problems.jsonl",
                    "seq-2"))).isEmpty();
        }
    }

    @Test
    void aNewVersionOfTheSameKeyIsANewBatch() throws Exception {
        try (var running = stack.start(Pipeline.Options.defaults(), new CountingModels())) {
            BatchTrigger trigger = trigger(running);
            put("incoming/again.jsonl", LINES);

            String v1 = trigger.handle(new BatchTrigger.Created(ref("incoming/again.jsonl"), "v1", null)).batchId();
            String v2 = trigger.handle(new BatchTrigger.Created(ref("incoming/again.jsonl"), "v2", null)).batchId();

            assertThat(v1).isNotEqualTo(v2);
            BatchTest.awaitEnd(running, v1);
            BatchTest.awaitEnd(running, v2);
        }
    }

    @Test
    void aFileWithBadLinesStartsNothingAndGetsAnErrorReportNamingEachLine() throws Exception {
        try (var running = stack.start(Pipeline.Options.defaults(), new CountingModels())) {
            BatchTrigger trigger = trigger(running);
            put("incoming/bad.jsonl", """
                    {"custom_id": "a", "problem": "Start with 17. Add 5."}
                    {"custom_id": "b", "problem": "Start with 3. Multiply by 4.", "n": 0}
                    not json
                    """);

            BatchTrigger.Result result = trigger.handle(new BatchTrigger.Created(ref("incoming/bad.jsonl"), "v1",
                    null));

            assertThat(result.outcome()).isEqualTo(BatchTrigger.Outcome.REFUSED);
            assertThat(running.store.batches().batch(Batches.idOf(BUCKET, "incoming/bad.jsonl", "v1"))).isEmpty();
            JsonNode report = parse(get("results/bad.jsonl.error.json"));
            assertThat(report.get("object").asText()).isEqualTo("s3://batches/incoming/bad.jsonl");
            assertThat(report.get("error").asText()).isEqualTo("invalid");
            assertThat(report.get("errors")).extracting(e -> e.get("line").asInt()).containsExactly(2, 3);
            assertThat(report.get("errors").get(0).get("field").asText()).isEqualTo("n");
        }
    }

    @Test
    void aFileOverAQuotaOrTooLargeIsRefusedAndObjectsOutsideTheInputPrefixAreIgnored() throws Exception {
        try (var running = stack.start(Pipeline.Options.defaults(), new CountingModels())) {
            BatchTrigger trigger = trigger(running);
            put("incoming/big-n.jsonl", "{\"custom_id\": \"a\", \"problem\": \"Start with 2. Add 3.\", \"n\": 512}\n");
            put("incoming/huge.jsonl", "x".repeat(64 * 1024 + 1));
            put("results/elsewhere.jsonl", LINES);

            assertThat(trigger.handle(new BatchTrigger.Created(ref("incoming/big-n.jsonl"), "v1", null)).outcome())
                    .isEqualTo(BatchTrigger.Outcome.REFUSED);
            assertThat(parse(get("results/big-n.jsonl.error.json")).get("detail").asText()).contains("max_n");
            assertThat(trigger.handle(new BatchTrigger.Created(ref("incoming/huge.jsonl"), "v1", null)).outcome())
                    .isEqualTo(BatchTrigger.Outcome.REFUSED);
            assertThat(parse(get("results/huge.jsonl.error.json")).get("error").asText()).isEqualTo("too_large");
            assertThat(trigger.handle(new BatchTrigger.Created(ref("results/elsewhere.jsonl"), "v1", null))
                    .outcome()).isEqualTo(BatchTrigger.Outcome.IGNORED);
            assertThat(trigger.handle(new BatchTrigger.Created(ref("incoming/"), "v1", null)).outcome())
                    .isEqualTo(BatchTrigger.Outcome.IGNORED);
        }
    }

    @Test
    void prefixesThatOverlapAreRefusedAtStart() {
        assertThatThrownBy(() -> new BatchTrigger.Settings("in/", "in/out/", "t", 1, 1, Duration.ofHours(1)))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new BatchTrigger.Settings("in", "out/", "t", 1, 1, Duration.ofHours(1)))
                .hasMessageContaining("ending in '/'");
    }

    private BatchTrigger trigger(PipelineStack.Running running) {
        Bucket bucket = new Bucket(s3);
        running.pipeline.useBucket(bucket);
        return new BatchTrigger(running.pipeline, bucket, SETTINGS, PARSER, json);
    }

    private static ObjectRef ref(String key) {
        return new ObjectRef(BUCKET, key);
    }

    private static void put(String key, String text) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(text));
    }

    private static String get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asString(StandardCharsets.UTF_8);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
