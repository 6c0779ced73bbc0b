package dev.ponder.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ponder.cli.io.BadInputException;
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
import dev.ponder.core.driver.SearchRun;
import dev.ponder.core.model.Usage;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.search.Trajectory;
import dev.ponder.core.strategy.SearchOutcome;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.core.strategy.WinningPath;
import dev.ponder.engine.model.ModelProfile;
import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.engine.stage.Searches;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ponder solve}: one problem, one search through the pipeline; prints the answer, the path it came from step
 * by step with the PRM's scores, and what it cost. The search id hashes the problem and the arguments, so asking the
 * same again on a kept store answers from the store.
 */
@Dependent
@Command(name = "solve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Solve one problem with one search through the pipeline on the embedded default; print the "
                + "answer, the chosen path step by step with its scores, and the usage.")
public class SolveCommand implements Callable<Integer> {

    private static final AnswerEquivalence EQUIVALENCE = AnswerEquivalence.math();

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

    @Parameters(index = "0", paramLabel = "PROBLEM", description = "The problem text.")
    String problemText;

    @Option(names = "--answer", paramLabel = "GOLD", description = "The gold answer, to grade the prediction.")
    String answer;

    @Option(names = "--strategy", defaultValue = "beam", paramLabel = "NAME",
            description = "majority, best-of-n, weighted-best-of-n, beam, dvts, repeated-sampling "
                    + "(default: ${DEFAULT-VALUE}).")
    String strategyName;

    @Option(names = "--n", defaultValue = "16", description = "Budget N (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "42", description = "Search seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    KnobOptions knobs;

    @Mixin
    ModelOptions endpoints;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Messages handled at once per stage (default: ponder.pipeline.concurrency, 8).")
    Integer concurrency;

    @Option(names = "--json", description = "One JSON object on standard output instead of text.")
    boolean asJson;

    @Option(names = "--verbose", description = "Log the search's life (search=<id> accepted, succeeded, ...).")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException, JsonProcessingException {
        if (problemText.isBlank()) {
            throw new BadInputException("PROBLEM must be a non-empty text");
        }
        Problem problem = Problem.of(problemText.strip(), answer);
        Strategy strategy = Strategies.create(strategyName.strip(), EQUIVALENCE);
        SearchConfig config = knobs.config(n, seed);
        strategy.start(problem, config);
        int workers = concurrency != null ? concurrency : pipelineConfig.concurrency();
        OptionChecks.between(spec, "--concurrency", workers, 1, EmbeddedPipeline.MAX_CONCURRENCY);
        PipelineLogs.verbose(verbose);

        long started = System.nanoTime();
        try (ModelChoice choice = new ModelChoice(modelsConfig, new SimpleMeterRegistry())) {
            ModelProfile policy = endpoints.policy(choice);
            ModelProfile prm = endpoints.prm(choice);
            String id = searchId(problem, strategy, config);
            try (EmbeddedPipeline pipeline = EmbeddedPipeline.open(new EmbeddedPipeline.Settings(
                    storeOptions.resolve(storeConfig), workers, true), pipelineConfig, json,
                    new ProfileModels(choice, policy, prm))) {
                Searches searches = pipeline.searches();
                SearchItem item = searches.get(id).orElseGet(() -> searches.submit(new Searches.Submission(id,
                        BatchCommand.TENANT, null, problem, strategy.name(), config, policy.name(), prm.name(),
                        null)));
                long pollMs = Math.max(10, pipelineConfig.pollInterval().toMillis());
                while (item.active()) {
                    Thread.sleep(pollMs);
                    item = searches.get(id).orElseThrow(() -> new IllegalStateException("search " + id
                            + " vanished from the store"));
                }
                long wallMs = (System.nanoTime() - started) / 1_000_000;
                if (item.status() != SearchStatus.SUCCEEDED) {
                    return unsuccessful(item, wallMs);
                }
                print(item, searches.run(item), wallMs);
                return 0;
            }
        }
    }

    /** The hash of the problem, the strategy, the whole configuration and the models. */
    private String searchId(Problem problem, Strategy strategy, SearchConfig config) throws JsonProcessingException {
        Map<String, Object> knobsById = new TreeMap<>(KnobOptions.describe(config));
        knobsById.put("n", config.n());
        knobsById.put("seed", config.seed());
        return Ids.of("solve", problem.uniqueId(), problem.answer() == null ? "" : problem.answer(), strategy.name(),
                json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                        .writeValueAsString(knobsById), endpoints.policyIdentity(), endpoints.prmIdentity());
    }

    private int unsuccessful(SearchItem item, long wallMs) throws JsonProcessingException {
        String why = item.reason() != null ? item.reason() : String.valueOf(item.lastError());
        if (asJson) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("search_id", item.id());
            out.put("status", item.status().name());
            out.put("error", why);
            out.put("wall_ms", wallMs);
            spec.commandLine().getOut().println(json.writeValueAsString(out));
            spec.commandLine().getOut().flush();
        }
        spec.commandLine().getErr().println("search " + item.id() + " " + item.status() + ": " + why
                + " (ponder searches show " + item.id() + " tells more)");
        return 1;
    }

    private void print(SearchItem item, SearchRun run, long wallMs) throws JsonProcessingException {
        SearchOutcome outcome = run.strategy().finish(run.state());
        SearchConfig config = run.state().config();
        Trajectory path = WinningPath.of(outcome, config.reduction(), EQUIVALENCE).orElse(null);
        Boolean correct = answer == null || outcome.pred() == null ? null
                : !outcome.pred().isEmpty() && EQUIVALENCE.equivalent(answer, outcome.pred());
        Usage u = run.usage();
        PrintWriter out = spec.commandLine().getOut();
        if (asJson) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("search_id", item.id());
            m.put("status", item.status().name());
            m.put("problem", item.problem().problem());
            m.put("answer", answer);
            m.put("strategy", item.strategy());
            m.put("n", config.n());
            m.put("m", config.m());
            m.put("seed", config.seed());
            m.put("pred", outcome.pred());
            m.put("correct", correct);
            m.put("iterations", run.state().iteration());
            if (path != null) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("score", path.score(config.reduction()));
                p.put("status", path.status().name());
                p.put("finished", path.finished());
                p.put("steps", WinningPath.steps(path).stream().map(s -> {
                    Map<String, Object> step = new LinkedHashMap<>();
                    step.put("text", s.text());
                    step.put("score", s.score());
                    return step;
                }).toList());
                m.put("trajectory", p);
            }
            m.putAll(outcome.predictions());
            m.put("usage", usage(u));
            m.put("search_ms", run.wallMs());
            m.put("wall_ms", wallMs);
            out.println(json.writeValueAsString(m));
            out.flush();
            return;
        }
        out.printf("answer: %s%s%n", outcome.pred() == null ? "(none: this strategy reports coverage)"
                        : outcome.pred().isEmpty() ? "(none: no path finished)" : outcome.pred(),
                correct == null ? "" : correct ? "  (correct)" : "  (wrong: gold " + answer + ")");
        out.printf("search %s: %s n=%d m=%d seed=%d, %s after %d iterations%n", item.id(), item.strategy(),
                config.n(), config.m(), config.seed(), item.status(), run.state().iteration());
        if (path != null) {
            List<WinningPath.Step> steps = WinningPath.steps(path);
            out.printf("%nchosen path: %d steps, score %.3f (%s), %s%n", steps.size(), path.score(config.reduction()),
                    config.reduction().name().toLowerCase(), path.finished() ? "finished" : path.status());
            for (int i = 0; i < steps.size(); i++) {
                WinningPath.Step s = steps.get(i);
                out.printf("%3d. [%s] %s%n", i + 1, s.score() == null ? "  -  " : String.format("%.3f", s.score()),
                        s.text().replace("\n", "\n" + " ".repeat(13)));
            }
        }
        out.printf("%nusage: %d prompt + %d completion tokens, %d policy calls, %d PRM calls, %.2f model-seconds; "
                        + "search %.2f s, command %.2f s%n", u.promptTokens(), u.completionTokens(), u.policyCalls(),
                u.prmCalls(), u.modelSeconds(), run.wallMs() / 1000.0, wallMs / 1000.0);
        out.flush();
    }

    static Map<String, Object> usage(Usage u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prompt_tokens", u.promptTokens());
        m.put("completion_tokens", u.completionTokens());
        m.put("policy_calls", u.policyCalls());
        m.put("prm_calls", u.prmCalls());
        m.put("model_seconds", u.modelSeconds());
        return m;
    }
}
