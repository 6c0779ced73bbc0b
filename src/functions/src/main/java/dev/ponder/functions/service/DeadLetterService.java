package dev.ponder.functions.service;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.ponder.engine.queue.SqsStageQueues;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.stage.DeadLetters;
import dev.ponder.functions.config.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The consumer of every stage's dead-letter queue. The stage comes from the queue the message died in (the record's
 * {@code eventSourceARN}), not from its body: a body that is not a stage message at all must still be acknowledged
 * and logged under its stage, never bounce in the dead-letter queue until its retention ends.
 */
@ApplicationScoped
public class DeadLetterService {

    private final DeadLetters deadLetters;
    private final String prefix;

    @Inject
    public DeadLetterService(DeadLetters deadLetters, PipelineConfig config) {
        this.deadLetters = deadLetters;
        this.prefix = config.queuePrefix();
    }

    /** Fails the message's search with the reason (see {@link DeadLetters}) and keeps the message for a redrive. */
    public void handle(SQSMessage message) {
        deadLetters.handle(stageOf(message.getEventSourceArn()), message.getBody());
    }

    /** The stage whose dead-letter queue {@code queueArn} is ({@code arn:aws:sqs:<region>:<account>:<name>}). */
    Stage stageOf(String queueArn) {
        String name = queueArn == null ? "" : queueArn.substring(queueArn.lastIndexOf(':') + 1);
        return Arrays.stream(Stage.values())
                .filter(stage -> SqsStageQueues.deadName(prefix, stage).equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the deadletter function takes messages from "
                        + Arrays.stream(Stage.values()).map(s -> SqsStageQueues.deadName(prefix, s))
                        .collect(Collectors.joining(", ")) + " (got eventSourceARN " + queueArn + ")"));
    }
}
