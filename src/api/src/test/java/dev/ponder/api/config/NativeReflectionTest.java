package dev.ponder.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.json.JsonTypes;
import dev.ponder.http.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Type;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API's native image registers for reflection exactly the classes Jackson reflects on in it: every view of
 * {@code dev.ponder.http.view} (what the resources return or stream), problem details, and what the engine keeps as
 * JSON. Request bodies are read as JSON trees and checked field by field, so no request class is bound by Jackson. The
 * native build itself runs in CI only (no GraalVM here); this is the part of it a JVM can check.
 */
class NativeReflectionTest {

    private static final List<Type> ROOTS = Stream.of(JsonTypes.classesIn("dev.ponder.http.view"),
            List.<Type>of(Problem.class), JsonTypes.ENGINE).flatMap(List::stream).toList();

    @Test
    void registersEveryClassJacksonReflectsOnAndNothingElse() {
        RegisterForReflection registration = NativeReflection.class.getAnnotation(RegisterForReflection.class);

        assertThat(registration.targets())
                .containsExactlyInAnyOrderElementsOf(JsonTypes.reachable(new ObjectMapper(), ROOTS));
    }
}
