package dev.ponder.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ponder.cli.io.JsonlWriter;
import dev.ponder.cli.models.ModelChoice;
import dev.ponder.cli.models.ModelOptions;
import dev.ponder.cli.pipeline.EmbeddedPipeline;
import dev.ponder.cli.pipeline.Ids;
import dev.ponder.cli.pipeline.PipelineConfig;
import dev.ponder.cli.pipeline.PipelineLogs;
import dev.ponder.cli.pipeline.ProfileModels;
import dev.ponder.cli.pipeline.StoreConfig;
import dev.ponder.cli.pipeline.StoreOptions;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.driver.SearchJob;
import dev.ponder.core.results.AccuracyTable;
import dev.ponder.core.results.CoverageReport;
import dev.ponder.core.results.ResultRow;
import dev.ponder.core.search.Problem;
import dev.ponder.core.strategy.IndependentSampling;
import dev.ponder.engine.model.ModelProfile;
import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.engine.stage.Searches;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import dev.ponder.sim.SimConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ponder batch}: the grid of {@code run}, solved through the serverless pipeline on the embedded default —
 * every search a stored item moved by stage messages — with deterministic batch and search ids, so the same
 * command run again (after a kill, say) collects what finished and resumes the rest.
 */
@Dependent
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Solve problems through the serverless pipeline (DynamoDB Local, ElasticMQ, the four stage "
                + "services) on the embedded default; write results rows and print accuracy. The same command run "
                + "again resumes: finished searches are collected from the store, unfinished ones continue.")
public class BatchCommand implements Callable<Integer> {

    /** Groups answers for voting and grades predictions. */
    private static final AnswerEquivalence EQUIVALENCE = AnswerEquivalence.math();
    /** The tenant of searches submitted from the command line. */
    static final String TENANT = "local";

    @Spec
    CommandSpec spec;

    @Inject
    ObjectMapper json;

    @Inject
    ModelsConfig modelsConfig;

    @Inject
    PipelineConfig pipelineConfig;

    @Inject
    StoreConfig storeConfig;

    @Mixin
    ProblemOptions problemOptions;

    @Mixin
    GridOptions grid;

    @Mixin
    KnobOptions knobs;

    @Option(names = "--out", defaultValue = "results.jsonl", paramLabel = "FILE",
            description = "Results rows, JSONL (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ModelOptions endpoints;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Messages handled at once per stage (default: ponder.pipeline.concurrency, 8).")
    Integer concurrency;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--verbose", description = "Log every search's life (search=<id> accepted, succeeded, ...).")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        // Everything a user can get wrong is checked before the stack starts or a file is written.
        List<Problem> problems = problemOptions.load(json);
        JobPlan plan = JobPlan.of(problems, grid.strategies(EQUIVALENCE), grid.budgets(), grid.seeds(), knobs);
        int workers = concurrency != null ? concurrency : pipelineConfig.concurrency();
        OptionChecks.between(spec, "--concurrency", workers, 1, EmbeddedPipeline.MAX_CONCURRENCY);
        Path storePath = storeOptions.resolve(storeConfig);
        PipelineLogs.verbose(verbose);

        long started = System.nanoTime();
        List<ResultRow> rows = new ArrayList<>();
        Tally tally;
        String batchId;
        try (ModelChoice choice = new ModelChoice(modelsConfig, new SimpleMeterRegistry())) {
            ModelProfile policy = endpoints.policy(choice);
            ModelProfile prm = endpoints.prm(choice);
            batchId = batchId(plan);
            try (EmbeddedPipeline pipeline = EmbeddedPipeline.open(new EmbeddedPipeline.Settings(storePath, workers,
                    true), pipelineConfig, json, new ProfileModels(choice, policy, prm));
                 JsonlWriter writer = new JsonlWriter(json, out);
                 ProgressBar bar = Progress.bar("batch", problems.size(), quiet)) {
                Map<String, Object> manifest = Manifest.of("batch", problemOptions, grid, plan);
                manifest.put("batch_id", batchId);
                manifest.put("models", Map.of("policy", Manifest.describe(policy), "prm", Manifest.describe(prm)));
                if (choice.usesSimulator()) {
                    manifest.put("simulator", SimConfig.defaults().toMap());
                }
                manifest.put("pipeline", pipeline.describe());
                writer.write(Map.of("manifest", manifest));
                RowsInOrder inOrder = new RowsInOrder(plan.jobs(), plan.budgets(), EQUIVALENCE, writer, bar, rows);
                tally = new Drive(pipeline.searches(), plan, batchId, policy.name(), prm.name(), inOrder).run();
                writer.commit();
            }
        }
        long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
        var console = spec.commandLine().getOut();
        console.println();
        if (!rows.isEmpty()) {
            console.print(AccuracyTable.of(rows, plan.base().seed()).render());
            CoverageReport.of(rows).ifPresent(report -> console.print(System.lineSeparator() + report.render()));
            console.println();
        }
        console.printf("batch %s: %d searches, %d submitted, %d found in the store (%s)%n", batchId,
                plan.jobs().size(), tally.submitted, tally.found, storePath == null ? "in memory" : storePath);
        console.printf("%d rows for %d problems written to %s in %ds%n", rows.size() + tally.failedRows,
                problems.size(), out, seconds);
        console.flush();
        if (!tally.unsuccessful.isEmpty()) {
            spec.commandLine().getErr().printf("%d of %d searches did not succeed (%s): their rows carry status and "
                    + "error; `ponder searches show ID` tells more, `ponder searches redrive` retries dead "
                    + "messages%n", tally.unsuccessful.values().stream().mapToInt(Integer::intValue).sum(),
                    plan.jobs().size(), describe(tally.unsuccessful));
            return 1;
        }
        return 0;
    }

    /**
     * The SHA-256 of what determines the batch's rows: the problems (the input's bytes, or the generator's
     * arguments) and their window, the grid, the knobs and the models (profile names, or an ad-hoc URL and model;
     * never the simulator's port, which changes every run).
     */
    private String batchId(JobPlan plan) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("problems", problemOptions.identity());
        canonical.put("offset", problemOptions.offset);
        canonical.put("limit", problemOptions.limit == null ? -1 : problemOptions.limit);
        canonical.put("strategies", plan.jobs().stream().map(j -> j.strategy().name()).distinct().toList());
        canonical.put("n", plan.budgets());
        canonical.put("seeds", grid.seeds());
        canonical.put("config", new TreeMap<>(KnobOptions.describe(plan.base())));
        canonical.put("policy", endpoints.policyIdentity());
        canonical.put("prm", endpoints.prmIdentity());
        try {
            return Ids.of("batch", json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(canonical));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the batch's arguments", e);
        }
    }

    private static String describe(Map<SearchStatus, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((status, count) -> parts.add(count + " " + status));
        return String.join(", ", parts);
    }

    /** What the drive did. */
    private static final class Tally {
        int submitted;
        int found;
        int failedRows;
        final Map<SearchStatus, Integer> unsuccessful = new TreeMap<>();
    }

    /**
     * Submits the plan's searches in input order, at most {@code ponder.pipeline.max-in-flight} under way at once,
     * reads their status every poll interval, and hands each ended one to the rows in order.
     */
    private final class Drive {

        private final Searches searches;
        private final JobPlan plan;
        private final String batchId;
        private final String policy;
        private final String prm;
        private final RowsInOrder inOrder;
        private final List<String> ids = new ArrayList<>();
        private final Tally tally = new Tally();

        Drive(Searches searches, JobPlan plan, String batchId, String policy, String prm, RowsInOrder inOrder) {
            this.searches = searches;
            this.plan = plan;
            this.batchId = batchId;
            this.policy = policy;
            this.prm = prm;
            this.inOrder = inOrder;
            for (SearchJob job : plan.jobs()) {
                ids.add(Ids.of("search", batchId, job.problem().uniqueId(), job.strategy().name(),
                        Integer.toString(job.config().n()), Long.toString(job.config().seed())));
            }
        }

        Tally run() throws InterruptedException {
            List<Integer> inFlight = new ArrayList<>();
            int next = 0;
            long pollMs = Math.max(10, pipelineConfig.pollInterval().toMillis());
            while (true) {
                while (next < ids.size() && inFlight.size() < pipelineConfig.maxInFlight()) {
                    int i = next++;
                    SearchItem item = admit(i);
                    if (item.active()) {
                        inFlight.add(i);
                    } else {
                        collect(i, item);
                    }
                }
                List<Integer> still = new ArrayList<>();
                for (int i : inFlight) {
                    SearchItem item = searches.get(ids.get(i)).orElseThrow(() -> new IllegalStateException(
                            "search " + ids.get(i) + " vanished from the store"));
                    if (item.active()) {
                        still.add(i);
                    } else {
                        collect(i, item);
                    }
                }
                inFlight = still;
                inOrder.inFlight(inFlight.size());
                if (inFlight.isEmpty() && next == ids.size()) {
                    return tally;
                }
                Thread.sleep(pollMs);
            }
        }

        /** The stored search of job {@code i}, submitted first unless an earlier run of this command did. */
        private SearchItem admit(int i) {
            Optional<SearchItem> stored = searches.get(ids.get(i));
            if (stored.isPresent()) {
                tally.found++;
                return stored.get();
            }
            SearchJob job = plan.jobs().get(i);
            tally.submitted++;
            return searches.submit(new Searches.Submission(ids.get(i), TENANT, batchId, job.problem(),
                    job.strategy().name(), job.config(), policy, prm, null));
        }

        private void collect(int i, SearchItem item) {
            if (item.status() == SearchStatus.SUCCEEDED) {
                inOrder.done(i, searches.run(item), Map.of("search_id", item.id()));
                return;
            }
            tally.unsuccessful.merge(item.status(), 1, Integer::sum);
            List<Map<String, Object>> failure = failureRows(plan.jobs().get(i), item);
            tally.failedRows += failure.size();
            inOrder.failed(i, failure);
        }

        /** One row per budget the search would have given, saying why it gave none. */
        private List<Map<String, Object>> failureRows(SearchJob job, SearchItem item) {
            List<Integer> budgets = job.strategy() instanceof IndependentSampling
                    ? plan.budgets().stream().filter(n -> n <= job.config().n()).toList()
                    : List.of(job.config().n());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int n : budgets) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("unique_id", job.problem().uniqueId());
                row.put("problem", job.problem().problem());
                row.put("answer", job.problem().answer());
                row.put("level", job.problem().level());
                row.put("strategy", job.strategy().name());
                row.put("n", n);
                row.put("m", job.config().m());
                row.put("seed", job.config().seed());
                row.put("status", item.status().name());
                row.put("error", item.reason() != null ? item.reason() : String.valueOf(item.lastError()));
                row.put("search_id", item.id());
                if (n != job.config().n()) {
                    row.put("shared_run_n", job.config().n());
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
