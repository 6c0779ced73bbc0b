package dev.ponder.engine.cloud;

import dev.ponder.engine.stage.Pipeline;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients and pipeline options of a cloud deployable, from {@link CloudPipelineConfig}: one place for the
 * functions and the API. Clients use the url-connection HTTP client: the lightest the SDK has, the fastest to start
 * on Lambda, and the only one in this build (the engine excludes the Apache and Netty clients).
 */
public final class CloudClients {

    private CloudClients() {
    }

    /** DynamoDB, with {@code interceptors} (say, the store metering) registered. */
    public static DynamoDbClient dynamo(CloudPipelineConfig config, ExecutionInterceptor... interceptors) {
        return aws(DynamoDbClient.builder(), config, config.dynamodbEndpoint())
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : interceptors) {
                        c.addExecutionInterceptor(i);
                    }
                })
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static SqsClient sqs(CloudPipelineConfig config) {
        return aws(SqsClient.builder(), config, config.sqsEndpoint())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /**
     * S3, for the batch bucket. With an endpoint override (s3proxy) path-style addressing, since loopback has no
     * bucket subdomains, and checksums only where S3 requires them (s3proxy does not know the SDK's newer trailers).
     */
    public static S3Client s3(CloudPipelineConfig config) {
        S3ClientBuilder builder = aws(S3Client.builder(), config, config.s3Endpoint());
        if (config.s3Endpoint().isPresent()) {
            builder.forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Secrets Manager, for the model endpoints' API keys. */
    public static SecretsManagerClient secretsManager(CloudPipelineConfig config) {
        return aws(SecretsManagerClient.builder(), config, config.secretsmanagerEndpoint())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** The pipeline's options from the same keys. */
    public static Pipeline.Options options(CloudPipelineConfig config) {
        return new Pipeline.Options(config.sampleChunk(), config.scoreChunk(), config.lease(), config.deadline(),
                config.idle(), config.maxRedrives());
    }

    /**
     * Region and credentials: with an endpoint override (DynamoDB Local, ElasticMQ, s3proxy) the configured region (else
     * {@code us-east-1}, where ElasticMQ's ARNs say its queues are) and static local credentials; without one the
     * SDK's default chains, which read Lambda's {@code AWS_REGION} and role credentials from the environment.
     */
    private static <B extends AwsClientBuilder<B, ?>> B aws(B builder, CloudPipelineConfig config,
                                                            Optional<URI> endpoint) {
        config.region().map(Region::of).ifPresent(builder::region);
        endpoint.ifPresent(uri -> {
            builder.endpointOverride(uri);
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    config.localAccessKeyId(), config.localSecretAccessKey())));
            if (config.region().isEmpty()) {
                builder.region(Region.US_EAST_1);
            }
        });
        return builder;
    }
}
