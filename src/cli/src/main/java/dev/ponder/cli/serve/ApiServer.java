package dev.ponder.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.cli.models.ModelChoice;
import dev.ponder.cli.pipeline.EmbeddedPipeline;
import dev.ponder.cli.pipeline.PipelineConfig;
import dev.ponder.cli.pipeline.ProfileModels;
import dev.ponder.engine.bill.PriceTable;
import dev.ponder.engine.bill.PricesConfig;
import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.service.ApiEngine;
import dev.ponder.http.service.EngineHolder;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What {@code ponder serve} runs behind the HTTP server: the embedded pipeline with its workers (as {@code batch}
 * runs it) and the simulator for profiles without a URL, handed to the REST resources. Until {@link #start} the API
 * answers 503; after {@link #close} too.
 */
@ApplicationScoped
public class ApiServer implements AutoCloseable {

    private final EngineHolder holder;
    private final PipelineConfig pipelineConfig;
    private final ModelsConfig modelsConfig;
    private final ApiConfig apiConfig;
    private final PricesConfig prices;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private ModelChoice models;
    private EmbeddedPipeline pipeline;

    @Inject
    public ApiServer(EngineHolder holder, PipelineConfig pipelineConfig, ModelsConfig modelsConfig,
                     ApiConfig apiConfig, PricesConfig prices, ObjectMapper json, MeterRegistry meters) {
        this.holder = holder;
        this.pipelineConfig = pipelineConfig;
        this.modelsConfig = modelsConfig;
        this.apiConfig = apiConfig;
        this.prices = prices;
        this.json = json;
        this.meters = meters;
    }

    /** Opens (or joins) the stack on {@code settings}' store, starts the workers, and serves the API from them. */
    public synchronized EmbeddedPipeline start(EmbeddedPipeline.Settings settings) {
        if (pipeline != null) {
            throw new IllegalStateException("the API server is already running on " + pipeline.storeDescription());
        }
        models = new ModelChoice(modelsConfig, meters);
        try {
            pipeline = EmbeddedPipeline.open(settings, pipelineConfig, json, new ProfileModels(models,
                    models.named(apiConfig.defaultPolicy()), models.named(apiConfig.defaultPrm())));
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
        holder.serve(new ApiEngine(pipeline.searches(), pipeline.batches(), pipeline.store(), PriceTable.of(prices),
                pipelineConfig.sampleChunk(), pipelineConfig.scoreChunk()));
        return pipeline;
    }

    @Override
    public synchronized void close() {
        holder.stop();
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
        if (models != null) {
            models.close();
            models = null;
        }
    }
}
