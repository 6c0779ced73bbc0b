package dev.ponder.cli.serve;

import static dev.ponder.cli.serve.Api.as;
import static dev.ponder.cli.serve.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.account.Quotas;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The batch endpoints on {@code ponder serve}'s stack: both body forms, results, refusals, cancel, tenants, pages. */
@QuarkusTest
@TestProfile(ServeProfile.class)
class ApiBatchesTest {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final String LINES = """
            {"custom_id": "a", "problem": "Start with 17. Add 5.", "answer": "22"}
            {"custom_id": "b", "problem": "Start with 4. Multiply by 3.", "answer": "12", "strategy": "beam", "n": 4, "m": 2}

            {"custom_id": "c", "problem": "Start with 9. Subtract 2.", "answer": "7"}
            """;

    @Inject
    ServedStack stack;

    @Inject
    ObjectMapper json;

    @Test
    void aJsonlBatchRunsToCompletedWithRowsInLineOrder() throws Exception {
        String key = stack.key("batcher", Quotas.Overrides.NONE);

        Response created = as(key).contentType("application/jsonl").queryParam("strategy", "majority")
                .queryParam("n", 4).queryParam("max_in_flight", 2).body(bytes(LINES)).post("/v1/batches");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/v1/batches/" + id);
        assertThat(created.<String>path("object")).isEqualTo("batch");
        assertThat(created.<Integer>path("request_counts.total")).isEqualTo(3);
        assertThat(created.<Integer>path("max_in_flight")).isEqualTo(2);
        assertThat(created.<String>path("completion_window")).isEqualTo("24h");
        assertThat(created.<String>path("source")).isEqualTo("api");

        Response done = ended(key, id);
        assertThat(done.<String>path("status")).isEqualTo("completed");
        assertThat(done.<Integer>path("request_counts.completed")).isEqualTo(3);
        assertThat(done.<Integer>path("request_counts.failed")).isZero();
        assertThat(done.<String>path("finished_at")).isNotNull();

        Response results = as(key).get("/v1/batches/" + id + "/results");
        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.contentType()).startsWith("application/jsonl");
        List<Map<String, Object>> rows = rows(results.asString());
        assertThat(rows).extracting(r -> r.get("custom_id")).containsExactly("a", "b", "c");
        assertThat(rows).extracting(r -> r.get("strategy")).containsExactly("majority", "beam", "majority");
        assertThat(rows).extracting(r -> r.get("unique_id")).containsExactly("a", "b", "c");
        assertThat(rows).allSatisfy(r -> assertThat(r).containsKeys("pred", "correct", "completions", "usage",
                "search_id"));
        assertThat(as(key).get("/v1/searches/" + rows.get(1).get("search_id")).<Integer>path("request.n"))
                .isEqualTo(4);

        Response cancelled = problem(as(key).post("/v1/batches/" + id + "/cancel"), 409);
        assertThat(cancelled.<String>path("detail")).contains("already ended completed");
    }

    @Test
    void aJsonBodyTakesInputOrAnInboxFileAndAnIdempotencyKeyFindsTheSameBatch() throws Exception {
        String key = stack.key("inboxer", Quotas.Overrides.NONE);
        Path folder = Files.createDirectories(ServeProfile.INBOX.resolve("inboxer"));
        Files.writeString(folder.resolve("two.jsonl"), """
                {"custom_id": "x", "problem": "Start with 5. Add 2."}
                {"custom_id": "y", "problem": "Start with 2. Add 2."}
                """);
        String body = "{\"input_file\": \"two.jsonl\", \"defaults\": {\"strategy\": \"majority\", \"n\": 2}, "
                + "\"max_in_flight\": 1, \"completion_window\": \"2h\"}";

        Response first = as(key).contentType("application/json").header("Idempotency-Key", "k1").body(body)
                .post("/v1/batches");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        assertThat(first.<String>path("source")).isEqualTo("inbox:two.jsonl");
        assertThat(first.<String>path("completion_window")).isEqualTo("2h");
        Response again = as(key).contentType("application/json").header("Idempotency-Key", "k1").body(body)
                .post("/v1/batches");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.<String>path("id")).isEqualTo(first.path("id"));
        problem(as(key).contentType("application/json").header("Idempotency-Key", "k1")
                .body(body.replace("\"n\": 2", "\"n\": 4")).post("/v1/batches"), 422);

        Response inline = as(key).contentType("application/json").body(json.writeValueAsString(Map.of("input",
                "{\"custom_id\": \"z\", \"problem\": \"Start with 3. Add 3.\", \"strategy\": \"majority\", "
                        + "\"n\": 2}"))).post("/v1/batches");
        assertThat(inline.statusCode()).as(inline.asString()).isEqualTo(201);
        assertThat(ended(key, inline.path("id")).<String>path("status")).isEqualTo("completed");
        assertThat(ended(key, first.path("id")).<Integer>path("request_counts.succeeded")).isEqualTo(2);

        for (String name : List.of("../inboxer/two.jsonl", "/etc/passwd", "a/../../b", "missing.jsonl")) {
            Response refused = problem(as(key).contentType("application/json")
                    .body(json.writeValueAsString(Map.of("input_file", name))).post("/v1/batches"), 400);
            assertThat(refused.<List<String>>path("errors.field")).as(name).containsExactly("input_file");
        }
        problem(as(stack.key("stranger", Quotas.Overrides.NONE)).contentType("application/json")
                .body("{\"input_file\": \"two.jsonl\"}").post("/v1/batches"), 400);
    }

    @Test
    void badLinesAreNamedAllAtOnceAndNothingIsStored() {
        String key = stack.key("sloppy", Quotas.Overrides.NONE);

        Response bad = problem(as(key).contentType("application/x-ndjson").body(bytes("""
                {"custom_id": "a", "problem": "p", "n": 0}
                {"custom_id": "a", "problem": "q"}
                not json
                {"custom_id": "d", "problem": "r", "strategy": "bfs", "top_k": 1}
                """)).post("/v1/batches"), 400);
        assertThat(bad.<List<Integer>>path("errors.line")).containsExactly(1, 2, 3, 4, 4);
        assertThat(bad.<List<String>>path("errors.field")).containsExactly("n", "custom_id", "(line)", "top_k",
                "strategy");
        assertThat(bad.<String>path("errors[0].message")).isEqualTo("line 1: n must be between 1 and 1024 (got 0)");
        assertThat(bad.<String>path("detail")).startsWith("4 lines are invalid: ");

        Response options = problem(as(key).contentType("application/jsonl").queryParam("max_in_flight", 0)
                .queryParam("completion_window", "30d").queryParam("beam", 3)
                .body(bytes("{\"custom_id\": \"a\", \"problem\": \"p\"}")).post("/v1/batches"), 400);
        assertThat(options.<List<String>>path("errors.field")).containsExactlyInAnyOrder("beam", "max_in_flight",
                "completion_window");
        assertThat(options.<List<String>>path("errors.message")).contains(
                "max_in_flight must be an integer between 1 and 256 (got 0)",
                "completion_window must be from 1h to 7d, written like 24h or 7d (got 30d)");

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            many.append("{\"custom_id\": \"").append(i).append("\", \"problem\": \"p\"}\n");
        }
        Response tooMany = problem(as(key).contentType("application/jsonl").body(bytes(many.toString())
                ).post("/v1/batches"), 400);
        assertThat(tooMany.<String>path("detail")).contains("the batch has 21 lines, more than the 20");
        Response tooLarge = problem(as(key).contentType("application/jsonl")
                .body(bytes("{\"custom_id\": \"a\", \"problem\": \"" + "x".repeat(100_000) + "\"}")).post("/v1/batches"), 413);
        assertThat(tooLarge.<String>path("detail")).contains("more than the 100000 a batch may hold");
        problem(as(key).contentType("application/jsonl").body(bytes("x".repeat(12_000_000))).post("/v1/batches"), 413);
        problem(as(stack.key("small", new Quotas.Overrides(null, 8, null, null))).contentType("application/jsonl")
                .body(bytes("{\"custom_id\": \"big\", \"problem\": \"p\", \"n\": 16}")).post("/v1/batches"), 429);

        assertThat(as(key).get("/v1/batches").<List<?>>path("data")).isEmpty();
    }

    @Test
    void aBatchIsCancelledAndOnlyItsTenantSeesIt() throws Exception {
        String owner = stack.key("owner-b", Quotas.Overrides.NONE);
        String other = stack.key("other-b", Quotas.Overrides.NONE);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            lines.append("{\"custom_id\": \"l").append(i).append("\", \"problem\": \"Start with ").append(10 + i)
                    .append(". Multiply by 3. Subtract 8.\"}\n");
        }
        String id = as(owner).contentType("application/jsonl").queryParam("n", 64).queryParam("m", 2)
                .queryParam("max_in_flight", 1).body(bytes(lines.toString())).post("/v1/batches").path("id");

        problem(as(other).get("/v1/batches/" + id), 404);
        problem(as(other).get("/v1/batches/" + id + "/results"), 404);
        problem(as(other).post("/v1/batches/" + id + "/cancel"), 404);
        assertThat(as(other).get("/v1/batches").<List<?>>path("data")).isEmpty();

        Response cancelling = as(owner).post("/v1/batches/" + id + "/cancel");
        assertThat(cancelling.statusCode()).as(cancelling.asString()).isEqualTo(200);
        assertThat(cancelling.<String>path("status")).isIn("cancelling", "cancelled");
        Response done = ended(owner, id);
        assertThat(done.<String>path("status")).isEqualTo("cancelled");
        assertThat(done.<Integer>path("request_counts.cancelled")).isGreaterThanOrEqualTo(5);
        List<Map<String, Object>> rows = rows(as(owner).get("/v1/batches/" + id + "/results").asString());
        assertThat(rows).hasSize(6);
        assertThat(rows.get(5)).containsEntry("custom_id", "l5").containsEntry("status", "CANCELLED");
        assertThat(as(owner).post("/v1/batches/" + id + "/cancel").<String>path("status")).isEqualTo("cancelled");
    }

    @Test
    void listsPageNewestFirst() {
        String key = stack.key("lister", Quotas.Overrides.NONE);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(0, as(key).contentType("application/jsonl").queryParam("strategy", "majority").queryParam("n", 1)
                    .body(bytes("{\"custom_id\": \"c\", \"problem\": \"Start with " + (i + 11) + ". Add 3.\"}")
                    ).post("/v1/batches").path("id"));
        }
        Response first = as(key).queryParam("limit", 2).get("/v1/batches");
        assertThat(first.<String>path("object")).isEqualTo("list");
        assertThat(first.<Boolean>path("has_more")).isTrue();
        Response second = as(key).queryParam("limit", 2).queryParam("cursor", first.<String>path("next_cursor"))
                .get("/v1/batches");
        assertThat(second.<Boolean>path("has_more")).isFalse();
        List<String> listed = new ArrayList<>(first.<List<String>>path("data.id"));
        listed.addAll(second.<List<String>>path("data.id"));
        assertThat(listed).containsExactlyElementsOf(ids);
        problem(as(key).queryParam("limit", 0).get("/v1/batches"), 400);
    }

    /** A JSONL body as bytes: RestAssured has no encoder for its media types. */
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<Map<String, Object>> rows(String jsonl) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                rows.add(json.readValue(line, Map.class));
            }
        }
        return rows;
    }

    private static Response ended(String key, String id) throws InterruptedException {
        return Api.batchEnded(key, id, LIMIT);
    }
}
