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
import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.stage.BatchRows;
import dev.ponder.engine.stage.Batches;
import dev.ponder.engine.stage.Pipeline;
import dev.ponder.engine.stage.Searches;
import dev.ponder.engine.store.BatchItem;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import dev.ponder.sim.SimConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
                tally = new Drive(pipeline.pipeline(), pipeline.searches(), plan, batchId, policy.name(), prm.name(),
                        inOrder).run();
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
     * Runs the plan as one batch of the engine — the batch stage submits its searches in input order, at most
     * {@code ponder.pipeline.max-in-flight} under way at once — and hands each ended search to the rows in order,
     * reading the batch and its searches every poll interval. Lines recorded by an earlier run of the same command
     * are collected from the store.
     */
    private final class Drive {

        /** The CLI waits for its batch: a window long enough for any run on a laptop. */
        private static final Duration WINDOW = Duration.ofDays(7);

        private final Batches batches;
        private final Searches searches;
        private final JobPlan plan;
        private final String batchId;
        private final String policy;
        private final String prm;
        private final RowsInOrder inOrder;
        private final List<BatchLine> lines;
        private final Tally tally = new Tally();

        Drive(Pipeline pipeline, Searches searches, JobPlan plan, String batchId, String policy, String prm,
              RowsInOrder inOrder) {
            this.batches = new Batches(pipeline);
            this.searches = searches;
            this.plan = plan;
            this.batchId = batchId;
            this.policy = policy;
            this.prm = prm;
            this.inOrder = inOrder;
            this.lines = lines();
        }

        Tally run() throws InterruptedException {
            BatchItem batch = batches.create(new Batches.NewBatch(batchId, TENANT, lines, pipelineConfig.maxInFlight(),
                    WINDOW, "cli"));
            tally.found = batch.recorded();
            tally.submitted = plan.jobs().size() - batch.recorded();
            boolean[] collected = new boolean[plan.jobs().size()];
            int left = plan.jobs().size();
            long pollMs = Math.max(10, pipelineConfig.pollInterval().toMillis());
            while (true) {
                batch = batches.get(batchId).orElseThrow(() -> new IllegalStateException("batch " + batchId
                        + " vanished from the store"));
                for (int i = 0; i < batch.submitted(); i++) {
                    if (!collected[i]) {
                        Optional<SearchItem> item = searches.get(Batches.searchId(batchId, i));
                        if (item.isPresent() && !item.get().active()) {
                            collect(i, item.get());
                            collected[i] = true;
                            left--;
                        }
                    }
                }
                inOrder.inFlight(batch.inFlight().size());
                if (left == 0) {
                    return tally;
                }
                if (batch.status().terminal()) {
                    // Cancelled or expired from outside (ponder batches cancel, the API): the lines never started
                    // get the rows the batch's results give them, and the command ends as with any failed line.
                    for (int i = 0; i < collected.length; i++) {
                        if (!collected[i]) {
                            unstarted(i, batch);
                        }
                    }
                    return tally;
                }
                Thread.sleep(pollMs);
            }
        }

        /** The plan's jobs as batch lines, each reporting the budgets its rows cover. */
        private List<BatchLine> lines() {
            List<BatchLine> lines = new ArrayList<>();
            for (SearchJob job : plan.jobs()) {
                lines.add(new BatchLine(null, job.problem(), job.strategy().name(), job.config(), policy, prm, null,
                        budgets(job)));
            }
            return lines;
        }

        private List<Integer> budgets(SearchJob job) {
            return job.strategy() instanceof IndependentSampling
                    ? plan.budgets().stream().filter(n -> n <= job.config().n()).toList()
                    : List.of(job.config().n());
        }

        private void unstarted(int i, BatchItem batch) {
            tally.unsuccessful.merge(SearchStatus.CANCELLED, 1, Integer::sum);
            List<Map<String, Object>> row = BatchRows.unsuccessful(lines.get(i), SearchStatus.CANCELLED.name(),
                    "its batch was " + batch.status().key() + " before it started", null);
            tally.failedRows += row.size();
            inOrder.failed(i, row);
        }

        private void collect(int i, SearchItem item) {
            if (item.status() == SearchStatus.SUCCEEDED) {
                inOrder.done(i, searches.run(item), Map.of("search_id", item.id()));
                return;
            }
            tally.unsuccessful.merge(item.status(), 1, Integer::sum);
            List<Map<String, Object>> failure = BatchRows.unsuccessful(lines.get(i), item.status().name(),
                    item.reason() != null ? item.reason() : String.valueOf(item.lastError()), item.id());
            tally.failedRows += failure.size();
            inOrder.failed(i, failure);
        }
    }
}
