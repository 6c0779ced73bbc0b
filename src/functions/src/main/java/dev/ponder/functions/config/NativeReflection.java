package dev.ponder.functions.config;

import dev.ponder.core.driver.ChunkResult;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.stage.BatchTrigger;
import dev.ponder.engine.stage.Sweeper;
import dev.ponder.functions.event.S3Notification;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Jackson reads and writes by reflection in a native image: the functions' input and output, and what the
 * engine stores as JSON (problems, configurations, chunk results), with the types they hold.
 */
@RegisterForReflection(registerFullHierarchy = true, targets = {StageMessage.class, Stage.class, Sweeper.Sweep.class,
        S3Notification.class, BatchTrigger.Result.class, BatchLine.class,
        Problem.class, SearchConfig.class, ChunkResult.Samples.class, ChunkResult.Scores.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
