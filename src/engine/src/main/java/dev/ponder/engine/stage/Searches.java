package dev.ponder.engine.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.driver.SearchRun;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.SearchState;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import dev.ponder.engine.store.StateCodec;
import java.time.Duration;
import java.util.Optional;

/** What the front doors do with searches: submit, look up, cancel, collect, and re-send dead messages. */
public final class Searches {

    private final Pipeline p;
    private final ObjectMapper json;

    public Searches(Pipeline pipeline, ObjectMapper json) {
        this.p = pipeline;
        this.json = json;
    }

    /**
     * A search to accept.
     *
     * @param id       deterministic, so submitting the same work again finds the stored search instead
     * @param tenant   who owns it
     * @param batch    the batch it belongs to, or {@code null}
     * @param problem  the problem
     * @param strategy the strategy name
     * @param config   its configuration
     * @param policy   the policy's profile name
     * @param prm      the PRM's profile name
     * @param deadline how long it may take, or {@code null} for the pipeline's default
     */
    public record Submission(String id, String tenant, String batch, Problem problem, String strategy,
                             SearchConfig config, String policy, String prm, Duration deadline) {
    }

    /**
     * Validates and stores a search, then sends its first orchestrate message. A search with the same id already
     * stored is returned as it is (resume, never restart); a stored search that is not finished gets moving again
     * through the sweeper's redrive. Throws {@link IllegalArgumentException} for a configuration the strategy
     * rejects, before anything is written.
     */
    public SearchItem submit(Submission s) {
        Strategy strategy = Strategies.create(s.strategy(), p.equivalence);
        SearchState first = strategy.start(s.problem(), s.config());
        long now = p.now();
        Duration deadline = s.deadline() == null ? p.options.deadline() : s.deadline();
        SearchItem item = new SearchItem(s.id(), SearchStatus.PENDING, 0, 0, strategy.name(), s.problem(), s.config(),
                s.policy(), s.prm(), s.tenant(), s.batch(), p.options.sampleChunk(), p.options.scoreChunk(),
                StateCodec.start(first), now, now, now + deadline.toMillis(), 0, null, null, 0);
        if (!p.store.create(item)) {
            return p.store.search(s.id()).orElseThrow(() -> new IllegalStateException("search " + s.id()
                    + " exists but cannot be read"));
        }
        p.queues.send(StageMessage.of(item.id(), 0, 0, dev.ponder.engine.queue.Stage.ORCHESTRATE, 0));
        PipelineLog.search(item.id(), "accepted: " + strategy.name() + " n=" + s.config().n() + " on "
                + s.problem().uniqueId());
        return item;
    }

    public Optional<SearchItem> get(String id) {
        return p.store.search(id);
    }

    /** Cancels an unfinished search: work in flight is dropped by the next handler that reads it. */
    public boolean cancel(String id, String reason) {
        return p.store.end(id, SearchStatus.CANCELLED, reason, p.now());
    }

    /** A SUCCEEDED search as a run, exactly as the in-process driver would have returned it. */
    public SearchRun run(SearchItem search) {
        if (search.status() != SearchStatus.SUCCEEDED) {
            throw new IllegalStateException("search " + search.id() + " is " + search.status() + ", not SUCCEEDED");
        }
        Strategy strategy = p.strategy(search);
        return new SearchRun(search.problem(), strategy, p.store.state(search), p.store.usage(search.id()),
                search.finishedMs() - search.createdMs());
    }

    /**
     * Sends every dead message again (with a fresh message id), after returning its search from FAILED to RUNNING
     * with a new deadline, so the message is acted on rather than dropped. Returns how many were sent.
     */
    public int redriveDeadLetters() {
        int sent = 0;
        for (FrontierStore.DeadLetter letter : p.store.deadLetters()) {
            StageMessage message = parse(letter.body());
            p.store.reopen(letter.search(), p.now(), p.now() + p.options.deadline().toMillis());
            p.queues.send(message.resent());
            p.store.deleteDeadLetter(letter);
            sent++;
        }
        return sent;
    }

    private StageMessage parse(String body) {
        try {
            return json.readValue(body, StageMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept dead message is not a stage message: " + e.getOriginalMessage(), e);
        }
    }
}
