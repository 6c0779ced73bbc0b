package dev.ponder.functions;

import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.functions.service.StageService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The score Lambda ({@code QUARKUS_FUNQY_EXPORT=score}), fed by the {@code <prefix>-score} queue: asks the PRM endpoint
 * for the step scores of one chunk of candidates and records them; the round's last chunk sends select. Funqy splits
 * the SQS batch and reports the messages that threw in {@code batchItemFailures}.
 */
public class ScoreFunction {

    private final StageService stages;

    @Inject
    public ScoreFunction(StageService stages) {
        this.stages = stages;
    }

    @Funq
    public void score(StageMessage message) {
        stages.handle(Stage.SCORE, message);
    }
}
