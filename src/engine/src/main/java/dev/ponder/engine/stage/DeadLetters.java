package dev.ponder.engine.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import java.lang.System.Logger.Level;

/**
 * The consumer of the dead-letter queues: a message that failed every delivery fails its search, with the last
 * error a stage recorded as the reason, and is kept in the store so that {@code searches redrive} can send it again
 * once the cause is fixed.
 */
public final class DeadLetters {

    private static final System.Logger LOG = System.getLogger("dev.ponder.engine.pipeline");

    private final Pipeline p;
    private final ObjectMapper json;

    public DeadLetters(Pipeline pipeline, ObjectMapper json) {
        this.p = pipeline;
        this.json = json;
    }

    /** Handles one dead message from {@code stage}'s dead-letter queue. */
    public void handle(Stage stage, String body) {
        StageMessage m;
        try {
            m = json.readValue(body, StageMessage.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Nothing names a search: there is no search to fail. Keep the trace in the log and let it go.
            LOG.log(Level.WARNING, "dead " + stage.key() + " message that is not a stage message, discarded: " + body);
            return;
        }
        String lastError = p.store.search(m.search()).map(SearchItem::lastError).orElse(null);
        String reason = "the " + stage.key() + " message of round " + m.round()
                + (stage == Stage.SAMPLE || stage == Stage.SCORE ? " chunk " + m.chunk() : "")
                + " failed every delivery" + (lastError == null ? "" : "; last error: " + lastError);
        p.store.putDeadLetter(m.search(), m.round(), stage, m.chunk(), body, reason);
        p.end(m.search(), SearchStatus.FAILED, reason);
    }
}
