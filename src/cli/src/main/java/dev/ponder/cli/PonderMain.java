package dev.ponder.cli;

import dev.ponder.engine.client.EndpointException;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * The {@code ponder} command: picocli over CDI, so commands can inject the engine's services. Started by
 * {@link PonderLauncher}.
 */
public class PonderMain implements QuarkusApplication {

    @Inject
    Instance<Object> beans;

    @Override
    public int run(String... args) {
        return new CommandLine(PonderCommand.class, new CdiFactory(beans))
                .setExecutionExceptionHandler(PonderMain::report)
                .execute(args);
    }

    /**
     * Input a user can fix (a bad option value, a bad line in a file) is reported in one line with exit code 2, as
     * picocli reports usage errors; a failed model endpoint in one line with exit code 1; anything else is a bug,
     * reported with its stack trace and exit code 1.
     */
    static int report(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof IllegalArgumentException) {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
            return 2;
        }
        if (e instanceof EndpointException) {
            // A model endpoint failed after its retries: the message names the endpoint and what went wrong.
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
            return 1;
        }
        e.printStackTrace(cmd.getErr());
        return 1;
    }

    /** Creates commands as CDI beans where they are beans, else as plain picocli objects. */
    record CdiFactory(Instance<Object> beans) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            Instance<K> bean = beans.select(type);
            return bean.isResolvable() ? bean.get() : CommandLine.defaultFactory().create(type);
        }
    }
}
