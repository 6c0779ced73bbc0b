package dev.ponder.engine.batch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Batches, {@code ponder.batch.*}: the limits every front door (the API, the CLI, the bucket trigger) checks a batch
 * file against before anything starts, and the bounds of a batch's options.
 */
@ConfigMapping(prefix = "ponder.batch")
public interface BatchConfig {

    /** Most lines (problems) in one batch, blank lines not counted. Defaults to 10000. */
    @WithDefault("10000")
    int maxLines();

    /**
     * Longest line, in bytes of UTF-8: room for the longest problem allowed (16000 characters of up to 4 bytes) and
     * the other fields. Defaults to 131072 (128 KiB).
     */
    @WithDefault("131072")
    int maxLineBytes();

    /**
     * Largest batch file, in bytes: under the 6 MB a Lambda's synchronous request may carry, so the API takes the
     * same batches in the cloud as on a laptop. Defaults to 5242880 (5 MiB).
     */
    @WithDefault("5242880")
    int maxBytes();

    /** Longest {@code custom_id}, in characters (the Anthropic batch API's 64). Defaults to 64. */
    @WithDefault("64")
    int maxCustomIdChars();

    /** Most errors listed when lines are refused (all bad lines are counted). Defaults to 100. */
    @WithDefault("100")
    int maxErrors();

    /** A batch's searches under way at once when it asks for no number. Defaults to 8. */
    @WithDefault("8")
    int defaultMaxInFlight();

    /**
     * Most searches of one batch under way at once: one batch must not take every worker from other tenants.
     * Defaults to 256.
     */
    @WithDefault("256")
    int maxMaxInFlight();

    /** A batch's completion window when it asks for none (the OpenAI batch API's 24 h). Defaults to {@code 24h}. */
    @WithDefault("24h")
    Duration defaultWindow();

    /** Shortest completion window. Defaults to {@code 1h}. */
    @WithDefault("1h")
    Duration minWindow();

    /** Longest completion window: results are kept for the retention after it ends. Defaults to {@code 7d}. */
    @WithDefault("7d")
    Duration maxWindow();

    /**
     * The inbox folder: a batch may name a file in it ({@code input_file}) instead of carrying its lines. Defaults to
     * {@code ${user.home}/.ponder/inbox}.
     */
    @WithDefault("${user.home}/.ponder/inbox")
    Path inbox();
}
