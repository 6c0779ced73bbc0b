package dev.ponder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ponder solve} and {@code ponder searches} on the embedded pipeline. */
@QuarkusMainTest
class SolveAndSearchesCommandTest {

    private static final String PROBLEM = "Start with 17. Multiply by 3. Subtract 8.";

    @TempDir
    Path dir;

    @Test
    void solvePrintsTheAnswerAndTheChosenPathStepByStep(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("solve", PROBLEM, "--answer", "43", "--n", "8", "--in-memory");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("answer: 43  (correct)", "beam n=8 m=4 seed=42, SUCCEEDED",
                "chosen path:", "  1. [0.", "usage:", "prompt +", "policy calls", "PRM calls", "model-seconds");
    }

    @Test
    void solveAsJsonAndTheSearchesOfTheStore(QuarkusMainLauncher launcher) {
        String store = dir.resolve("store").toString();
        LaunchResult solved = launcher.launch("solve", PROBLEM, "--answer", "43", "--strategy", "dvts", "--n", "8",
                "--json", "--store-path", store);
        assertThat(solved.exitCode()).as(solved.getErrorOutput()).isZero();
        JsonNode json = Jsonl.object(solved);
        String id = json.get("search_id").asText();
        assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.get("pred").asText()).isEqualTo("43");
        assertThat(json.get("correct").asBoolean()).isTrue();
        JsonNode steps = json.get("trajectory").get("steps");
        assertThat(steps.size()).isPositive();
        assertThat(steps.get(steps.size() - 1).get("text").asText()).contains("\\boxed{43}");
        assertThat(steps.get(0).get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("usage").get("completion_tokens").asLong()).isPositive();

        LaunchResult again = launcher.launch("solve", PROBLEM, "--answer", "43", "--strategy", "dvts", "--n", "8",
                "--json", "--store-path", store);
        assertThat(Jsonl.object(again).get("search_id").asText()).isEqualTo(id);

        LaunchResult list = launcher.launch("searches", "list", "--store-path", store);
        assertThat(list.exitCode()).as(list.getErrorOutput()).isZero();
        assertThat(list.getOutput()).contains("ID", "STATUS", id, "SUCCEEDED", "dvts", PROBLEM);
        LaunchResult none = launcher.launch("searches", "list", "--status", "running", "--store-path", store);
        assertThat(none.getOutput()).contains("(no searches RUNNING in the store").doesNotContain(id);

        LaunchResult show = launcher.launch("searches", "show", id, "--store-path", store);
        assertThat(show.exitCode()).as(show.getErrorOutput()).isZero();
        assertThat(show.getOutput()).contains("search    " + id, "status    SUCCEEDED", "config    dvts n=8 m=4",
                "frontier  ", "paths     2 emitted", "score 0.", "usage     ", "answer    43  (correct)");

        LaunchResult cancel = launcher.launch("searches", "cancel", id, "--store-path", store);
        assertThat(cancel.exitCode()).isEqualTo(1);
        assertThat(cancel.getErrorOutput()).contains("search " + id + " had already ended: SUCCEEDED");
        LaunchResult unknown = launcher.launch("searches", "show", "0000000000000000", "--store-path", store);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.getErrorOutput()).contains("no search 0000000000000000 in the store");
        LaunchResult redrive = launcher.launch("searches", "redrive", "--store-path", store);
        assertThat(redrive.getOutput()).contains("0 dead messages sent again");
    }

    @Test
    void solveRejectsABadConfigurationBeforeStartingAnything(QuarkusMainLauncher launcher) {
        Path store = dir.resolve("never");
        LaunchResult result = launcher.launch("solve", PROBLEM, "--strategy", "dvts", "--n", "6", "--store-path",
                store.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("n must be a multiple of m for dvts (got n=6, m=4)");
        assertThat(store).doesNotExist();
    }
}
