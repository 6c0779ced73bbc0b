package dev.ponder.functions.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.engine.bill.StoreMetering;
import dev.ponder.engine.queue.SqsStageQueues;
import dev.ponder.engine.stage.Checkpoints;
import dev.ponder.engine.stage.DeadLetters;
import dev.ponder.engine.stage.Models;
import dev.ponder.engine.stage.Pipeline;
import dev.ponder.engine.stage.Searches;
import dev.ponder.engine.stage.Sweeper;
import dev.ponder.engine.store.FrontierStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The engine, wired once per Lambda instance (and reused by every invocation it serves) from {@link PipelineConfig}:
 * AWS clients, the frontier store, the stage queues (looked up by name) and the stage services; the model clients
 * come from {@link ConfiguredModels}, built per profile on first use, so sweep and deadletter never make one. The
 * engine's classes are final and need no lazy proxy, hence {@code @Singleton}; the AWS clients are interfaces and
 * {@code @ApplicationScoped}.
 */
@ApplicationScoped
public class EngineProducers {

    /**
     * DynamoDB over the url-connection HTTP client: the lightest the SDK has, the fastest to start on Lambda, and
     * the only one in this build (the engine excludes the Apache and Netty clients). Its calls are metered for the
     * searches' bills.
     */
    @Produces
    @ApplicationScoped
    DynamoDbClient dynamo(PipelineConfig config) {
        return aws(DynamoDbClient.builder(), config, config.dynamodbEndpoint())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new StoreMetering()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    void closeDynamo(@Disposes DynamoDbClient dynamo) {
        dynamo.close();
    }

    /** SQS, likewise. */
    @Produces
    @ApplicationScoped
    SqsClient sqs(PipelineConfig config) {
        return aws(SqsClient.builder(), config, config.sqsEndpoint())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    void closeSqs(@Disposes SqsClient sqs) {
        sqs.close();
    }

    /**
     * The model clients' metrics. Nothing exports them from a Lambda yet (quarkus-micrometer would bring an HTTP
     * server into a function); the clients need a registry all the same.
     */
    @Produces
    @Singleton
    MeterRegistry meters() {
        return new SimpleMeterRegistry();
    }

    @Produces
    @Singleton
    FrontierStore store(DynamoDbClient dynamo, PipelineConfig config, ObjectMapper json) {
        return new FrontierStore(dynamo, config.table(), json, config.retention().toSeconds());
    }

    /** The queues Terraform created (in tests, the test resource): looked up by name, never created here. */
    @Produces
    @Singleton
    SqsStageQueues queues(SqsClient sqs, PipelineConfig config, ObjectMapper json) {
        return SqsStageQueues.lookup(sqs, json, config.queuePrefix());
    }

    @Produces
    @Singleton
    Pipeline pipeline(FrontierStore store, SqsStageQueues queues, Models models, PipelineConfig config) {
        Pipeline.Options options = new Pipeline.Options(config.sampleChunk(), config.scoreChunk(), config.lease(),
                config.deadline(), config.idle(), config.maxRedrives());
        return new Pipeline(store, queues, models, AnswerEquivalence.math(), options, Clock.systemUTC(),
                Checkpoints.NONE);
    }

    @Produces
    @Singleton
    Searches searches(Pipeline pipeline, ObjectMapper json) {
        return new Searches(pipeline, json);
    }

    @Produces
    @Singleton
    Sweeper sweeper(Pipeline pipeline) {
        return new Sweeper(pipeline);
    }

    @Produces
    @Singleton
    DeadLetters deadLetters(Pipeline pipeline, ObjectMapper json) {
        return new DeadLetters(pipeline, json);
    }

    /**
     * Region and credentials: with an endpoint override (DynamoDB Local, ElasticMQ) the configured region (else
     * {@code us-east-1}, where ElasticMQ's ARNs say its queues are) and static local credentials; without one the
     * SDK's default chains, which read Lambda's {@code AWS_REGION} and role credentials from the environment.
     */
    private static <B extends AwsClientBuilder<B, ?>> B aws(B builder, PipelineConfig config, Optional<URI> endpoint) {
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
