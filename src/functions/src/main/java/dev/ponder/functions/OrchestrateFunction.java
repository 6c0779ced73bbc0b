package dev.ponder.functions;

import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.functions.service.StageService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The orchestrate Lambda ({@code QUARKUS_FUNQY_EXPORT=orchestrate}), fed by the {@code <prefix>-orchestrate} queue:
 * drives a search: opens its next round (one sample or score message per chunk), or finishes it and writes the answer.
 * Funqy splits the SQS batch and reports the messages that threw in {@code batchItemFailures}.
 */
public class OrchestrateFunction {

    private final StageService stages;

    @Inject
    public OrchestrateFunction(StageService stages) {
        this.stages = stages;
    }

    @Funq
    public void orchestrate(StageMessage message) {
        stages.handle(Stage.ORCHESTRATE, message);
    }
}
