package dev.ponder.functions.config;

import dev.ponder.engine.cloud.CloudPipelineConfig;
import io.smallrye.config.ConfigMapping;

/**
 * Where the functions find the pipeline's store and queues, and the pipeline's numbers: {@code ponder.pipeline.*}
 * ({@code PONDER_PIPELINE_*} on each Lambda), the keys every cloud deployable reads (see
 * {@link CloudPipelineConfig}).
 */
@ConfigMapping(prefix = "ponder.pipeline")
public interface PipelineConfig extends CloudPipelineConfig {
}
