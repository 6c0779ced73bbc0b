package dev.ponder.functions.config;

import dev.ponder.core.driver.ChunkResult;
import dev.ponder.core.model.Sample;
import dev.ponder.core.model.Usage;
import dev.ponder.core.search.CompletionStatus;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.request.FieldError;
import dev.ponder.engine.stage.BatchTrigger;
import dev.ponder.engine.stage.Sweeper;
import dev.ponder.functions.event.S3Notification;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Jackson reads and writes by reflection in the native image: the functions' events and results, and what the
 * engine keeps as JSON (stage messages, a search's problem and configuration, chunk results, batch lines, the field
 * errors of a refused batch file), with every record and enum they hold. Each class is listed rather than found with
 * {@code registerFullHierarchy}: that walk registers the type arguments of a field ({@code List<List<Sample>>}) without
 * looking inside them, so {@code Sample}'s {@code CompletionStatus} would be missed. Funqy registers the functions'
 * parameter and return types by itself; they are listed all the same, so this list alone says what the image can
 * (de)serialise. {@code NativeReflectionTest} checks it is exactly the classes Jackson reaches from those types.
 */
@RegisterForReflection(targets = {
        // the functions' events and results
        StageMessage.class, Stage.class, S3Notification.class, S3Notification.Record.class, S3Notification.S3.class,
        S3Notification.Bucket.class, S3Notification.S3Object.class, BatchTrigger.Result.class,
        BatchTrigger.Outcome.class, Sweeper.Sweep.class,
        // what the engine stores as JSON
        Problem.class, SearchConfig.class, Reduction.class, ChunkResult.Samples.class, ChunkResult.Scores.class,
        Sample.class, CompletionStatus.class, Usage.class, BatchLine.class, FieldError.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
