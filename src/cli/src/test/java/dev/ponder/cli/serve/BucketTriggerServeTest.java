package dev.ponder.cli.serve;

import static dev.ponder.cli.serve.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.account.Quotas;
import dev.ponder.local.AwsClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Event-triggered batches on {@code ponder serve}: a JSONL dropped into the bucket's input folder, or put over the S3
 * API, starts a batch for the bucket's tenant; its results land under the output prefix; a refused file gets an error
 * report there and starts nothing.
 */
@QuarkusTest
@TestProfile(ServeProfile.class)
class BucketTriggerServeTest {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final String LINES = """
            {"custom_id": "first", "problem": "Start with 17. Add 5.", "answer": "22", "strategy": "majority", "n": 4}
            {"custom_id": "second", "problem": "Start with 4. Multiply by 3.", "answer": "12", "strategy": "beam", "n": 4, "m": 2}
            """;

    @Inject
    ServedStack stack;

    @Inject
    ApiServer server;

    @Inject
    ObjectMapper json;

    @Test
    void aFileDroppedIntoTheInputFolderRunsAsABatchOfTheBucketsTenantAndItsResultsLandInTheOutputFolder()
            throws Exception {
        Path folder = server.bucket().folder();
        assertThat(folder).isEqualTo(stack.store().resolve("bucket/ponder-batches"));
        Path staged = Files.writeString(folder.resolve("staged.tmp"), LINES);
        Files.move(staged, folder.resolve("incoming/dropped.jsonl"), StandardCopyOption.ATOMIC_MOVE);

        List<JsonNode> rows = awaitFile(folder.resolve("results/dropped.jsonl")).lines().map(this::parse).toList();

        assertThat(rows).extracting(r -> r.get("custom_id").asText()).containsExactly("first", "second");
        assertThat(rows).extracting(r -> r.get("strategy").asText()).containsExactly("majority", "beam");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("correct").asBoolean()).isTrue());
        String key = stack.key("local", Quotas.Overrides.NONE);
        String batchId = rows.get(0).get("search_id").asText().replaceAll("-\\d{6}$", "");
        Response batch = as(key).get("/v1/batches/" + batchId);
        assertThat(batch.<String>path("status")).isEqualTo("completed");
        assertThat(batch.<String>path("source")).startsWith("s3://ponder-batches/incoming/dropped.jsonl#");
        assertThat(Files.readString(folder.resolve("incoming/dropped.jsonl"))).isEqualTo(LINES);
    }

    @Test
    void anObjectPutOverS3StartsABatchAndABadOneGetsAnErrorReport() throws Exception {
        try (S3Client s3 = AwsClients.s3(server.bucket().endpoint())) {
            s3.putObject(b -> b.bucket("ponder-batches").key("incoming/api/put.jsonl"), RequestBody.fromString(LINES));
            s3.putObject(b -> b.bucket("ponder-batches").key("incoming/api/bad.jsonl"),
                    RequestBody.fromString("{\"custom_id\": \"x\", \"problem\": \"Start with 2. Add 2.\", \"n\": -1}\n"));

            Path results = server.bucket().folder().resolve("results/api");
            assertThat(awaitFile(results.resolve("put.jsonl")).lines()).hasSize(2);
            JsonNode report = parse(awaitFile(results.resolve("bad.jsonl.error.json")));
            assertThat(report.get("error").asText()).isEqualTo("invalid");
            assertThat(report.get("errors").get(0).get("line").asInt()).isEqualTo(1);
            assertThat(report.get("errors").get(0).get("field").asText()).isEqualTo("n");
            assertThat(s3.listObjectsV2(b -> b.bucket("ponder-batches").prefix("results/api/")).contents())
                    .hasSize(2);
        }
    }

    private static String awaitFile(Path file) throws Exception {
        long until = System.nanoTime() + LIMIT.toNanos();
        while (!Files.isRegularFile(file)) {
            assertThat(System.nanoTime()).as("no " + file + " yet").isLessThan(until);
            Thread.sleep(200);
        }
        return Files.readString(file);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
