package dev.ponder.functions.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.json.JsonTypes;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.stage.BatchTrigger;
import dev.ponder.engine.stage.Sweeper;
import dev.ponder.functions.event.S3Notification;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Type;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The functions' native image registers for reflection exactly the classes Jackson reflects on in them: what the
 * functions read and return, and what the engine keeps as JSON. The native build itself runs in CI only (no GraalVM
 * here); this is the part of it a JVM can check.
 */
class NativeReflectionTest {

    /** The functions' events and results, then what the engine hands to Jackson. */
    private static final List<Type> ROOTS = Stream.concat(
            Stream.of(StageMessage.class, S3Notification.class, BatchTrigger.Result.class, Sweeper.Sweep.class),
            JsonTypes.ENGINE.stream()).toList();

    @Test
    void registersEveryClassJacksonReflectsOnAndNothingElse() {
        RegisterForReflection registration = NativeReflection.class.getAnnotation(RegisterForReflection.class);

        assertThat(registration.targets())
                .containsExactlyInAnyOrderElementsOf(JsonTypes.reachable(new ObjectMapper(), ROOTS));
    }
}
