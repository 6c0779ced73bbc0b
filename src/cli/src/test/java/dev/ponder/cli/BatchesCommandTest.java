package dev.ponder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ponder batches} on the batch a {@code ponder batch} ran on a kept store. */
@QuarkusMainTest
class BatchesCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsShowsAndReadsTheRowsOfTheBatchABatchCommandRan(QuarkusMainLauncher launcher) throws IOException {
        String store = dir.resolve("store").toString();
        Path written = dir.resolve("batch.jsonl");
        LaunchResult batch = launcher.launch("batch", "--count", "3", "--strategy", "majority", "--n", "4",
                "--quiet", "--store-path", store, "--out", written.toString());
        assertThat(batch.exitCode()).as(batch.getErrorOutput()).isZero();
        String id = Jsonl.lines(written).get(0).get("manifest").get("batch_id").asText();

        LaunchResult list = launcher.launch("batches", "list", "--store-path", store);
        assertThat(list.exitCode()).as(list.getErrorOutput()).isZero();
        assertThat(list.getOutput()).contains("ID", "STATUS", "DONE/TOTAL", "SUCCEEDED", "FAILED", "CANCELLED",
                "CREATED", "SOURCE");
        List<String> row = Arrays.asList(list.getOutputStream().stream().filter(l -> l.startsWith(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + id + " in: " + list.getOutput())).split("\\s+"));
        assertThat(row.subList(0, 6)).containsExactly(id, "COMPLETED", "3/3", "3", "0", "0");
        assertThat(row.get(row.size() - 1)).isEqualTo("cli");
        LaunchResult others = launcher.launch("batches", "list", "--tenant", "someone", "--status", "completed",
                "--store-path", store);
        assertThat(others.getOutput()).contains("(no batches COMPLETED of tenant someone in the store " + store + ")")
                .doesNotContain(id);

        LaunchResult show = launcher.launch("batches", "show", id, "--store-path", store);
        assertThat(show.exitCode()).as(show.getErrorOutput()).isZero();
        assertThat(show.getOutput()).contains("batch     " + id + "  (tenant local)", "status    COMPLETED\n",
                "lines     3/3 done: 3 succeeded, 0 failed, 0 cancelled; 0 not started",
                "in flight 0 (at most 64 at once)", "times     created ", ", finished ", ", expires ", "(window 7d)",
                "source    cli").doesNotContain("reason");

        LaunchResult shown = launcher.launch("batches", "show", id, "--json", "--store-path", store);
        assertThat(shown.exitCode()).as(shown.getErrorOutput()).isZero();
        JsonNode view = Jsonl.object(shown);
        assertThat(view.get("id").asText()).isEqualTo(id);
        assertThat(view.get("object").asText()).isEqualTo("batch");
        assertThat(view.get("status").asText()).isEqualTo("completed");
        assertThat(view.get("request_counts").toString()).isEqualTo("{\"total\":3,\"completed\":3,\"succeeded\":3,"
                + "\"failed\":0,\"cancelled\":0,\"processing\":0}");
        Instant created = Instant.parse(view.get("created_at").asText());
        assertThat(Instant.parse(view.get("finished_at").asText())).isAfter(created);
        assertThat(Instant.parse(view.get("expires_at").asText())).isEqualTo(created.plus(Duration.ofDays(7)));
        assertThat(view.get("completion_window").asText()).isEqualTo("7d");
        assertThat(view.get("max_in_flight").asInt()).isEqualTo(64);
        assertThat(view.get("source").asText()).isEqualTo("cli");
        assertThat(view.get("results_url").asText()).isEqualTo("/v1/batches/" + id + "/results");
        assertThat(view.has("errors")).isFalse();

        Path rows = dir.resolve("out/rows.jsonl");
        LaunchResult results = launcher.launch("batches", "results", id, "--out", rows.toString(), "--store-path",
                store);
        assertThat(results.exitCode()).as(results.getErrorOutput()).isZero();
        assertThat(results.getOutput()).contains("3 rows of batch " + id + " written to " + rows);
        assertThat(dir.resolve("out/rows.jsonl.partial")).doesNotExist();
        List<JsonNode> read = Jsonl.lines(rows);
        // One row a problem (majority at a single n), in line order: the very rows `ponder batch` wrote.
        assertThat(read).extracting(r -> r.get("unique_id").asText()).containsExactly("sim/level-2/00000",
                "sim/level-2/00001", "sim/level-5/00002");
        assertThat(read).allSatisfy(r -> assertThat(r.has("pred") && r.has("correct") && r.has("status")
                && r.has("search_id")).as(r.toString()).isTrue());
        assertThat(read).isEqualTo(Jsonl.lines(written).subList(1, 4));

        LaunchResult cancel = launcher.launch("batches", "cancel", id, "--store-path", store);
        assertThat(cancel.exitCode()).isEqualTo(1);
        assertThat(cancel.getErrorOutput()).contains("batch " + id + " had already ended: COMPLETED");
        LaunchResult unknown = launcher.launch("batches", "show", "0000000000000000", "--store-path", store);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.getErrorOutput()).contains("no batch 0000000000000000 in the store " + store);
    }

    @Test
    void rejectsABadStatusOrLimitBeforeOpeningTheStore(QuarkusMainLauncher launcher) {
        Path store = dir.resolve("never");
        LaunchResult status = launcher.launch("batches", "list", "--status", "running", "--store-path",
                store.toString());
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.getErrorOutput()).contains("status must be one of validating, in_progress, finalizing, "
                + "completed, failed, cancelling, cancelled, expired (got running)");
        LaunchResult limit = launcher.launch("batches", "list", "--limit", "0", "--store-path", store.toString());
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.getErrorOutput()).contains("--limit must be between 1 and 100000 (got 0)");
        assertThat(store).doesNotExist();
    }
}
