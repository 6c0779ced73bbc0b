package dev.ponder.engine.stage;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.engine.bill.Meter;
import dev.ponder.engine.bucket.Bucket;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.queue.StageQueues;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The four stage services over one store, one set of queues and the model endpoints: what a Funqy function or the
 * local poller hands each message to. Every handler is idempotent — a message may arrive twice, late, or after its
 * search ended — and stateless: everything it knows comes from the message and the store.
 */
public final class Pipeline {

    /**
     * @param sampleChunk prompts per policy call, fixed into each new search
     * @param scoreChunk  candidates per PRM call, fixed into each new search
     * @param lease       how long a chunk worker owns its model call before a duplicate may take over: at most the
     *                    queue's visibility timeout (a redelivery must find it expired), and best about as long as
     *                    the longest model call
     * @param deadline    the default time a search may take before it fails
     * @param idle        how long a search may go without progress before the sweeper re-drives it
     * @param maxRedrives redrives before an idle search fails
     */
    public record Options(int sampleChunk, int scoreChunk, Duration lease, Duration deadline, Duration idle,
                          int maxRedrives) {
        public Options {
            if (sampleChunk < 1 || scoreChunk < 1 || maxRedrives < 0) {
                throw new IllegalArgumentException("chunk sizes must be at least 1 and maxRedrives not negative");
            }
        }

        /**
         * Chunks as large as a vLLM server batches well; a lease of two minutes, the model clients' default call
         * timeout (120 s) and so the least visibility timeout of the queues; an hour per search; re-drive after 15
         * idle minutes.
         */
        public static Options defaults() {
            return new Options(64, 64, Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofMinutes(15), 3);
        }

        public Options withChunks(int newSampleChunk, int newScoreChunk) {
            return new Options(newSampleChunk, newScoreChunk, lease, deadline, idle, maxRedrives);
        }

        public Options withLease(Duration newLease) {
            return new Options(sampleChunk, scoreChunk, newLease, deadline, idle, maxRedrives);
        }

        public Options withIdle(Duration newIdle) {
            return new Options(sampleChunk, scoreChunk, lease, deadline, newIdle, maxRedrives);
        }
    }

    final FrontierStore store;
    final StageQueues queues;
    final Models models;
    final AnswerEquivalence equivalence;
    final Options options;
    final Clock clock;
    final Checkpoints checkpoints;
    private final Orchestrator orchestrator;
    private final ChunkWorker chunkWorker;
    private final Selector selector;
    private final BatchDriver batchDriver;
    /** The batch bucket, where batches started from it write their results; absent where none is configured. */
    private volatile Bucket bucket;

    public Pipeline(FrontierStore store, StageQueues queues, Models models, AnswerEquivalence equivalence,
                    Options options, Clock clock, Checkpoints checkpoints) {
        this.store = store;
        this.queues = queues;
        this.models = models;
        this.equivalence = equivalence;
        this.options = options;
        this.clock = clock;
        this.checkpoints = checkpoints;
        this.orchestrator = new Orchestrator(this);
        this.chunkWorker = new ChunkWorker(this);
        this.selector = new Selector(this);
        this.batchDriver = new BatchDriver(this);
    }

    /**
     * Handles one message of any stage. A thrown exception means: not done, deliver it again. A delivery that did
     * the message's work bills what it used of the cloud (see {@link FrontierStore#bill}); one that found the work
     * done or the search moved on bills nothing, so the tenant pays for each unit of work once.
     */
    public void handle(StageMessage message) {
        try (Meter meter = Meter.open()) {
            SearchItem worked = switch (message.stage()) {
                case ORCHESTRATE -> orchestrator.handle(message);
                case SAMPLE, SCORE -> chunkWorker.handle(message);
                case SELECT -> selector.handle(message);
                case BATCH -> {
                    batchDriver.handle(message);
                    yield null; // a batch's own work is the platform's: its searches carry the bills
                }
            };
            if (worked != null) {
                store.bill(worked, message.round(), message.stage(), message.chunk(), meter.asInvocation(), now());
            }
        } catch (RuntimeException e) {
            store.recordError(message.search(), message.stage().key() + " round " + message.round() + ": "
                    + describe(e));
            throw e;
        }
    }

    public FrontierStore store() {
        return store;
    }

    /** Gives the pipeline the batch bucket: a batch started from an object writes its results there when it ends. */
    public Pipeline useBucket(Bucket batchBucket) {
        this.bucket = batchBucket;
        return this;
    }

    /** The batch bucket, or a clear error naming the batch that needs it where none was given. */
    Bucket bucket(String batchId) {
        Bucket b = bucket;
        if (b == null) {
            throw new IllegalStateException("batch " + batchId + " writes its results to the batch bucket, and this "
                    + "function has none: set ponder.trigger.bucket");
        }
        return b;
    }

    public StageQueues queues() {
        return queues;
    }

    public Options options() {
        return options;
    }

    public Clock clock() {
        return clock;
    }

    /** The strategy a search item names. */
    Strategy strategy(SearchItem search) {
        return Strategies.create(search.strategy(), equivalence);
    }

    long now() {
        return clock.millis();
    }

    /**
     * The search a message belongs to, with its round's counter and which of {@code sortKeys} exist, if the search
     * may still change: unknown or ended searches are dropped, and one past its deadline is failed here rather than
     * worked on.
     */
    Optional<FrontierStore.Look> live(StageMessage message, String... sortKeys) {
        FrontierStore.Look look = store.look(message.search(), message.round(), sortKeys);
        if (look.search().isEmpty()) {
            PipelineLog.drop(message, "its search is unknown");
            return Optional.empty();
        }
        SearchItem search = look.search().get();
        if (!search.active()) {
            PipelineLog.drop(message, "its search is " + search.status());
            return Optional.empty();
        }
        if (now() > search.deadlineMs()) {
            end(search.id(), SearchStatus.FAILED, deadlineReason(search));
            PipelineLog.drop(message, "its search passed its deadline");
            return Optional.empty();
        }
        return Optional.of(look);
    }

    /**
     * Ends a search from outside its stages (cancel, dead letter, sweeper, deadline) and tells its batch; false if it
     * had ended already.
     */
    boolean end(String searchId, SearchStatus status, String reason) {
        Optional<SearchItem> ended = store.end(searchId, status, reason, now());
        ended.ifPresent(this::ended);
        if (ended.isPresent() && status == SearchStatus.FAILED) {
            // One line per failed search, whatever failed it: the cloud counts them from the logs (an alarm).
            PipelineLog.search(searchId, "failed: " + reason);
        }
        return ended.isPresent();
    }

    /**
     * A search ended: if a batch runs it, the batch's driver records it and submits its next line. A lost message is
     * made good by the sweeper, which nudges every unfinished batch.
     */
    void ended(SearchItem search) {
        if (search.batch() != null) {
            queues.send(StageMessage.of(search.batch(), 0, 0, Stage.BATCH, 0));
        }
    }

    static String deadlineReason(SearchItem search) {
        return "deadline exceeded: not finished within " + Duration.ofMillis(search.deadlineMs() - search.createdMs())
                .toSeconds() + " s (stopped in round " + search.round() + ", iteration " + search.state().iteration()
                + ")";
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
