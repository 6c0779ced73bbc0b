package dev.ponder.api.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.engine.bill.PriceTable;
import dev.ponder.engine.bill.PricesConfig;
import dev.ponder.engine.bill.StoreMetering;
import dev.ponder.engine.cloud.CloudClients;
import dev.ponder.engine.queue.SqsStageQueues;
import dev.ponder.engine.stage.Batches;
import dev.ponder.engine.stage.Checkpoints;
import dev.ponder.engine.stage.Models;
import dev.ponder.engine.stage.Pipeline;
import dev.ponder.engine.stage.Searches;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.http.service.ApiEngine;
import dev.ponder.http.service.EngineHolder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The engine behind the API, wired once per Lambda instance at start (the init phase, before the first request)
 * from {@link PipelineConfig}: the AWS clients, the store, the stage queues (looked up by name: Terraform creates
 * them), the searches and accounts over them, and the price table. The API only submits and reads: the stage
 * functions do the work.
 */
@ApplicationScoped
public class EngineProducers {

    /** DynamoDB, metered, so the store units a request uses are billed to its search. */
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

    @Produces
    @Singleton
    ApiEngine engine(DynamoDbClient dynamo, SqsClient sqs, PipelineConfig config, PricesConfig prices,
                     ObjectMapper json) {
        FrontierStore store = new FrontierStore(dynamo, config.table(), json, config.retention().toSeconds());
        Pipeline pipeline = new Pipeline(store, SqsStageQueues.lookup(sqs, json, config.queuePrefix()), Models.none("the API"),
                AnswerEquivalence.math(), CloudClients.options(config), Clock.systemUTC(), Checkpoints.NONE);
        return new ApiEngine(new Searches(pipeline, json), new Batches(pipeline), store, PriceTable.of(prices),
                config.sampleChunk(), config.scoreChunk());
    }

    /** Opens the engine during the Lambda's init phase, so the first request does not pay for it. */
    void serve(@Observes StartupEvent start, EngineHolder holder, ApiEngine engine) {
        holder.serve(engine);
    }
}
