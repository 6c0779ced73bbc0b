package dev.ponder.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The JVM's entry point. Quarkus opens its HTTP server while it starts, before any command runs, so whether it
 * listens is decided here: only for {@code ponder serve}, on {@code --port}; every other command keeps the
 * configured {@code quarkus.http.host-enabled=false} and opens no port.
 */
@QuarkusMain
public final class PonderLauncher {

    private PonderLauncher() {
    }

    public static void main(String... args) {
        ServeArguments.of(args).ifPresent(serve -> {
            System.setProperty("quarkus.http.host-enabled", "true");
            System.setProperty("quarkus.http.port", Integer.toString(serve.port()));
        });
        Quarkus.run(PonderMain.class, args);
    }
}
