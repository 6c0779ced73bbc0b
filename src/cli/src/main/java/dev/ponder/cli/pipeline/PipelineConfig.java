package dev.ponder.cli.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The embedded pipeline, {@code ponder.pipeline.*}: where its state lives, how work is chunked and delivered, and
 * when lost work is re-driven or given up. Beside {@code ponder.models.*} (the engine's mapping on prefix
 * {@code ponder}): SmallRye Config checks unknown keys against every mapping, so the two prefixes coexist.
 */
@ConfigMapping(prefix = "ponder.pipeline")
public interface PipelineConfig {

    /** The DynamoDB table of searches. Defaults to {@code ponder}. */
    @WithDefault("ponder")
    String table();

    /** The stage queues are {@code <prefix>-orchestrate}, {@code -sample}, {@code -score}, {@code -select}, each
     * with a {@code -dlq}. Defaults to {@code ponder}. */
    @WithDefault("ponder")
    String queuePrefix();

    /** Prompts per policy call, fixed into each new search: as large as a vLLM server batches well. Defaults to 64. */
    @WithDefault("64")
    int sampleChunk();

    /** Candidates per PRM call, fixed into each new search. Defaults to 64. */
    @WithDefault("64")
    int scoreChunk();

    /**
     * How long a chunk worker owns its model call: a duplicate message that finds the lease taken is turned away
     * (and acknowledged). It must end before a failed delivery comes back, so it is shorter than
     * {@link #visibility()} by more than a handler takes to reach its claim; else the returning message is turned
     * away too and the search waits for the sweeper ({@link #idle()}). Defaults to 45 s.
     */
    @WithDefault("45s")
    Duration lease();

    /**
     * How long an SQS message stays hidden after a receive before it is delivered again: a failed delivery is
     * retried after this long. Longer than a stage's slowest model call with its retries (else a second delivery
     * calls the model again); raise it with {@link #lease()} for slow endpoints. Defaults to 60 s.
     */
    @WithDefault("60s")
    Duration visibility();

    /** Deliveries of a message before it goes to its dead-letter queue and fails its search. Defaults to 5. */
    @WithDefault("5")
    int maxReceives();

    /** How long a search may take from its submission before it fails. Defaults to 1 h. */
    @WithDefault("1h")
    Duration deadline();

    /**
     * How long a search may go without progress before the sweeper re-drives it. Shorter than the engine's cloud
     * default (15 min): here the sweeper runs every {@link #sweepInterval()} and a redrive is cheap and
     * idempotent. Defaults to 5 min.
     */
    @WithDefault("5m")
    Duration idle();

    /** Redrives of an idle search before it fails. Defaults to 3. */
    @WithDefault("3")
    int maxRedrives();

    /** How often the sweeper looks for searches past their deadline or idle. Defaults to 30 s. */
    @WithDefault("30s")
    Duration sweepInterval();

    /** How long a search's items are kept after its deadline; reads skip expired ones. Defaults to 30 days. */
    @WithDefault("30d")
    Duration retention();

    /** Messages handled at once per stage: the throttle in front of the model endpoints. Defaults to 8. */
    @WithDefault("8")
    int concurrency();

    /**
     * Searches of a batch under way at once; later ones are submitted as earlier ones end, so rows come out in
     * input order early and a search's deadline counts from when it can actually start. Defaults to 64.
     */
    @WithDefault("64")
    int maxInFlight();

    /** How often a waiting command reads the status of its searches. Defaults to 200 ms. */
    @WithDefault("200ms")
    Duration pollInterval();
}
