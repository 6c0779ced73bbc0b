package dev.ponder.engine.request;

import dev.ponder.core.search.Problem;
import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.SearchConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A valid {@code POST /v1/searches} body, every default applied.
 *
 * @param deadlineSeconds the search's time limit, or {@code null} for the pipeline's default
 */
public record SearchRequest(String problem, String answer, String strategy, int n, int m, double temperature,
                            double topP, Reduction reduction, int maxIterations, Integer deadlineSeconds,
                            String policy, String prm, long seed) {

    public Problem toProblem() {
        return Problem.of(problem, answer);
    }

    /** The core's configuration: the request's knobs over the defaults of SPEC.md §1. */
    public SearchConfig config() {
        SearchConfig d = SearchConfig.defaults();
        return new SearchConfig(n, m, temperature, topP, d.maxTokens(), maxIterations, d.lookahead(), reduction,
                d.filterDuplicates(), seed);
    }

    public Duration deadline() {
        return deadlineSeconds == null ? null : Duration.ofSeconds(deadlineSeconds);
    }

    /**
     * The SHA-256 of the request with its defaults applied, in a fixed field order: what an {@code Idempotency-Key}
     * is bound to. Bodies that differ only in spacing, field order or spelled-out defaults mean the same search.
     */
    public String hash() {
        String canonical = String.join("\u0000", problem, String.valueOf(answer), strategy, Integer.toString(n),
                Integer.toString(m), Double.toString(temperature), Double.toString(topP), reduction.name(),
                Integer.toString(maxIterations), String.valueOf(deadlineSeconds), policy, prm, Long.toString(seed));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
