package dev.ponder.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.cli.models.ModelChoice;
import dev.ponder.cli.pipeline.EmbeddedPipeline;
import dev.ponder.cli.pipeline.PipelineConfig;
import dev.ponder.cli.pipeline.ProfileModels;
import dev.ponder.engine.batch.BatchConfig;
import dev.ponder.engine.batch.TriggerConfig;
import dev.ponder.engine.bill.PriceTable;
import dev.ponder.engine.bill.PricesConfig;
import dev.ponder.engine.bucket.Bucket;
import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.engine.request.BatchFileParser;
import dev.ponder.engine.stage.BatchTrigger;
import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.service.ApiEngine;
import dev.ponder.http.service.EngineHolder;
import dev.ponder.local.AwsClients;
import dev.ponder.local.LocalBucket;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What {@code ponder serve} runs behind the HTTP server: the embedded pipeline with its workers (as {@code batch}
 * runs it) and the simulator for profiles without a URL, handed to the REST resources; and the batch bucket
 * (s3proxy, its objects files under {@code <store>/bucket}) with a watcher that starts a batch for each JSONL put
 * under its input prefix, as the cloud's trigger function does. Until {@link #start} the API answers 503; after
 * {@link #close} too.
 */
@ApplicationScoped
public class ApiServer implements AutoCloseable {

    /** How often the watcher lists the input prefix: a dropped file starts its batch within about this. */
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);
    /** How long an object must stay unchanged before it is read: a copy under way is not read half-written. */
    private static final Duration WATCH_SETTLE = Duration.ofSeconds(1);

    private final EngineHolder holder;
    private final PipelineConfig pipelineConfig;
    private final ModelsConfig modelsConfig;
    private final ApiConfig apiConfig;
    private final PricesConfig prices;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final TriggerConfig triggerConfig;
    private final BatchConfig batchConfig;
    private ModelChoice models;
    private EmbeddedPipeline pipeline;
    private LocalBucket bucket;
    private S3Client s3;
    private BucketWatcher watcher;

    @Inject
    public ApiServer(EngineHolder holder, PipelineConfig pipelineConfig, ModelsConfig modelsConfig,
                     ApiConfig apiConfig, PricesConfig prices, ObjectMapper json, MeterRegistry meters,
                     TriggerConfig triggerConfig, BatchConfig batchConfig) {
        this.holder = holder;
        this.pipelineConfig = pipelineConfig;
        this.modelsConfig = modelsConfig;
        this.apiConfig = apiConfig;
        this.prices = prices;
        this.json = json;
        this.meters = meters;
        this.triggerConfig = triggerConfig;
        this.batchConfig = batchConfig;
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
        startBucket(settings);
        holder.serve(new ApiEngine(pipeline.searches(), pipeline.batches(), pipeline.store(), PriceTable.of(prices),
                pipelineConfig.sampleChunk(), pipelineConfig.scoreChunk()));
        return pipeline;
    }

    /**
     * The batch bucket: {@code <store>/bucket/<bucket>}, its input and output prefixes made as folders so a user sees
     * where to drop files (objects in memory without a store folder), and its watcher.
     */
    private void startBucket(EmbeddedPipeline.Settings settings) {
        Path root = settings.storePath() == null ? null : settings.storePath().resolve("bucket");
        bucket = LocalBucket.start(root, triggerConfig.bucket());
        if (bucket.folder() != null) {
            try {
                Files.createDirectories(bucket.folder().resolve(triggerConfig.inputPrefix()));
                Files.createDirectories(bucket.folder().resolve(triggerConfig.outputPrefix()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the batch bucket's folders in " + bucket.folder(), e);
            }
        }
        s3 = AwsClients.s3(bucket.endpoint());
        Bucket objects = new Bucket(s3);
        pipeline.pipeline().useBucket(objects);
        BatchTrigger trigger = new BatchTrigger(pipeline.pipeline(), objects, BatchTrigger.Settings.of(triggerConfig,
                batchConfig), BatchFileParser.of(apiConfig, modelsConfig.models().keySet(), batchConfig), json);
        watcher = new BucketWatcher(objects, triggerConfig.bucket(), triggerConfig.inputPrefix(), trigger,
                WATCH_SETTLE, Clock.systemUTC()).start(WATCH_EVERY);
    }

    /** The running batch bucket: its S3 endpoint and, with a store folder, its folder. */
    public synchronized LocalBucket bucket() {
        return bucket;
    }

    @Override
    public synchronized void close() {
        holder.stop();
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
        if (bucket != null) {
            bucket.close();
            bucket = null;
        }
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
