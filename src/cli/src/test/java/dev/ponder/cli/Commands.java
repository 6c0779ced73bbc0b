package dev.ponder.cli;

import jakarta.enterprise.inject.Instance;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs a {@code ponder} command inside a running test application, as {@link PonderMain} runs it, with its standard
 * output and error captured: for tests beside {@code ponder serve}, whose stack the command joins.
 */
public final class Commands {

    private Commands() {
    }

    /** What a command printed, and its exit code. */
    public record Result(int code, String out, String err) {
    }

    public static Result run(Instance<Object> beans, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(PonderCommand.class, new PonderMain.CdiFactory(beans))
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .setExecutionExceptionHandler(PonderMain::report).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
