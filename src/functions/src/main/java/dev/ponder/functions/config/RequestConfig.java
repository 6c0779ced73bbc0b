package dev.ponder.functions.config;

import dev.ponder.engine.request.RequestLimitsConfig;
import io.smallrye.config.ConfigMapping;

/**
 * The bounds a batch file's lines are checked against, {@code ponder.api.*} ({@code PONDER_API_*}): the API's own
 * keys, so a line the bucket takes is one the API would take.
 */
@ConfigMapping(prefix = "ponder.api")
public interface RequestConfig extends RequestLimitsConfig {
}
