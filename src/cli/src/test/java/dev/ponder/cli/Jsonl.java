package dev.ponder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading results files in tests. */
final class Jsonl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jsonl() {
    }

    /** Every non-blank line, parsed; the manifest first. */
    static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Jsonl::parse).toList();
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON object a command printed (the test harness also shows log lines among standard output). */
    static JsonNode object(LaunchResult result) {
        return parse(result.getOutputStream().stream().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON line in: " + result.getOutput())));
    }

    /** What SPEC.md §1 calls the same result: id, strategy, n, prediction, paths, step scores, completion tokens. */
    static List<String> sameResultFields(Path file) throws IOException {
        return lines(file).stream().skip(1)
                .map(r -> String.join("|", r.get("unique_id").asText(), r.get("strategy").asText(),
                        r.get("n").asText(), r.get("pred").asText(), r.get("completions").toString(),
                        r.get("scores").toString(), r.get("status").toString(),
                        r.get("usage").get("completion_tokens").asText()))
                .toList();
    }
}
