package dev.ponder.functions;

import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.functions.service.StageService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The batch Lambda ({@code QUARKUS_FUNQY_EXPORT=batch}), fed by the {@code <prefix>-batch} queue: drives a batch,
 * recording the lines whose searches ended and submitting the next ones within the batch's in-flight limit. Its
 * messages come from searches that end, from the front doors that create or cancel a batch, and from the sweeper.
 */
public class BatchFunction {

    private final StageService stages;

    @Inject
    public BatchFunction(StageService stages) {
        this.stages = stages;
    }

    @Funq
    public void batch(StageMessage message) {
        stages.handle(Stage.BATCH, message);
    }
}
