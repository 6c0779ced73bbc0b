package dev.ponder.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.engine.stage.Models;
import dev.ponder.functions.config.PipelineConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The functions' two configuration mappings side by side: {@code ponder.models} (the engine's, on prefix
 * {@code ponder}) and {@code ponder.pipeline}; an unknown key under either prefix would fail the start.
 */
@QuarkusTest
@TestProfile(Exports.Orchestrate.class)
@WithTestResource(PipelineStackResource.class)
class ConfigurationTest {

    @Inject
    PipelineConfig pipeline;

    @Inject
    ModelsConfig models;

    @Inject
    Models endpoints;

    Harness harness;

    @Test
    void readsThePipelineBesideTheModelProfiles() {
        assertThat(pipeline.table()).isEqualTo(harness.table);
        assertThat(pipeline.queuePrefix()).isEqualTo(harness.prefix);
        assertThat(pipeline.dynamodbEndpoint()).isPresent();
        assertThat(pipeline.sampleChunk()).isEqualTo(64);
        assertThat(pipeline.scoreChunk()).isEqualTo(64);
        assertThat(pipeline.lease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(pipeline.deadline()).isEqualTo(Duration.ofHours(1));
        assertThat(pipeline.idle()).isEqualTo(Duration.ofMinutes(15));
        assertThat(pipeline.maxRedrives()).isEqualTo(3);
        assertThat(pipeline.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(models.models().get("sim").url()).hasValue(harness.servers.sim.uri().toString());
        assertThat(models.models().get("sim-prm").prmFormat()).hasValue("ponder-json");
        assertThat(models.models()).containsKey("qwen2.5-math-prm-7b");
    }

    @Test
    void aProfileWithoutAUrlFailsNamingTheKey() {
        assertThat(models.models().get("math-shepherd").url()).as("PONDER_PRM_URL is not set here").isEmpty();

        assertThatThrownBy(() -> endpoints.prm("math-shepherd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model profile math-shepherd needs a url: set ponder.models.math-shepherd.url");
    }
}
