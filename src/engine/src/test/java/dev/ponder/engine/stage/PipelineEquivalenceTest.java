package dev.ponder.engine.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.driver.InProcessDriver;
import dev.ponder.core.driver.SearchRun;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import dev.ponder.sim.ArithWorld;
import dev.ponder.sim.SimConfig;
import dev.ponder.sim.SimPolicy;
import dev.ponder.sim.SimPrm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC.md §1 "same result": every strategy through the pipeline ends exactly as it does in process. */
class PipelineEquivalenceTest {

    private static PipelineStack stack;
    private static final SimConfig SIM = SimConfig.defaults();

    @BeforeAll
    static void start() {
        stack = new PipelineStack();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"majority", "best-of-n", "weighted-best-of-n", "beam", "dvts"})
    void pipelineRunsEqualInProcessRuns(String strategyName) throws Exception {
        List<Problem> problems = ArithWorld.generate(3, 11);
        SearchConfig config = SearchConfig.defaults().withN(8).withM(4).withLookahead(
                strategyName.equals("beam") ? 1 : 0);
        Strategy strategy = Strategies.create(strategyName, AnswerEquivalence.math());
        Pipeline.Options options = Pipeline.Options.defaults().withChunks(3, 5);
        InProcessDriver driver = new InProcessDriver(new SimPolicy(SIM), new SimPrm(SIM),
                new InProcessDriver.Options(1, options.sampleChunk(), options.scoreChunk()));

        try (PipelineStack.Running running = stack.start(options,
                PipelineStack.same(new SimPolicy(SIM), new SimPrm(SIM)))) {
            List<String> ids = new ArrayList<>();
            for (Problem p : problems) {
                String id = strategyName + "-" + p.uniqueId();
                running.searches.submit(new Searches.Submission(id, "test", null, p, strategyName, config, "sim",
                        "sim-prm", null));
                ids.add(id);
            }
            List<SearchItem> ended = running.await(ids, Duration.ofSeconds(60));
            for (int i = 0; i < problems.size(); i++) {
                SearchItem s = ended.get(i);
                assertThat(s.status()).as(s.id() + ": " + s.reason() + " / " + s.lastError())
                        .isEqualTo(SearchStatus.SUCCEEDED);
                SearchRun piped = running.searches.run(s);
                SearchRun local = driver.run(strategy, problems.get(i), config);
                assertThat(piped.state()).isEqualTo(local.state());
                assertThat(strategy.finish(piped.state())).isEqualTo(strategy.finish(local.state()));
                assertThat(piped.usage().completionTokens()).isEqualTo(local.usage().completionTokens());
                assertThat(piped.usage().policyCalls()).isEqualTo(local.usage().policyCalls());
                assertThat(piped.usage().prmCalls()).isEqualTo(local.usage().prmCalls());
            }
        }
    }
}
