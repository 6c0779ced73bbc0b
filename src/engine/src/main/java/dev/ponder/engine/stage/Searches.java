package dev.ponder.engine.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.driver.SearchRun;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.SearchState;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.engine.account.Accounts;
import dev.ponder.engine.account.IdempotencyConflictException;
import dev.ponder.engine.account.QuotaExceededException;
import dev.ponder.engine.account.Tenant;
import dev.ponder.engine.bill.Meter;
import dev.ponder.engine.bill.Metered;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.store.AccountStore;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import dev.ponder.engine.store.StateCodec;
import java.time.Duration;
import java.util.Optional;

/** What the front doors do with searches: submit, look up, cancel, collect, and re-send dead messages. */
public final class Searches {

    /** How long to wait for a concurrency slot: no search is sure to end sooner, and a poll costs little. */
    static final Duration SLOT_RETRY = Duration.ofSeconds(10);
    /** Idempotency keys are kept a day, as Stripe's are: far longer than any client's retries. */
    static final Duration KEY_RETENTION = Duration.ofHours(24);

    private final Pipeline p;
    private final ObjectMapper json;
    private final Accounts accounts;

    public Searches(Pipeline pipeline, ObjectMapper json) {
        this.p = pipeline;
        this.json = json;
        this.accounts = new Accounts(pipeline.store.accounts(), pipeline.clock);
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
        SearchItem item = newSearch(s, false);
        if (p.store.create(item, null) == FrontierStore.Created.EXISTS) {
            return existing(s.id());
        }
        send(item, s);
        return item;
    }

    /**
     * How an API request is admitted.
     *
     * @param tenant         the caller's tenant, with its quotas
     * @param idempotencyKey the request's {@code Idempotency-Key}, or {@code null}
     * @param requestHash    a hash of the request body (with the key: a retry must send the same body)
     */
    public record Admission(Tenant tenant, String idempotencyKey, String requestHash) {
    }

    /**
     * A search accepted through the API.
     *
     * @param search  the search
     * @param created false when an earlier request with the same idempotency key and body created it
     */
    public record Accepted(SearchItem search, boolean created) {
    }

    /**
     * Admits and stores a search sent through the API, then sends its first orchestrate message: checks the
     * tenant's {@code max_n} and this month's tokens, then stores the search with one of the tenant's concurrency
     * slots, its first usage and the idempotency key in one transaction. A request that repeats an idempotency key
     * with the same body gets the search the first one created.
     *
     * @throws IllegalArgumentException      a configuration the strategy rejects (nothing is written)
     * @throws QuotaExceededException        over a quota (nothing is written)
     * @throws IdempotencyConflictException  the key was used with another body
     */
    public Accepted submit(Submission s, Admission admission) {
        if (!admission.tenant().name().equals(s.tenant())) {
            throw new IllegalStateException("a search is submitted for its caller's tenant " + admission.tenant().name()
                    + ", not " + s.tenant());
        }
        SearchItem item = newSearch(s, true);
        if (admission.idempotencyKey() != null) {
            Optional<Accepted> replay = replay(admission);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Metered submission;
        try (Meter meter = Meter.open()) {
            accounts.checkSubmission(admission.tenant(), s.config().n());
            submission = meter.asSubmission();
        }
        FrontierStore.Created created = p.store.create(item, new FrontierStore.Admit(admission.idempotencyKey(),
                admission.requestHash(), submission, p.now(), KEY_RETENTION));
        switch (created) {
            case CREATED -> {
                send(item, s);
                return new Accepted(item, true);
            }
            case EXISTS -> {
                return new Accepted(existing(s.id()), false);
            }
            case KEY_USED -> {
                // Another request with the same key won the race: it is this one's answer, or a conflict.
                return replay(admission).orElseThrow(() -> new IllegalStateException("idempotency key "
                        + admission.idempotencyKey() + " was taken but cannot be read"));
            }
            default -> {
                int limit = admission.tenant().quotas().maxConcurrent();
                throw new QuotaExceededException("max_concurrent", limit, SLOT_RETRY, "all " + limit
                        + " of this tenant's concurrent searches are running (quota max_concurrent=" + limit + ")");
            }
        }
    }

    /** The search an earlier request with the same idempotency key created, if it sent the same body. */
    private Optional<Accepted> replay(Admission admission) {
        String tenant = admission.tenant().name();
        Optional<AccountStore.Idempotency> used = p.store.accounts().idempotency(tenant, admission.idempotencyKey());
        if (used.isEmpty()) {
            return Optional.empty();
        }
        if (!used.get().requestHash().equals(admission.requestHash())) {
            throw new IdempotencyConflictException(admission.idempotencyKey(), used.get().searchId());
        }
        return Optional.of(new Accepted(existing(used.get().searchId()), false));
    }

    private SearchItem newSearch(Submission s, boolean holdsSlot) {
        Strategy strategy = Strategies.create(s.strategy(), p.equivalence);
        SearchState first = strategy.start(s.problem(), s.config());
        long now = p.now();
        Duration deadline = s.deadline() == null ? p.options.deadline() : s.deadline();
        return new SearchItem(s.id(), SearchStatus.PENDING, 0, 0, strategy.name(), s.problem(), s.config(),
                s.policy(), s.prm(), s.tenant(), s.batch(), p.options.sampleChunk(), p.options.scoreChunk(),
                StateCodec.start(first), now, now, now + deadline.toMillis(), 0, null, null, 0, holdsSlot);
    }

    private SearchItem existing(String id) {
        return p.store.search(id).orElseThrow(() -> new IllegalStateException("search " + id
                + " exists but cannot be read (it expired: its retention ended)"));
    }

    private void send(SearchItem item, Submission s) {
        p.queues.send(StageMessage.of(item.id(), 0, 0, dev.ponder.engine.queue.Stage.ORCHESTRATE, 0));
        PipelineLog.search(item.id(), "accepted: " + item.strategy() + " n=" + s.config().n() + " on "
                + s.problem().uniqueId());
    }

    /**
     * A page of a tenant's searches, newest first, optionally only those in one status; {@code cursor} from the
     * previous page, or {@code null}. {@link IllegalArgumentException} for a cursor this API did not return.
     */
    public FrontierStore.Page list(String tenant, SearchStatus status, int limit, String cursor) {
        return p.store.list(tenant, status, limit, cursor);
    }

    /** The search's usage, every counter, for its bill. */
    public Metered metered(String id) {
        return p.store.metered(id);
    }

    /** The tenants and keys behind the API. */
    public Accounts accounts() {
        return accounts;
    }

    public Optional<SearchItem> get(String id) {
        return p.store.search(id);
    }

    /** Cancels an unfinished search: work in flight is dropped by the next handler that reads it. */
    public boolean cancel(String id, String reason) {
        return p.end(id, SearchStatus.CANCELLED, reason);
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
