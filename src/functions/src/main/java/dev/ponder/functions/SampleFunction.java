package dev.ponder.functions;

import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.functions.service.StageService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The sample Lambda ({@code QUARKUS_FUNQY_EXPORT=sample}), fed by the {@code <prefix>-sample} queue: asks the policy
 * endpoint for one chunk of a round's samples and records them; the round's last chunk sends select. Funqy splits the
 * SQS batch and reports the messages that threw in {@code batchItemFailures}.
 */
public class SampleFunction {

    private final StageService stages;

    @Inject
    public SampleFunction(StageService stages) {
        this.stages = stages;
    }

    @Funq
    public void sample(StageMessage message) {
        stages.handle(Stage.SAMPLE, message);
    }
}
