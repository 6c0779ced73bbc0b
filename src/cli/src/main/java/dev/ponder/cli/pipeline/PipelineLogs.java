package dev.ponder.cli.pipeline;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine logs one line per step of a search's life ({@code search=<id>: accepted ...}, {@code succeeded ...});
 * a batch of hundreds of searches would bury the progress bar in them, so the CLI keeps that category at WARN
 * (application.properties) unless {@code --verbose} asks for them.
 */
public final class PipelineLogs {

    /** The engine's pipeline log category. */
    static final String CATEGORY = "dev.ponder.engine.pipeline";

    private PipelineLogs() {
    }

    public static void verbose(boolean on) {
        if (on) {
            Logger.getLogger(CATEGORY).setLevel(Level.INFO);
        }
    }
}
