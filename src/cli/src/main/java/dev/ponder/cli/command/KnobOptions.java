package dev.ponder.cli.command;

import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.SearchConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The search knobs of SPEC.md §1 besides N and the seed: one set of options for run, batch and solve. */
public class KnobOptions {

    @Option(names = "--m", defaultValue = "4", description = "Beam width M (default: ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--temperature", defaultValue = "0.8", description = "Sampling temperature (default: 0.8).")
    double temperature;

    @Option(names = "--max-tokens", defaultValue = "2048", description = "Tokens per policy call (default: 2048).")
    int maxTokens;

    @Option(names = "--max-iterations", defaultValue = "40",
            description = "Iteration cap of beam search and DVTS (default: 40).")
    int maxIterations;

    @Option(names = "--lookahead", defaultValue = "0", description = "Greedy lookahead steps (default: 0).")
    int lookahead;

    @Option(names = "--reduction", defaultValue = "last",
            description = "Step-score reduction: last, min, prod, mean (default: last).")
    String reduction;

    @Option(names = "--no-filter-duplicates", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Drop beams with exactly the same text (default: on).")
    boolean filterDuplicates;

    /** The configuration of one search at budget {@code n} with {@code seed}; validated, naming field and limit. */
    SearchConfig config(int n, long seed) {
        return new SearchConfig(n, m, temperature, 1.0, maxTokens, maxIterations, lookahead,
                Reduction.parse(reduction), filterDuplicates, seed);
    }

    /** The knobs as the manifest records them. */
    static Map<String, Object> describe(SearchConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("m", c.m());
        m.put("temperature", c.temperature());
        m.put("top_p", c.topP());
        m.put("max_tokens", c.maxTokens());
        m.put("max_iterations", c.maxIterations());
        m.put("lookahead", c.lookahead());
        m.put("reduction", c.reduction().name().toLowerCase());
        m.put("filter_duplicates", c.filterDuplicates());
        return m;
    }
}
