package dev.ponder.cli.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.engine.bill.StoreMetering;
import dev.ponder.engine.queue.LocalPoller;
import dev.ponder.engine.queue.SqsStageQueues;
import dev.ponder.engine.stage.Batches;
import dev.ponder.engine.stage.Checkpoints;
import dev.ponder.engine.stage.DeadLetters;
import dev.ponder.engine.stage.Models;
import dev.ponder.engine.stage.Pipeline;
import dev.ponder.engine.stage.Searches;
import dev.ponder.engine.stage.Sweeper;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchTable;
import dev.ponder.local.AwsClients;
import dev.ponder.local.EmbeddedStack;
import dev.ponder.local.Endpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The serverless pipeline in this JVM (DESIGN.md §5): DynamoDB Local and ElasticMQ (joined, when another command
 * already runs them on the same store folder; else started), the table and the stage queues, the four stage
 * services, and — for commands that run searches — a local poller delivering messages to them the way Lambda's SQS
 * event source would, the dead-letter consumer, and the sweeper. The same engine code runs in the cloud; only this
 * wiring is local.
 */
public final class EmbeddedPipeline implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPipeline.class);

    static {
        // ElasticMQ's HTTP server (pekko-http) stops gracefully: it waits for connections it deems busy, which now
        // and then is one that is not, until the connection's idle timeout, a minute by default (2 or 3 stops in
        // 20 on a loaded machine hung for the minute; with 3 s, none in 60, one took 3 s). Long polls wait 1 s.
        if (System.getProperty("pekko.http.server.idle-timeout") == null) {
            System.setProperty("pekko.http.server.idle-timeout", "3s");
        }
        // DynamoDB Local logs through the Log4j API, whose implementation is left out (it clashes with the Quarkus
        // BOM): without a provider it complains on every start. Its simple logger prints errors only, to stderr.
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory",
                    "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    /** The embedded services' dummy access key, as {@link AwsClients} uses: letters and digits only. */
    private static final String LOCAL_KEY = "ponderlocal";
    /** Connecting on loopback: far above what it takes. */
    private static final Duration SQS_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Reading a reply: above the poller's one-second long poll. */
    private static final Duration SQS_READ_TIMEOUT = Duration.ofSeconds(30);

    /** After a lease's end, how much longer a start-up redrive waits (claims made just before the last update). */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(2);

    /** Messages handled at once per stage, at most (the poller's own bound). */
    public static final int MAX_CONCURRENCY = 1024;

    /**
     * How to open the pipeline.
     *
     * @param storePath   the store folder, or {@code null} for a throwaway store in memory
     * @param concurrency messages handled at once per stage
     * @param work        whether this command runs the stage services (false: it only reads and writes the store)
     */
    public record Settings(Path storePath, int concurrency, boolean work) {
    }

    private final Settings settings;
    private final PipelineConfig config;
    private EmbeddedStack stack;
    private DynamoDbClient dynamo;
    private SdkHttpClient sqsHttp;
    private SqsClient sqs;
    private FrontierStore store;
    private Pipeline pipeline;
    private Searches searches;
    private LocalPoller poller;
    private ScheduledExecutorService sweeps;
    private int unfinishedAtStart;

    private EmbeddedPipeline(Settings settings, PipelineConfig config) {
        this.settings = settings;
        this.config = config;
    }

    /** Joins or starts the stack, creates what is missing, and starts the workers if {@code settings.work()}. */
    public static EmbeddedPipeline open(Settings settings, PipelineConfig config, ObjectMapper json, Models models) {
        EmbeddedPipeline p = new EmbeddedPipeline(settings, config);
        try {
            p.start(json, models);
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private void start(ObjectMapper json, Models models) {
        if (config.lease().compareTo(config.visibility()) >= 0) {
            throw new IllegalArgumentException("ponder.pipeline.lease must be shorter than ponder.pipeline.visibility "
                    + "(got lease=" + config.lease().toSeconds() + "s, visibility=" + config.visibility().toSeconds()
                    + "s): a failed delivery comes back after the visibility timeout and must find the lease ended");
        }
        long t0 = System.nanoTime();
        Endpoints endpoints = endpoints();
        dynamo = AwsClients.dynamo(endpoints.dynamo(), new StoreMetering());
        sqsHttp = UrlConnectionHttpClient.create(EmbeddedPipeline::closingConnection);
        sqs = SqsClient.builder().endpointOverride(endpoints.sqs()).region(AwsClients.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_KEY, LOCAL_KEY)))
                .httpClient(sqsHttp)
                // A call ElasticMQ never answers (seen on a loaded machine) is abandoned and retried, not waited
                // for forever: receives wait one second, so ten is far past any honest answer.
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofSeconds(10))).build();
        SearchTable.createIfAbsent(dynamo, config.table());
        store = new FrontierStore(dynamo, config.table(), json, config.retention().toSeconds());
        SqsStageQueues queues = SqsStageQueues.create(sqs, json, config.queuePrefix(), config.visibility(),
                config.maxReceives());
        pipeline = new Pipeline(store, queues, models, AnswerEquivalence.math(), options(), Clock.systemUTC(),
                Checkpoints.NONE);
        searches = new Searches(pipeline, json);
        if (settings.work()) {
            DeadLetters dead = new DeadLetters(pipeline, json);
            poller = new LocalPoller(sqs, queues, json, pipeline::handle, dead::handle,
                    LocalPoller.Options.defaults().withConcurrency(settings.concurrency())).start();
            Sweeper sweeper = new Sweeper(pipeline);
            sweeps = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ponder-sweeper");
                t.setDaemon(true);
                return t;
            });
            if (stack != null) {
                // The queues started empty with this stack: whatever was unfinished in the store lost its messages.
                resumeUnfinished(sweeper);
            }
            long every = config.sweepInterval().toMillis();
            sweeps.scheduleWithFixedDelay(() -> sweep(sweeper), every, every, TimeUnit.MILLISECONDS);
        }
        LOG.infof("event=pipeline_ready store=%s stack=%s table=%s queues=%s workers=%s concurrency=%d "
                        + "unfinished=%d ms=%d", storeDescription(), stack == null ? "joined" : "started", config.table(),
                config.queuePrefix(), settings.work(), settings.concurrency(), unfinishedAtStart,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** The endpoints of the stack that owns the store folder, started here unless another command runs it. */
    private Endpoints endpoints() {
        if (settings.storePath() == null) {
            stack = quietly(EmbeddedStack.Options.inMemory());
            return stack.endpoints();
        }
        Optional<Endpoints> running = EmbeddedStack.running(settings.storePath());
        if (running.isPresent()) {
            return running.get();
        }
        try {
            stack = quietly(EmbeddedStack.Options.persistent(settings.storePath()));
            return stack.endpoints();
        } catch (IllegalStateException raced) {
            // Another command started a stack on this folder between our look and our start: join it.
            return EmbeddedStack.running(settings.storePath()).orElseThrow(() -> raced);
        }
    }

    /**
     * Starts the stack with standard output muted: DynamoDB Local prints its configuration there, and standard
     * output is for results (rows, tables, {@code --json}). The stack's own log line says where it listens.
     */
    private static EmbeddedStack quietly(EmbeddedStack.Options options) {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return EmbeddedStack.start(options);
        } finally {
            System.setOut(stdout);
        }
    }

    /**
     * A connection to ElasticMQ that is closed after its call: no idle connection is left for ElasticMQ's graceful
     * shutdown to wait for, and none that its 3 s idle timeout could close under a client about to reuse it (the
     * JDK would send the POST again). DynamoDB keeps keep-alive.
     */
    private static HttpURLConnection closingConnection(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout((int) SQS_CONNECT_TIMEOUT.toMillis());
            c.setReadTimeout((int) SQS_READ_TIMEOUT.toMillis());
            c.setRequestProperty("Connection", "close");
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a connection to " + uri, e);
        }
    }

    private Pipeline.Options options() {
        return new Pipeline.Options(config.sampleChunk(), config.scoreChunk(), config.lease(), config.deadline(),
                config.idle(), config.maxRedrives());
    }

    /**
     * Re-drives the searches a previous command left unfinished (it was killed, or its machine stopped). Not at
     * once if that command may have died only moments ago: a chunk it was working on stays leased for up to
     * {@code lease}, and the engine turns away (and acknowledges) a message that finds its chunk leased, so a
     * redrive sent too early would leave those searches waiting for the sweeper's idle limit. The last update of
     * any unfinished search tells when that command was last alive.
     */
    private void resumeUnfinished(Sweeper sweeper) {
        List<SearchItem> unfinished = store.active();
        unfinishedAtStart = unfinished.size();
        if (unfinished.isEmpty()) {
            return;
        }
        long lastAlive = unfinished.stream().mapToLong(SearchItem::updatedMs).max().orElse(0);
        long leaseEnd = config.lease().plus(LEASE_MARGIN).toMillis();
        long delay = Math.max(0, Math.min(leaseEnd, lastAlive + leaseEnd - System.currentTimeMillis()));
        LOG.infof("event=resume unfinished=%d last_update_ms_ago=%d redrive_in_ms=%d", unfinished.size(),
                System.currentTimeMillis() - lastAlive, delay);
        sweeps.schedule(() -> {
            try {
                LOG.infof("event=resumed redriven=%d", sweeper.redriveAll());
            } catch (RuntimeException e) {
                LOG.warnf("event=resume_failed error=%s: the sweeper re-drives them once idle", e.toString());
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void sweep(Sweeper sweeper) {
        try {
            Sweeper.Sweep s = sweeper.sweep();
            if (s.failed() + s.redriven() + s.batches() > 0) {
                LOG.infof("event=sweep failed=%d redriven=%d batches=%d", s.failed(), s.redriven(), s.batches());
            }
        } catch (RuntimeException e) {
            // A sweep that fails (the store is closing, say) is retried at the next interval.
            LOG.warnf("event=sweep_failed error=%s", e.toString());
        }
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public Searches searches() {
        return searches;
    }

    public FrontierStore store() {
        return store;
    }

    /** The store's batches: create, read, cancel, results. */
    public Batches batches() {
        return new Batches(pipeline);
    }

    /** Unfinished searches found at start-up and re-driven, when this command started the stack on a kept store. */
    public int unfinishedAtStart() {
        return unfinishedAtStart;
    }

    /** Whether this command joined a stack another command runs. */
    public boolean joined() {
        return stack == null;
    }

    /** The store folder, or {@code memory}. */
    public String storeDescription() {
        return settings.storePath() == null ? "memory" : settings.storePath().toString();
    }

    /** The settings a results manifest records. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", storeDescription());
        m.put("stack", joined() ? "joined" : "started");
        m.put("table", config.table());
        m.put("queue_prefix", config.queuePrefix());
        m.put("sample_chunk", config.sampleChunk());
        m.put("score_chunk", config.scoreChunk());
        m.put("concurrency", settings.concurrency());
        m.put("max_in_flight", config.maxInFlight());
        m.put("visibility_s", config.visibility().toSeconds());
        m.put("max_receives", config.maxReceives());
        m.put("lease_s", config.lease().toSeconds());
        m.put("deadline_s", config.deadline().toSeconds());
        m.put("idle_s", config.idle().toSeconds());
        m.put("max_redrives", config.maxRedrives());
        m.put("sweep_interval_s", config.sweepInterval().toSeconds());
        m.put("unfinished_at_start", unfinishedAtStart);
        return m;
    }

    /**
     * Stops the sweeper and the poller (finishing messages in hand), then the clients and the stack if it is ours.
     * ElasticMQ's shutdown (pekko-http's graceful termination) could wait a minute; the idle timeout set above
     * bounds it to seconds. The stack is never waited for longer than {@link #STACK_STOP_LIMIT}: a command that is done must not hang
     * on its way out (the lock file goes first, and the process exit ends the rest).
     */
    @Override
    public void close() {
        if (sweeps != null) {
            sweeps.shutdownNow();
        }
        if (poller != null) {
            poller.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (sqsHttp != null) {
            sqsHttp.close();
        }
        if (stack != null) {
            stopStack();
        }
    }

    /** The longest wait for the stack to stop before the command goes on without it. */
    private static final Duration STACK_STOP_LIMIT = Duration.ofSeconds(10);

    private void stopStack() {
        Thread stopper = new Thread(stack::close, "ponder-stack-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(STACK_STOP_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.warnf("event=stack_stop_slow store=%s waited_ms=%d: leaving it to the process exit",
                    storeDescription(), STACK_STOP_LIMIT.toMillis());
        }
    }
}
