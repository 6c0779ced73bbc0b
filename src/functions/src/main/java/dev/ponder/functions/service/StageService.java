package dev.ponder.functions.service;

import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.stage.Pipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * What the four stage functions share: hand one message from a stage's queue to the pipeline. Throwing means "not
 * done": Funqy reports the message in {@code batchItemFailures}, SQS delivers it again, and after the queue's maximum
 * receives it goes to the dead-letter queue.
 */
@ApplicationScoped
public class StageService {

    private static final Logger LOG = Logger.getLogger(StageService.class);

    private final Pipeline pipeline;

    @Inject
    public StageService(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Handles a message that came from {@code queue}'s queue. A message of another stage means the event source
     * mapping points at the wrong queue: it is refused (and so ends in a dead-letter queue) rather than run by a
     * function sized and timed for another stage.
     */
    public void handle(Stage queue, StageMessage message) {
        if (message.stage() != queue) {
            throw new IllegalArgumentException("the " + queue.key() + " function takes " + queue.key()
                    + " messages (got " + message + "): check the function's event source mapping");
        }
        try {
            pipeline.handle(message);
        } catch (RuntimeException e) {
            // Funqy logs the exception without the message; this line names the search.
            LOG.warnf("%s: failed, left for redelivery: %s", message, e);
            throw e;
        }
        LOG.debugf("%s: done", message);
    }
}
