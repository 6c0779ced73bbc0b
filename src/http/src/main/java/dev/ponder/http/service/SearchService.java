package dev.ponder.http.service;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.Trajectory;
import dev.ponder.core.strategy.SearchOutcome;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.WinningPath;
import dev.ponder.engine.account.Tenant;
import dev.ponder.engine.bill.Estimates;
import dev.ponder.engine.bill.Metered;
import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.engine.request.Echo;
import dev.ponder.engine.request.SearchRequest;
import dev.ponder.engine.request.SearchRequestParser;
import dev.ponder.engine.stage.Searches;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.problem.ApiException;
import dev.ponder.http.view.Accepted;
import dev.ponder.http.view.BillView;
import dev.ponder.http.view.Estimate;
import dev.ponder.http.view.RequestView;
import dev.ponder.http.view.SearchPage;
import dev.ponder.http.view.SearchSummary;
import dev.ponder.http.view.SearchView;
import dev.ponder.http.view.TrajectoryView;
import dev.ponder.http.view.UsageView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** What the search endpoints do, for the calling tenant only: submit (or estimate), show, cancel, list. */
@ApplicationScoped
public class SearchService {

    private static final AnswerEquivalence EQUIVALENCE = AnswerEquivalence.math();
    /**
     * Per instance, not static: a native image initialises classes while it is built, and a static generator would be
     * seeded there (native-image refuses one in the image).
     */
    private final SecureRandom ids = new SecureRandom();

    private final EngineHolder engine;
    private final Caller caller;
    private final SearchRequestParser parser;

    @Inject
    public SearchService(EngineHolder engine, Caller caller, ApiConfig limits, ModelsConfig models) {
        this.engine = engine;
        this.caller = caller;
        this.parser = new SearchRequestParser(limits.requestLimits(), models.models().keySet());
    }

    /** What {@code POST /v1/searches} answers: a search accepted, or (dry run) an estimate. */
    public sealed interface Submitted {
    }

    /** @param created false when the Idempotency-Key replayed an earlier request */
    public record Created(Accepted accepted, boolean created) implements Submitted {
    }

    public record Estimated(Estimate estimate) implements Submitted {
    }

    /** Validates the body; for a dry run prices it, else submits it. */
    public Submitted submit(String body, String idempotencyKey, boolean dryRun) {
        SearchRequest request = parser.parse(body);
        if (dryRun) {
            return new Estimated(estimate(engine.get(), caller.tenant(), request));
        }
        Searches.Accepted accepted = submit(request, idempotencyKey);
        SearchItem s = accepted.search();
        return new Created(new Accepted(s.id(), s.status().name(), location(s.id()), !accepted.created()),
                accepted.created());
    }

    /**
     * Stores and queues a valid request for the caller through the engine, which takes the tenant's concurrency
     * slot, checks its quotas and binds the Idempotency-Key, all in one transaction.
     */
    public Searches.Accepted submit(SearchRequest request, String idempotencyKey) {
        Tenant tenant = caller.tenant();
        return engine.get().searches().submit(new Searches.Submission(newId(), tenant.name(), null,
                        request.toProblem(), request.strategy(), request.config(), request.policy(), request.prm(),
                        request.deadline()),
                new Searches.Admission(tenant, idempotencyKey, idempotencyKey == null ? null : request.hash()));
    }

    /** The parser of search requests, with the API's limits and model profiles. */
    public SearchRequestParser parser() {
        return parser;
    }

    private Estimate estimate(ApiEngine e, Tenant tenant, SearchRequest request) {
        // The quota checks a real submission meets (n, tokens this month), so a dry run tells the truth about them.
        e.accounts().checkSubmission(tenant, request.n());
        Metered usage = Estimates.estimate(request.toProblem(), request.strategy(), request.config(),
                request.policy(), request.prm(), e.sampleChunk(), e.scoreChunk());
        return new Estimate(true, RequestView.of(request), UsageView.of(usage),
                BillView.of(e.prices().bill(usage)));
    }

    public static String location(String id) {
        return "/v1/searches/" + id;
    }

    /** The caller's search; another tenant's is as unknown as one that does not exist. */
    public SearchView get(String id, boolean withTrajectories) {
        ApiEngine e = engine.get();
        return view(e, own(e, id), withTrajectories);
    }

    /** Cancels the caller's search; one that ended otherwise is a 409 naming its status. */
    public SearchView cancel(String id) {
        ApiEngine e = engine.get();
        SearchItem s = own(e, id);
        if (!e.searches().cancel(id, "cancelled through the API")) {
            SearchItem now = own(e, id);
            if (now.status() != SearchStatus.CANCELLED) {
                throw ApiException.conflict("search " + id + " has already ended " + now.status()
                        + ": only a PENDING or RUNNING search can be cancelled");
            }
        }
        return view(e, own(e, id), false);
    }

    /** A page of the caller's searches, newest first. */
    public SearchPage list(SearchStatus status, int limit, String cursor) {
        FrontierStore.Page page = engine.get().searches().list(caller.tenant().name(), status, limit, cursor);
        return new SearchPage(page.searches().stream().map(SearchSummary::of).toList(), page.nextCursor());
    }

    private SearchItem own(ApiEngine e, String id) {
        return e.searches().get(id).filter(s -> s.tenant().equals(caller.tenant().name()))
                .orElseThrow(() -> ApiException.notFound("no search " + Echo.cut(id) + " for this API key"));
    }

    /** A search as {@code GET /v1/searches/{id}} shows it; the caller's, which is not checked here. */
    SearchView view(ApiEngine e, SearchItem s, boolean withTrajectories) {
        String pred = s.status() == SearchStatus.SUCCEEDED ? e.store().pred(s.id()).orElse("") : null;
        String gold = s.problem().answer();
        Boolean correct = pred == null || gold == null ? null : !pred.isEmpty() && EQUIVALENCE.equivalent(gold, pred);
        Metered usage = e.searches().metered(s.id());
        return new SearchView(s.id(), s.status().name(), s.state().iteration(), pred, correct, s.reason(),
                instant(s.createdMs()), instant(s.updatedMs()), instant(s.deadlineMs()), instant(s.finishedMs()),
                RequestView.of(s), UsageView.of(usage), BillView.of(e.prices().bill(usage)),
                withTrajectories ? trajectories(e, s) : null);
    }

    /** The emitted paths of a finished search, else the paths finished so far; the answer's path marked. */
    private static List<TrajectoryView> trajectories(ApiEngine e, SearchItem s) {
        Reduction reduction = s.config().reduction();
        if (s.status() != SearchStatus.SUCCEEDED) {
            return e.store().state(s).completed().stream().map(t -> TrajectoryView.of(t, reduction, false)).toList();
        }
        SearchOutcome outcome = outcome(e, s);
        Trajectory chosen = WinningPath.of(outcome, reduction, EQUIVALENCE).orElse(null);
        return outcome.trajectories().stream().map(t -> TrajectoryView.of(t, reduction, t == chosen)).toList();
    }

    /** The path a SUCCEEDED search's answer came from ({@link WinningPath}); empty when it emitted none. */
    static Optional<Trajectory> chosen(ApiEngine e, SearchItem s) {
        return WinningPath.of(outcome(e, s), s.config().reduction(), EQUIVALENCE);
    }

    private static SearchOutcome outcome(ApiEngine e, SearchItem s) {
        return Strategies.create(s.strategy(), EQUIVALENCE).finish(e.store().state(s));
    }

    private static Instant instant(long ms) {
        return ms > 0 ? Instant.ofEpochMilli(ms) : null;
    }

    /** A new search id: 16 random hex digits, the shape of the CLI's hashed ids. */
    private String newId() {
        byte[] bytes = new byte[8];
        ids.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
