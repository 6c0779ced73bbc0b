package dev.ponder.engine.cloud;

import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The keys of {@code ponder.pipeline.*} every cloud deployable reads (the functions, the API), or as environment
 * variables {@code PONDER_PIPELINE_*}. Deliberately not a {@code @ConfigMapping} itself: each app maps it with
 * {@code @ConfigMapping(prefix = "ponder.pipeline") interface PipelineConfig extends CloudPipelineConfig}, so an app
 * that indexes the engine (the CLI, whose embedded pipeline has its own keys and defaults) is not given a second
 * mapping of the prefix. In the cloud only the names are set (by Terraform) and the AWS SDK finds region and
 * credentials in the Lambda environment; the endpoint overrides point the clients at DynamoDB Local and ElasticMQ in
 * dev and tests.
 */
public interface CloudPipelineConfig {

    /** The DynamoDB table holding every search (DESIGN.md §4). Defaults to {@code ponder}. */
    @WithDefault("ponder")
    String table();

    /**
     * The stage queues' name prefix: {@code <prefix>-<stage>}, dead letters {@code <prefix>-<stage>-dlq}.
     * Defaults to {@code ponder}.
     */
    @WithDefault("ponder")
    String queuePrefix();

    /** The AWS region. Defaults to the SDK's own chain ({@code AWS_REGION}, which Lambda sets). */
    Optional<String> region();

    /** DynamoDB's endpoint, for DynamoDB Local. Defaults to AWS's endpoint for the region. */
    Optional<URI> dynamodbEndpoint();

    /** SQS's endpoint, for ElasticMQ. Defaults to AWS's endpoint for the region. */
    Optional<URI> sqsEndpoint();

    /**
     * The AWS Secrets Manager secret (name or ARN) holding the model endpoints' API keys: a JSON object whose
     * entries stand for environment variables, so a profile's {@code api-key-env} names one
     * ({@code {"PONDER_POLICY_API_KEY": "..."}}). Read once when the functions start; keys never sit in the Lambda's
     * environment. Defaults to none: keys come from the environment (or none are sent).
     */
    Optional<String> modelsSecret();

    /** Secrets Manager's endpoint, for a stand-in in tests. Defaults to AWS's endpoint for the region. */
    Optional<URI> secretsmanagerEndpoint();

    /** S3's endpoint (the batch bucket), for s3proxy. Defaults to AWS's endpoint for the region. */
    Optional<URI> s3Endpoint();

    /**
     * The access key sent to an overridden endpoint (local servers accept any; DynamoDB Local wants letters and
     * digits only). Without an override the SDK's credential chain is used. Defaults to {@code ponderlocal}.
     */
    @WithDefault("ponderlocal")
    String localAccessKeyId();

    /** The secret sent with {@link #localAccessKeyId()}. Defaults to {@code ponderlocal}. */
    @WithDefault("ponderlocal")
    String localSecretAccessKey();

    /** Prompts per policy call, fixed into each new search (a vLLM server batches 64 well). Defaults to 64. */
    @WithDefault("64")
    int sampleChunk();

    /** Candidates per PRM call, fixed into each new search. Defaults to 64. */
    @WithDefault("64")
    int scoreChunk();

    /**
     * How long a chunk's worker owns its model call before a redelivery may take it over: at least the longest model
     * call, at most the stage queue's visibility timeout. Defaults to 5 minutes.
     */
    @WithDefault("5m")
    Duration lease();

    /** How long a search may take before it fails, unless it asks for another limit. Defaults to 1 hour. */
    @WithDefault("1h")
    Duration deadline();

    /** How long a search may go without progress before the sweeper re-drives it. Defaults to 15 minutes. */
    @WithDefault("15m")
    Duration idle();

    /** Redrives of an idle search before the sweeper fails it. Defaults to 3. */
    @WithDefault("3")
    int maxRedrives();

    /** How long a search's items stay in the table after its deadline (the TTL attribute). Defaults to 30 days. */
    @WithDefault("30d")
    Duration retention();
}
