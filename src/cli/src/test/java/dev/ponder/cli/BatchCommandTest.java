package dev.ponder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ponder batch} end to end through the pipeline on the embedded default (real DynamoDB Local, ElasticMQ). */
@QuarkusMainTest
class BatchCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheRowsOfAnInProcessRunInInputOrder(QuarkusMainLauncher launcher) throws IOException {
        Path batch = dir.resolve("batch.jsonl");
        Path run = dir.resolve("run.jsonl");
        List<String> grid = List.of("--count", "3", "--strategy", "majority,beam", "--n", "2,4", "--quiet");

        LaunchResult piped = launcher.launch(args("batch", grid, "--in-memory", "--out", batch.toString()));
        assertThat(piped.exitCode()).as(piped.getErrorOutput()).isZero();
        LaunchResult local = launcher.launch(args("run", grid, "--in-process", "--out", run.toString()));
        assertThat(local.exitCode()).as(local.getErrorOutput()).isZero();

        List<JsonNode> lines = Jsonl.lines(batch);
        JsonNode manifest = lines.get(0).get("manifest");
        assertThat(manifest.get("command").asText()).isEqualTo("batch");
        assertThat(manifest.get("batch_id").asText()).hasSize(16);
        assertThat(manifest.get("pipeline").get("store").asText()).isEqualTo("memory");
        assertThat(manifest.get("pipeline").get("concurrency").asInt()).isEqualTo(8);
        // majority runs once at n=4 and gives rows for 2 and 4; beam runs per budget: 4 rows per problem.
        assertThat(lines).hasSize(1 + 3 * 4);
        assertThat(lines.subList(1, 5)).extracting(r -> r.get("strategy").asText() + "@" + r.get("n").asInt())
                .containsExactly("majority@2", "majority@4", "beam@2", "beam@4");
        assertThat(lines.get(1).get("search_id").asText()).isEqualTo(lines.get(2).get("search_id").asText());
        assertThat(Jsonl.sameResultFields(batch)).isEqualTo(Jsonl.sameResultFields(run));

        assertThat(piped.getOutput()).contains("majority n=4", "beam n=2", "all",
                "9 searches, 9 submitted, 0 found in the store (in memory)");
        assertThat(dir.resolve("batch.jsonl.partial")).doesNotExist();
    }

    @Test
    void runningTheSameBatchAgainOnAKeptStoreCollectsInsteadOfSubmitting(QuarkusMainLauncher launcher)
            throws IOException {
        Path store = dir.resolve("store");
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");
        List<String> grid = List.of("--count", "2", "--strategy", "weighted-best-of-n,dvts", "--n", "4", "--quiet",
                "--store-path", store.toString());

        LaunchResult one = launcher.launch(args("batch", grid, "--out", first.toString()));
        assertThat(one.exitCode()).as(one.getErrorOutput()).isZero();
        assertThat(one.getOutput()).contains("4 searches, 4 submitted, 0 found in the store (" + store + ")");
        assertThat(store.resolve("dynamodb")).isDirectory();
        assertThat(store.resolve("stack.lock")).doesNotExist();

        LaunchResult two = launcher.launch(args("batch", grid, "--out", second.toString()));
        assertThat(two.exitCode()).as(two.getErrorOutput()).isZero();
        assertThat(two.getOutput()).contains("4 searches, 0 submitted, 4 found in the store");
        // The same ids and the same stored searches: every row is the same, wall times and usage included.
        assertThat(Files.readAllLines(second).subList(1, 5)).isEqualTo(Files.readAllLines(first).subList(1, 5));
        assertThat(Jsonl.lines(first).get(0).get("manifest").get("batch_id"))
                .isEqualTo(Jsonl.lines(second).get(0).get("manifest").get("batch_id"));
    }

    @Test
    void rejectsBadInputNamingOptionAndLimitBeforeStartingAnything(QuarkusMainLauncher launcher) {
        Path store = dir.resolve("never");
        Path out = dir.resolve("never.jsonl");
        List<List<String>> cases = List.of(
                List.of("--count", "3", "--strategy", "mcts"),
                List.of("--count", "3", "--n", "0"),
                List.of("--count", "3", "--strategy", "dvts", "--n", "6"),
                List.of("--input", dir.resolve("missing.jsonl").toString()),
                List.of("--count", "3", "--concurrency", "0"));
        List<String> messages = List.of("strategy must be one of", "n must be between 1 and 4096 (got 0)",
                "n must be a multiple of m for dvts (got n=6, m=4)", "--input " + dir.resolve("missing.jsonl")
                        + " does not exist", "--concurrency must be between 1 and 1024 (got 0)");
        for (int i = 0; i < cases.size(); i++) {
            LaunchResult result = launcher.launch(args("batch", cases.get(i), "--quiet", "--store-path",
                    store.toString(), "--out", out.toString()));
            assertThat(result.exitCode()).as(String.join(" ", cases.get(i))).isEqualTo(2);
            assertThat(result.getErrorOutput()).contains(messages.get(i)).doesNotContain("embedded_stack_started");
        }
        LaunchResult both = launcher.launch("batch", "--count", "2", "--in-memory", "--store-path", store.toString(),
                "--out", out.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.getErrorOutput()).contains("--store-path and --in-memory exclude each other");
        assertThat(store).doesNotExist();
        assertThat(out).doesNotExist();
    }

    static String[] args(String command, List<String> common, String... more) {
        List<String> all = new java.util.ArrayList<>();
        all.add(command);
        all.addAll(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
