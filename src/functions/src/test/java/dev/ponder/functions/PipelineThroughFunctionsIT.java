package dev.ponder.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.driver.InProcessDriver;
import dev.ponder.core.driver.SearchRun;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.stage.Pipeline;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import dev.ponder.sim.SimConfig;
import dev.ponder.sim.SimPolicy;
import dev.ponder.sim.SimPrm;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole pipeline through the packaged functions: the four stage functions each in its own process (as four Lambdas
 * from one function.zip), and this test as the SQS event source mappings — it receives from the real (ElasticMQ)
 * queues, posts each batch as an SQS event to its stage's function, checks that no message came back in
 * {@code batchItemFailures}, and deletes the batch. A search submitted through {@code Searches.submit} must end
 * exactly as the in-process driver's run over the same simulator.
 */
class PipelineThroughFunctionsIT {

    /** Small chunks, so a round fans out over several sample and score messages and fans in through select. */
    private static final Pipeline.Options OPTIONS = Pipeline.Options.defaults().withChunks(3, 2);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static TestServers servers;
    private static Harness harness;
    private static final Map<Stage, LambdaProcess> FUNCTIONS = new EnumMap<>(Stage.class);

    @BeforeAll
    static void deploy() throws IOException {
        servers = new TestServers();
        harness = new Harness(servers, "e2e", OPTIONS);
        for (Stage stage : Stage.values()) {
            FUNCTIONS.put(stage, LambdaProcess.start(stage.key(), harness.config()));
        }
    }

    @AfterAll
    static void undeploy() throws IOException, InterruptedException {
        for (LambdaProcess function : FUNCTIONS.values()) {
            function.close();
        }
        servers.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"majority", "beam"})
    void searchDrivenByTheFunctionsEndsAsInProcess(String strategyName) throws InterruptedException {
        SearchConfig config = SearchConfig.defaults().withN(4).withM(2)
                .withLookahead(strategyName.equals("beam") ? 1 : 0);
        SearchItem submitted = harness.submit("e2e-" + strategyName, strategyName, config, null);

        SearchItem ended = drive(submitted.id());

        assertThat(ended.status()).as(ended.reason() + " / " + ended.lastError()).isEqualTo(SearchStatus.SUCCEEDED);
        Strategy strategy = Strategies.create(strategyName, AnswerEquivalence.math());
        SearchRun piped = harness.searches.run(ended);
        SearchRun local = new InProcessDriver(new SimPolicy(SimConfig.defaults()), new SimPrm(SimConfig.defaults()),
                new InProcessDriver.Options(1, OPTIONS.sampleChunk(), OPTIONS.scoreChunk()))
                .run(strategy, submitted.problem(), config);
        assertThat(piped.state()).isEqualTo(local.state());
        assertThat(strategy.finish(piped.state())).isEqualTo(strategy.finish(local.state()));
        assertThat(piped.usage().completionTokens()).isEqualTo(local.usage().completionTokens());
        assertThat(piped.usage().policyCalls()).isEqualTo(local.usage().policyCalls());
        assertThat(piped.usage().prmCalls()).isEqualTo(local.usage().prmCalls());
    }

    /** Plays Lambda's event source mappings until the search ends; every batch must succeed whole. */
    private static SearchItem drive(String id) throws InterruptedException {
        long until = System.nanoTime() + TIMEOUT.toNanos();
        int invocations = 0;
        while (harness.search(id).status() == SearchStatus.PENDING
                || harness.search(id).status() == SearchStatus.RUNNING) {
            if (System.nanoTime() > until) {
                throw new AssertionError("search " + id + " did not end within " + TIMEOUT + " (" + invocations
                        + " invocations)");
            }
            boolean idle = true;
            for (Stage stage : Stage.values()) {
                List<Message> batch = harness.receive(stage);
                if (batch.isEmpty()) {
                    continue;
                }
                idle = false;
                invocations++;
                String response = FUNCTIONS.get(stage).invoke(SqsEvents.of(harness.arn(stage), batch).toString());
                assertThat(SqsEvents.failures(response)).as(stage.key() + " batch failures").isEmpty();
                batch.forEach(m -> harness.delete(stage, m));
            }
            if (idle) {
                Thread.sleep(20);
            }
        }
        return harness.search(id);
    }
}
