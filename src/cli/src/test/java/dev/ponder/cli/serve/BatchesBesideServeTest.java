package dev.ponder.cli.serve;

import static dev.ponder.cli.serve.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.cli.Commands;
import dev.ponder.engine.account.Quotas;
import dev.ponder.engine.batch.BatchStatus;
import dev.ponder.engine.store.BatchItem;
import dev.ponder.engine.store.BatchStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ponder batches} beside a running {@code ponder serve}: it joins the server's stack and shows an API tenant's
 * batches as the API does ({@code show --json} and {@code results} print what the endpoints return).
 */
@QuarkusTest
@TestProfile(ServeProfile.class)
class BatchesBesideServeTest {

    private static final Duration LIMIT = Duration.ofSeconds(120);

    @Inject
    Instance<Object> beans;

    @Inject
    ServedStack stack;

    @Inject
    ObjectMapper json;

    @TempDir
    Path dir;

    @Test
    void listShowAndResultsOfAnApiTenantsBatchAreWhatTheApiGives() throws Exception {
        String key = stack.key("beside-list", Quotas.Overrides.NONE);
        String store = stack.store().toString();
        String id = create(key, 2, "majority", 4, "{\"custom_id\": \"a\", \"problem\": \"Start with 17. Add 5.\"}\n"
                + "{\"custom_id\": \"b\", \"problem\": \"Start with 4. Multiply by 3.\"}\n"
                + "{\"custom_id\": \"c\", \"problem\": \"Start with 9. Subtract 2.\"}\n");
        Api.batchEnded(key, id, LIMIT);

        String listed = ok("batches", "list", "--tenant", "beside-list", "--store-path", store);
        assertThat(listed).containsPattern(id + " +COMPLETED +3/3 +3 +0 +0 +[-0-9]+ [:0-9]+ +api");
        assertThat(ok("batches", "list", "--store-path", store)).doesNotContain(id);

        JsonNode shown = json.readTree(ok("batches", "show", id, "--json", "--store-path", store));
        assertThat(shown).isEqualTo(json.readTree(as(key).get("/v1/batches/" + id).asString()));

        String results = as(key).get("/v1/batches/" + id + "/results").asString();
        assertThat(results.lines().map(l -> l.substring(0, l.indexOf(','))))
                .containsExactly("{\"custom_id\":\"a\"", "{\"custom_id\":\"b\"", "{\"custom_id\":\"c\"");
        assertThat(ok("batches", "results", id, "--store-path", store)).isEqualTo(results);
        Path file = dir.resolve("rows.jsonl");
        ok("batches", "results", id, "--out", file.toString(), "--store-path", store);
        assertThat(Files.readString(file)).isEqualTo(results);
    }

    @Test
    void cancelStopsAnUnfinishedBatchAndRefusesOneThatEnded() throws Exception {
        String key = stack.key("beside-cancel", Quotas.Overrides.NONE);
        String store = stack.store().toString();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            lines.append("{\"custom_id\": \"l").append(i).append("\", \"problem\": \"Start with ").append(10 + i)
                    .append(". Multiply by 3. Subtract 8.\", \"m\": 2}\n");
        }
        // One search at a time, each of n=64: the batch is far from done when the command cancels it.
        String id = create(key, 1, "beam", 64, lines.toString());

        String cancelled = ok("batches", "cancel", id, "--store-path", store);
        assertThat(cancelled).matches("batch " + id + " (CANCELLING: the command running the stack cancels its "
                + "searches in flight, then it is CANCELLED|CANCELLED)\\R");
        assertThat(Api.batchEnded(key, id, LIMIT).<String>path("status")).isEqualTo("cancelled");
        assertThat(ok("batches", "show", id, "--store-path", store)).contains("status    CANCELLED",
                "lines     6/6 done: ", "0 not started", "in flight 0 (at most 1 at once)", ", finished ");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : ok("batches", "results", id, "--store-path", store).lines().toList()) {
            rows.add(json.readTree(line));
        }
        assertThat(rows).hasSize(6);
        assertThat(rows.get(5).get("custom_id").asText()).isEqualTo("l5");
        assertThat(rows.get(5).get("status").asText()).isEqualTo("CANCELLED");

        Commands.Result again = Commands.run(beans, "batches", "cancel", id, "--store-path", store);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("batch " + id + " had already ended: CANCELLED");
    }

    @Test
    void resultsOfABatchWithoutRowsFailNamingItsStatus() {
        String store = stack.store().toString();
        // A batch that could not run at all: no line of it ever started, so it has no rows. Stored ended from the
        // start (the sweeper never nudges it), then given its reason and end as the engine gives them.
        long now = System.currentTimeMillis();
        BatchStore batches = stack.engine().get().store().batches();
        BatchItem failed = new BatchItem("batch_cli_without_rows", "beside-failed", BatchStatus.FAILED, 0, 2, 0, 0,
                0, 0, 1, List.of(), now, now, 0, now + 3_600_000, null, "inbox:gone.jsonl", null, null);
        assertThat(batches.create(failed, List.of())).isTrue();
        assertThat(batches.setStatus(failed, BatchStatus.FAILED, null, "its input file could not be read", now))
                .isTrue();

        Commands.Result results = Commands.run(beans, "batches", "results", "batch_cli_without_rows", "--store-path",
                store);
        assertThat(results.code()).isEqualTo(1);
        assertThat(results.err()).contains("batch batch_cli_without_rows has no result rows: it is FAILED, 0 of 2 "
                + "lines ended");
        assertThat(results.out()).isEmpty();
        assertThat(ok("batches", "show", "batch_cli_without_rows", "--store-path", store)).contains(
                "status    FAILED", "lines     0/2 done", "source    inbox:gone.jsonl",
                ", finished ", "reason    its input file could not be read");

        Commands.Result unknown = Commands.run(beans, "batches", "results", "batch_nowhere", "--store-path", store);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no batch batch_nowhere in the store " + store);
    }

    /** A batch of JSONL lines sent to the API as a tenant's client sends it; its id. */
    private static String create(String key, int maxInFlight, String strategy, int n, String lines) {
        var created = as(key).contentType("application/jsonl").queryParam("strategy", strategy).queryParam("n", n)
                .queryParam("max_in_flight", maxInFlight).body(lines.getBytes(StandardCharsets.UTF_8))
                .post("/v1/batches");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.path("id");
    }

    private String ok(String... args) {
        Commands.Result result = Commands.run(beans, args);
        assertThat(result.code()).as(result.err()).isZero();
        return result.out();
    }
}
