package dev.ponder.cli.command;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --limit} of the list subcommands ({@code searches list}, {@code batches list}). */
class ListLimit {

    /** The most rows a list prints: a table longer than this is read better from the API or the store. */
    static final int MAX = 100_000;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
            description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    /** The limit, checked to be between 1 and {@link #MAX}. */
    int checked() {
        OptionChecks.between(spec, "--limit", limit, 1, MAX);
        return limit;
    }
}
