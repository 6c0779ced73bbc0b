package dev.ponder.functions;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.ponder.functions.service.DeadLetterService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The deadletter Lambda ({@code QUARKUS_FUNQY_EXPORT=deadletter}), fed by all four {@code <prefix>-<stage>-dlq}
 * queues: a message that failed every delivery fails its search with the reason, so lost work cannot hide. It takes
 * the raw SQS record, since a dead message may be one that never parsed.
 */
public class DeadLetterFunction {

    private final DeadLetterService deadLetters;

    @Inject
    public DeadLetterFunction(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Funq
    public void deadletter(SQSMessage message) {
        deadLetters.handle(message);
    }
}
