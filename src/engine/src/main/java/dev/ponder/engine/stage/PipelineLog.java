package dev.ponder.engine.stage;

import dev.ponder.engine.queue.StageMessage;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** The pipeline's log lines: each starts with the message it is about, so every line carries its search id. */
final class PipelineLog {

    private static final Logger LOG = System.getLogger("dev.ponder.engine.pipeline");

    private PipelineLog() {
    }

    static void drop(StageMessage message, String why) {
        LOG.log(Level.DEBUG, () -> message + ": dropped, " + why);
    }

    static void info(StageMessage message, String what) {
        LOG.log(Level.DEBUG, () -> message + ": " + what);
    }

    static void batch(String batchId, String what) {
        LOG.log(Level.INFO, () -> "batch=" + batchId + ": " + what);
    }

    static void search(String searchId, String what) {
        LOG.log(Level.INFO, () -> "search=" + searchId + ": " + what);
    }
}
