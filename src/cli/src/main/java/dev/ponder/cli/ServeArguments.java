package dev.ponder.cli;

import java.util.Optional;

/**
 * What {@link PonderLauncher} must know of a {@code ponder serve} command line before Quarkus starts: that it is
 * one, and its {@code --port}. picocli parses the same line again (and reports a bad port) once Quarkus runs.
 *
 * @param port the HTTP port, 0 for any free one
 */
record ServeArguments(int port) {

    /** The port {@code ponder serve} listens on unless told otherwise. */
    static final int DEFAULT_PORT = 8080;

    static Optional<ServeArguments> of(String... args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return Optional.empty();
        }
        int port = DEFAULT_PORT;
        for (int i = 1; i < args.length; i++) {
            String value = args[i].startsWith("--port=") ? args[i].substring("--port=".length())
                    : args[i].equals("--port") && i + 1 < args.length ? args[++i] : null;
            if (value != null) {
                try {
                    port = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    // picocli reports it with the option's name once the command runs
                }
            }
        }
        return Optional.of(new ServeArguments(port));
    }
}
