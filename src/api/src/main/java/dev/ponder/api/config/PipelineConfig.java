package dev.ponder.api.config;

import dev.ponder.engine.cloud.CloudPipelineConfig;
import io.smallrye.config.ConfigMapping;

/** The store and queues the API submits to: {@code ponder.pipeline.*}, the keys the functions read. */
@ConfigMapping(prefix = "ponder.pipeline")
public interface PipelineConfig extends CloudPipelineConfig {
}
