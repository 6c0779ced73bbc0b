package dev.ponder.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.driver.ChunkResult;
import dev.ponder.core.model.Sample;
import dev.ponder.core.model.Usage;
import dev.ponder.core.search.CompletionStatus;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.request.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What the engine's jar tells a native image (META-INF/native-image/dev.ponder/ponder-engine/native-image.properties),
 * and the walk over the engine's JSON types that the deployables check their reflection registrations against. No
 * native image is built here: these pin what can be checked on a JVM.
 */
class NativeImageMetadataTest {

    private static final String PROPERTIES = "META-INF/native-image/dev.ponder/ponder-engine/native-image.properties";

    @Test
    void everyClassInitialisedAtRunTimeExists() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(PROPERTIES)) {
            assertThat(in).as(PROPERTIES).isNotNull();
            properties.load(in);
        }
        List<String> classes = Arrays.stream(properties.getProperty("Args").split("\\s+"))
                .filter(a -> a.startsWith("--initialize-at-run-time="))
                .flatMap(a -> Arrays.stream(a.substring(a.indexOf('=') + 1).split(",")))
                .toList();

        // a renamed class (say, in a SmallRye upgrade) would silently stop being initialised at run time
        assertThat(classes).contains("dev.ponder.engine.client.Endpoint").allSatisfy(name ->
                assertThat(Class.forName(name, false, getClass().getClassLoader())).isNotNull());
    }

    @Test
    void theWalkFollowsRecordsGenericsSealedTypesAndEnums() {
        assertThat(JsonTypes.reachable(new ObjectMapper(), JsonTypes.ENGINE)).containsExactlyInAnyOrder(
                StageMessage.class, Stage.class, Problem.class, SearchConfig.class, Reduction.class,
                ChunkResult.Samples.class, ChunkResult.Scores.class, Sample.class, CompletionStatus.class, Usage.class,
                BatchLine.class, FieldError.class);
        assertThat(JsonTypes.reachable(new ObjectMapper(), List.of(ChunkResult.class)))
                .contains(ChunkResult.class, ChunkResult.Samples.class, ChunkResult.Scores.class, Sample.class);
    }

    @Test
    void refusesAnOpenAbstractType() {
        record Holder(Strategy strategy) {
        }

        assertThatThrownBy(() -> JsonTypes.reachable(new ObjectMapper(), List.of(Holder.class)))
                .hasMessageContaining(Strategy.class.getName());
    }
}
