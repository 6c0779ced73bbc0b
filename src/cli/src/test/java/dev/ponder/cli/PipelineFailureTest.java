package dev.ponder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search the pipeline cannot finish (its policy endpoint refuses every connection) fails through the dead-letter
 * queue; {@code batch} writes rows saying so, leaves them out of the accuracy table and exits with 1. (It used to
 * wait minutes after the first failed delivery: the engine turns away a redelivery that finds the chunk's lease
 * still held, and acknowledges it; the lease is now shorter than the visibility timeout, so it has ended.)
 */
@QuarkusMainTest
@TestProfile(PipelineFailureTest.DeadPolicy.class)
class PipelineFailureTest {

    /**
     * A policy nobody serves, no retries, and messages that die after two deliveries three seconds apart (on a busy
     * machine any slow stage may be the one that dies, so the test does not insist on which).
     */
    public static class DeadPolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ponder.models.dead.url", "http://127.0.0.1:9",
                    "ponder.models.dead.model", "nobody",
                    "ponder.models.dead.max-retries", "0",
                    "ponder.pipeline.visibility", "3s",
                    "ponder.pipeline.lease", "1s",
                    "ponder.pipeline.max-receives", "2");
        }
    }

    @TempDir
    Path dir;

    @Test
    void aFailedSearchWritesARowWithItsReasonAndTheBatchExitsWithOne(QuarkusMainLauncher launcher)
            throws IOException {
        Path out = dir.resolve("failed.jsonl");
        String store = dir.resolve("store").toString();
        LaunchResult result = launcher.launch("batch", "--count", "2", "--strategy", "majority", "--n", "2,4",
                "--policy", "dead", "--quiet", "--store-path", store, "--out", out.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(1);
        assertThat(result.getErrorOutput()).contains("2 of 2 searches did not succeed (2 FAILED)");
        List<JsonNode> rows = Jsonl.lines(out).subList(1, 5);
        assertThat(rows).extracting(r -> r.get("n").asInt()).containsExactly(2, 4, 2, 4);
        for (JsonNode row : rows) {
            assertThat(row.get("status").asText()).isEqualTo("FAILED");
            assertThat(row.get("error").asText()).contains("message of round 0", "failed every delivery");
            assertThat(row.has("pred")).isFalse();
        }
        assertThat(result.getOutput()).doesNotContain("majority n=4");
        String id = rows.get(0).get("search_id").asText();

        LaunchResult show = launcher.launch("searches", "show", id, "--store-path", store);
        assertThat(show.getOutput()).contains("status    FAILED", "reason    the sample message");
        LaunchResult redrive = launcher.launch("searches", "redrive", "--store-path", store);
        assertThat(redrive.getOutput()).contains("2 dead messages sent again");
        LaunchResult running = launcher.launch("searches", "list", "--status", "running", "--store-path", store);
        assertThat(running.getOutput()).contains(id);
    }
}
