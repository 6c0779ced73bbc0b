package dev.ponder.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.cli.io.BadInputException;
import dev.ponder.cli.io.ProblemFile;
import dev.ponder.core.search.Problem;
import dev.ponder.sim.ArithWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the problems of {@code run} and {@code batch} come from: a JSONL file or a generated arith-world set, and
 * the window of them to solve.
 */
public class ProblemOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Problems as JSONL (unique_id, problem, answer, level). Default: a generated arith-world set.")
    Path input;

    @Option(names = "--count", defaultValue = "100",
            description = "Problems to generate when there is no --input (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--dataset-seed", defaultValue = "7",
            description = "Seed of the generated problems (default: ${DEFAULT-VALUE}).")
    long datasetSeed;

    @Option(names = "--limit", description = "Solve at most this many problems.")
    Integer limit;

    @Option(names = "--offset", defaultValue = "0", description = "Skip this many problems first (default: 0).")
    int offset;

    /** The problems to solve: the input (or the generated set), windowed by --offset and --limit. */
    List<Problem> load(ObjectMapper json) {
        return window(input != null ? new ProblemFile(json).read(input) : generate());
    }

    /**
     * What the problems are, for deterministic ids: the SHA-256 of the input file's bytes, or the generator's
     * arguments. Read again after {@link #load}, so a file that changed in between changes the id too.
     */
    String identity() {
        if (input == null) {
            return "generated:arith:" + count + ":" + datasetSeed;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return "file:" + HexFormat.of().formatHex(sha.digest(Files.readAllBytes(input)));
        } catch (NoSuchFileException e) {
            throw new BadInputException("--input " + input + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** The manifest's fields about the problems. */
    void describe(Map<String, Object> manifest, int problemCount) {
        manifest.put("input", input == null ? "generated: arith world, count=" + count + ", seed=" + datasetSeed
                : input.toString());
        manifest.put("problems", problemCount);
        manifest.put("offset", offset);
        manifest.put("limit", limit);
    }

    private List<Problem> generate() {
        OptionChecks.between(spec, "--count", count, 1, SimCommand.MAX_PROBLEMS);
        return ArithWorld.generate(count, datasetSeed);
    }

    private List<Problem> window(List<Problem> all) {
        OptionChecks.between(spec, "--offset", offset, 0, Integer.MAX_VALUE);
        if (limit != null) {
            OptionChecks.between(spec, "--limit", limit, 1, Integer.MAX_VALUE);
        }
        int from = Math.min(offset, all.size());
        int to = limit == null ? all.size() : Math.min(all.size(), from + limit);
        if (from == to) {
            throw new BadInputException("no problems to solve: the input has " + all.size() + " problems and "
                    + "--offset is " + offset);
        }
        return all.subList(from, to);
    }
}
