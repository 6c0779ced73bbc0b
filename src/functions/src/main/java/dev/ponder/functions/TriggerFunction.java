package dev.ponder.functions;

import dev.ponder.engine.stage.BatchTrigger;
import dev.ponder.functions.event.S3Notification;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The batch trigger Lambda ({@code QUARKUS_FUNQY_EXPORT=trigger}), invoked by the batch bucket's object-created
 * notification on the input prefix: each JSONL object starts a batch for the bucket's tenant (a duplicate event finds
 * the batch already started), whose results are written under the output prefix when it ends. A refused file gets an
 * error report there instead. An exception (the bucket or table unreachable) fails the invocation, and Lambda retries
 * the asynchronous event.
 */
public class TriggerFunction {

    private static final Logger LOG = Logger.getLogger(TriggerFunction.class);

    private final BatchTrigger trigger;

    @Inject
    public TriggerFunction(BatchTrigger trigger) {
        this.trigger = trigger;
    }

    @Funq
    public List<BatchTrigger.Result> trigger(S3Notification event) {
        return event.records().stream().filter(S3Notification.Record::created).map(r -> {
            BatchTrigger.Result result = trigger.handle(r.toCreated());
            LOG.infof("%s: %s", result.outcome(), result.detail());
            return result;
        }).toList();
    }
}
