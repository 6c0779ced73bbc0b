package dev.ponder.functions.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.engine.batch.BatchConfig;
import dev.ponder.engine.batch.TriggerConfig;
import dev.ponder.engine.bill.StoreMetering;
import dev.ponder.engine.bucket.Bucket;
import dev.ponder.engine.cloud.CloudClients;
import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.engine.queue.SqsStageQueues;
import dev.ponder.engine.request.BatchFileParser;
import dev.ponder.engine.stage.BatchTrigger;
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
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The engine, wired once per Lambda instance (and reused by every invocation it serves) from {@link PipelineConfig}:
 * AWS clients (see {@link CloudClients}), the frontier store, the stage queues (looked up by name) and the stage
 * services; the model clients come from {@link ConfiguredModels}, built per profile on first use, so sweep and
 * deadletter never make one. The engine's classes are final and need no lazy proxy, hence {@code @Singleton}; the
 * AWS clients are interfaces and {@code @ApplicationScoped}.
 */
@ApplicationScoped
public class EngineProducers {

    /** DynamoDB, metered for the searches' bills. */
    @Produces
    @ApplicationScoped
    DynamoDbClient dynamo(PipelineConfig config) {
        return CloudClients.dynamo(config, new StoreMetering());
    }

    void closeDynamo(@Disposes DynamoDbClient dynamo) {
        dynamo.close();
    }

    @Produces
    @ApplicationScoped
    SqsClient sqs(PipelineConfig config) {
        return CloudClients.sqs(config);
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

    /** S3, for the batch bucket: a client proxy, built on first use, so only trigger and batch ever make one. */
    @Produces
    @ApplicationScoped
    S3Client s3(PipelineConfig config) {
        return CloudClients.s3(config);
    }

    void closeS3(@Disposes S3Client s3) {
        s3.close();
    }

    @Produces
    @Singleton
    Pipeline pipeline(FrontierStore store, SqsStageQueues queues, Models models, PipelineConfig config, S3Client s3) {
        return new Pipeline(store, queues, models, AnswerEquivalence.math(), CloudClients.options(config),
                Clock.systemUTC(), Checkpoints.NONE).useBucket(new Bucket(s3));
    }

    /** The bucket trigger: checks a batch file's lines as the API checks a request ({@code ponder.api.*}). */
    @Produces
    @Singleton
    BatchTrigger trigger(Pipeline pipeline, S3Client s3, TriggerConfig trigger, BatchConfig batches,
                         RequestConfig requests, ModelsConfig models, ObjectMapper json) {
        return new BatchTrigger(pipeline, new Bucket(s3), BatchTrigger.Settings.of(trigger, batches),
                BatchFileParser.of(requests, models.models().keySet(), batches), json);
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
}
