package dev.ponder.cli;

import dev.ponder.cli.command.BatchCommand;
import dev.ponder.cli.command.BatchesCommand;
import dev.ponder.cli.command.EndpointsCommand;
import dev.ponder.cli.command.EvalCommand;
import dev.ponder.cli.command.GradeCommand;
import dev.ponder.cli.command.KeysCommand;
import dev.ponder.cli.command.ReportCommand;
import dev.ponder.cli.command.RunCommand;
import dev.ponder.cli.command.SearchesCommand;
import dev.ponder.cli.command.ServeCommand;
import dev.ponder.cli.command.SimCommand;
import dev.ponder.cli.command.SolveCommand;
import picocli.CommandLine.Command;

/** The top-level command: only groups the subcommands. */
@Command(name = "ponder", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Test-time-compute search for LLMs: majority vote, Best-of-N, beam search and DVTS "
                + "guided by a process reward model.",
        subcommands = {RunCommand.class, BatchCommand.class, SolveCommand.class, SearchesCommand.class,
                BatchesCommand.class, ServeCommand.class, KeysCommand.class, GradeCommand.class, EvalCommand.class,
                ReportCommand.class, EndpointsCommand.class, SimCommand.class})
public class PonderCommand {
}
