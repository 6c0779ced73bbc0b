package dev.ponder.functions;

import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.functions.service.StageService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The select Lambda ({@code QUARKUS_FUNQY_EXPORT=select}), fed by the {@code <prefix>-select} queue: hands a round's
 * results to the strategy (which keeps the best), writes the next frontier and sends orchestrate. Funqy splits the SQS
 * batch and reports the messages that threw in {@code batchItemFailures}.
 */
public class SelectFunction {

    private final StageService stages;

    @Inject
    public SelectFunction(StageService stages) {
        this.stages = stages;
    }

    @Funq
    public void select(StageMessage message) {
        stages.handle(Stage.SELECT, message);
    }
}
