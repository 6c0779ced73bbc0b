package dev.ponder.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.cli.BuildInfo;
import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.cli.models.ModelChoice;
import dev.ponder.cli.io.BadInputException;
import dev.ponder.cli.io.JsonlWriter;
import dev.ponder.cli.io.ProblemFile;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.driver.InProcessDriver;
import dev.ponder.core.driver.SearchJob;
import dev.ponder.core.search.Problem;
import dev.ponder.engine.model.ModelProfile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.IndependentSampling;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.core.results.AccuracyTable;
import dev.ponder.core.results.CoverageReport;
import dev.ponder.core.results.ResultRow;
import dev.ponder.sim.ArithWorld;
import dev.ponder.sim.SimConfig;
import dev.ponder.sim.SimPolicy;
import dev.ponder.sim.SimPrm;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import dev.ponder.cli.models.ModelOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

    @Option(names = "--input", paramLabel = "FILE",
            description = "Problems as JSONL (unique_id, problem, answer, level). Default: a generated arith-world set.")
    Path input;

    @Option(names = "--count", defaultValue = "100",
            description = "Problems to generate when there is no --input (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--dataset-seed", defaultValue = "7",
            description = "Seed of the generated problems (default: ${DEFAULT-VALUE}).")
    long datasetSeed;

    @Option(names = "--strategy", split = ",", paramLabel = "NAME",
            defaultValue = "majority,best-of-n,weighted-best-of-n,beam,dvts",
            description = "Strategies, comma-separated: majority, best-of-n, weighted-best-of-n, beam, dvts, "
                    + "repeated-sampling (default: ${DEFAULT-VALUE}).")
    List<String> strategies;

    @Option(names = "--n", split = ",", defaultValue = "4,16",
            description = "Budgets N, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> budgets;

    @Option(names = "--m", defaultValue = "4", description = "Beam width M (default: ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--seed", split = ",", defaultValue = "42",
            description = "Search seeds, comma-separated; several seeds give bootstrap intervals over runs "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--limit", description = "Solve at most this many problems.")
    Integer limit;

    @Option(names = "--offset", defaultValue = "0", description = "Skip this many problems first (default: 0).")
    int offset;

    @Option(names = "--out", defaultValue = "results.jsonl", paramLabel = "FILE",
            description = "Results rows, JSONL (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--temperature", defaultValue = "0.8", description = "Sampling temperature (default: 0.8).")
    double temperature;

    @Option(names = "--max-tokens", defaultValue = "2048", description = "Tokens per policy call (default: 2048).")
    int maxTokens;

    @Option(names = "--max-iterations", defaultValue = "40",
            description = "Iteration cap of beam search and DVTS (default: 40).")
    int maxIterations;

    @Option(names = "--lookahead", defaultValue = "0", description = "Greedy lookahead steps (default: 0).")
    int lookahead;

    @Option(names = "--reduction", defaultValue = "last",
            description = "Step-score reduction: last, min, prod, mean (default: last).")
    String reduction;

    @Option(names = "--no-filter-duplicates", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Drop beams with exactly the same text (default: on).")
    boolean filterDuplicates;

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
        List<Problem> problems = window(loadProblems());
        List<Strategy> chosen = strategies();
        List<Integer> ns = new TreeSet<>(budgets).stream().toList();
        SearchConfig base = baseConfig();
        List<SearchJob> jobs = plan(problems, chosen, ns, base, seeds);

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
                models.put("policy", describe(policy));
                models.put("prm", describe(prm));
            }
            try (JsonlWriter writer = new JsonlWriter(json, out);
                 ProgressBar bar = Progress.bar("run", problems.size(), quiet)) {
                writer.write(Map.of("manifest", manifest(base, ns, problems.size(), models,
                        inProcess || choice.usesSimulator() ? sim : null)));
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

    private List<Problem> loadProblems() {
        if (input != null) {
            return new ProblemFile(json).read(input);
        }
        OptionChecks.between(spec, "--count", count, 1, SimCommand.MAX_PROBLEMS);
        return ArithWorld.generate(count, datasetSeed);
    }

    private List<Problem> window(List<Problem> all) {
        OptionChecks.between(spec, "--offset", offset, 0, Integer.MAX_VALUE);
        if (limit != null) {
            OptionChecks.between(spec, "--limit", limit, 1, Integer.MAX_VALUE);
        }
        int from = Math.min(offset, all.size());
        int to = limit == null ? all.size() : Math.min(all.size(), from + limit);
        if (from == to) {
            throw new BadInputException("no problems to solve: the input has " + all.size() + " problems and "
                    + "--offset is " + offset);
        }
        return all.subList(from, to);
    }

    private List<Strategy> strategies() {
        return strategies.stream().distinct().map(name -> Strategies.create(name.strip(), EQUIVALENCE)).toList();
    }

    private SearchConfig baseConfig() {
        return new SearchConfig(budgets.get(0), m, temperature, 1.0, maxTokens, maxIterations, lookahead,
                Reduction.parse(reduction), filterDuplicates, seeds.get(0));
    }

    /**
     * Every search to run, problem by problem so rows can be written early. Independent sampling runs once at the
     * largest budget (smaller ones are its prefixes); beam search and DVTS run once per budget. Every
     * configuration is validated before anything runs.
     */
    private static List<SearchJob> plan(List<Problem> problems, List<Strategy> strategies, List<Integer> ns,
                                        SearchConfig base, List<Long> seeds) {
        List<SearchJob> perProblem = new ArrayList<>();
        for (long seed : seeds) {
            for (Strategy s : strategies) {
                List<Integer> runs = s instanceof IndependentSampling ? List.of(ns.get(ns.size() - 1)) : ns;
                for (int n : runs) {
                    SearchConfig config = base.withN(n).withSeed(seed);
                    s.start(problems.get(0), config);
                    perProblem.add(new SearchJob(s, null, config));
                }
            }
        }
        return problems.stream()
                .flatMap(p -> perProblem.stream().map(j -> new SearchJob(j.strategy(), p, j.config())))
                .toList();
    }

    /** A profile as the manifest records it: never the API key, only the variable that holds it. */
    private static Map<String, Object> describe(ModelProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", p.name());
        m.put("url", p.url().toString());
        m.put("model", p.model());
        m.put("template", p.template());
        m.put("prm_format", p.prmFormat());
        m.put("api_key_env", p.apiKeyEnv());
        return m;
    }

    private Map<String, Object> manifest(SearchConfig base, List<Integer> ns, int problemCount,
                                         Map<String, Object> models, SimConfig sim) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ponder_version", BuildInfo.version());
        m.put("git_commit", BuildInfo.commit());
        m.put("command", "run");
        m.put("created", Instant.now().toString());
        m.put("input", input == null ? "generated: arith world, count=" + count + ", seed=" + datasetSeed
                : input.toString());
        m.put("problems", problemCount);
        m.put("offset", offset);
        m.put("limit", limit);
        m.put("strategies", strategies);
        m.put("n", ns);
        m.put("seeds", seeds);
        m.put("config", Map.of("m", base.m(), "temperature", base.temperature(), "top_p", base.topP(),
                "max_tokens", base.maxTokens(), "max_iterations", base.maxIterations(), "lookahead",
                base.lookahead(), "reduction", base.reduction().name().toLowerCase(), "filter_duplicates",
                base.filterDuplicates()));
        m.put("models", models);
        if (sim != null) {
            m.put("simulator", sim.toMap());
        }
        return m;
    }
}
