package dev.ponder.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.cli.io.JsonlWriter;
import dev.ponder.cli.models.ModelChoice;
import dev.ponder.cli.models.ModelOptions;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.driver.InProcessDriver;
import dev.ponder.core.driver.SearchJob;
import dev.ponder.core.results.AccuracyTable;
import dev.ponder.core.results.CoverageReport;
import dev.ponder.core.results.ResultRow;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.engine.model.ModelProfile;
import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.sim.SimConfig;
import dev.ponder.sim.SimPolicy;
import dev.ponder.sim.SimPrm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ponder run}: solves a problem file (or a generated simulated one) with every requested strategy and
 * budget, driven in this process against the chosen model endpoints (by default the embedded simulator over HTTP);
 * writes results rows and prints an accuracy table.
 */
@Dependent
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run searches in this process against the policy and PRM endpoints (by default the embedded "
                + "simulator, over HTTP); write results rows and print accuracy by strategy, n and level.")
public class RunCommand implements Callable<Integer> {

    /** The most searches at once: far past the cores of any machine this runs in-process on. */
    private static final int MAX_THREADS = 256;
    /** Groups answers for voting and grades predictions. */
    private static final AnswerEquivalence EQUIVALENCE = AnswerEquivalence.math();

    @Spec
    CommandSpec spec;

    @Inject
    ObjectMapper json;

    @Inject
    ModelsConfig modelsConfig;

    @Mixin
    ProblemOptions problemOptions;

    @Mixin
    GridOptions grid;

    @Mixin
    KnobOptions knobs;

    @Option(names = "--out", defaultValue = "results.jsonl", paramLabel = "FILE",
            description = "Results rows, JSONL (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--threads", description = "Searches run at once (default: the number of cores).")
    Integer threads;

    @Mixin
    ModelOptions endpoints;

    @Option(names = "--in-process",
            description = "Call the simulated models in this process instead of over HTTP (for comparison).")
    boolean inProcess;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        List<Problem> problems = problemOptions.load(json);
        JobPlan plan = JobPlan.of(problems, grid.strategies(EQUIVALENCE), grid.budgets(), grid.seeds(), knobs);
        List<SearchJob> jobs = plan.jobs();
        List<Integer> ns = plan.budgets();
        SearchConfig base = plan.base();

        if (threads != null) {
            OptionChecks.between(spec, "--threads", threads, 1, MAX_THREADS);
        }
        SimConfig sim = SimConfig.defaults();
        InProcessDriver.Options defaults = InProcessDriver.Options.defaults();
        InProcessDriver.Options options = new InProcessDriver.Options(threads == null ? defaults.threads() : threads,
                defaults.sampleChunk(), defaults.scoreChunk());

        long started = System.nanoTime();
        List<ResultRow> rows = new ArrayList<>();
        try (ModelChoice choice = new ModelChoice(modelsConfig, new SimpleMeterRegistry())) {
            Map<String, Object> models = new LinkedHashMap<>();
            InProcessDriver driver;
            if (inProcess) {
                driver = new InProcessDriver(new SimPolicy(sim), new SimPrm(sim), options);
                models.put("policy", "sim (in-process)");
                models.put("prm", "sim (in-process)");
            } else {
                ModelProfile policy = endpoints.policy(choice);
                ModelProfile prm = endpoints.prm(choice);
                driver = new InProcessDriver(choice.policy(policy), choice.prm(prm), options);
                models.put("policy", Manifest.describe(policy));
                models.put("prm", Manifest.describe(prm));
            }
            try (JsonlWriter writer = new JsonlWriter(json, out);
                 ProgressBar bar = Progress.bar("run", problems.size(), quiet)) {
                Map<String, Object> manifest = Manifest.of("run", problemOptions, grid, plan);
                manifest.put("models", models);
                if (inProcess || choice.usesSimulator()) {
                    manifest.put("simulator", sim.toMap());
                }
                writer.write(Map.of("manifest", manifest));
                RowsInOrder inOrder = new RowsInOrder(jobs, ns, EQUIVALENCE, writer, bar, rows);
                driver.runAll(jobs, inOrder::done);
                writer.commit();
            }
        }
        long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
        var console = spec.commandLine().getOut();
        console.println();
        console.print(AccuracyTable.of(rows, base.seed()).render());
        CoverageReport.of(rows).ifPresent(report -> console.print(System.lineSeparator() + report.render()));
        console.printf("%n%d rows for %d problems written to %s in %ds%n", rows.size(), problems.size(), out,
                seconds);
        console.flush();
        return 0;
    }
}
