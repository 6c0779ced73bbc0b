package dev.ponder.cli.command;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.Strategy;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/** The grid of {@code run} and {@code batch}: every strategy at every budget with every seed. */
public class GridOptions {

    @Option(names = "--strategy", split = ",", paramLabel = "NAME",
            defaultValue = "majority,best-of-n,weighted-best-of-n,beam,dvts",
            description = "Strategies, comma-separated: majority, best-of-n, weighted-best-of-n, beam, dvts, "
                    + "repeated-sampling (default: ${DEFAULT-VALUE}).")
    List<String> strategies;

    @Option(names = "--n", split = ",", defaultValue = "4,16",
            description = "Budgets N, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> budgets;

    @Option(names = "--seed", split = ",", defaultValue = "42",
            description = "Search seeds, comma-separated; several seeds give bootstrap intervals over runs "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    /** The strategies, each once, in the order given; an unknown name lists the valid ones. */
    List<Strategy> strategies(AnswerEquivalence equivalence) {
        return strategies.stream().map(String::strip).distinct().map(name -> Strategies.create(name, equivalence))
                .toList();
    }

    /** The budgets, each once, smallest first. */
    List<Integer> budgets() {
        return new TreeSet<>(budgets).stream().toList();
    }

    List<Long> seeds() {
        return seeds;
    }

    /** The strategy names as given, for the manifest. */
    List<String> strategyNames() {
        return strategies;
    }
}
