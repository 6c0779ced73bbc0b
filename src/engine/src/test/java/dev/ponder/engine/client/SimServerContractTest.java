package dev.ponder.engine.client;

import dev.ponder.core.model.Generation;
import dev.ponder.core.model.Prompt;
import dev.ponder.core.model.PromptDemand;
import dev.ponder.core.model.Sample;
import dev.ponder.core.model.SamplingParams;
import dev.ponder.core.model.ScoreItem;
import dev.ponder.core.model.Scoring;
import dev.ponder.core.search.CompletionStatus;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.Steps;
import dev.ponder.engine.model.ModelProfile;
import dev.ponder.sim.ArithWorld;
import dev.ponder.sim.SimConfig;
import dev.ponder.sim.SimPolicy;
import dev.ponder.sim.SimPrm;
import dev.ponder.sim.server.Faults;
import dev.ponder.sim.server.SimServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The clients against the real simulator server ({@link SimServer}, an integration over loopback HTTP): every
 * result must equal the in-process simulated models' for the same demands — texts (the client re-appends the
 * delimiter the server drops), statuses, completion tokens and step scores.
 */
class SimServerContractTest {

    private static final SimConfig WORLD = SimConfig.defaults();
    private static final SimPolicy POLICY = new SimPolicy(WORLD);
    private static final SimPrm PRM = new SimPrm(WORLD);
    private static final SamplingParams STEP = new SamplingParams(0.8, 1.0, 2048, List.of(Steps.DELIMITER), 42);
    private static final SamplingParams WHOLE = new SamplingParams(0.8, 1.0, 2048, List.of(), 7);

    private static SimServer server;
    private static SimServer faulty;
    private static List<Problem> problems;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        server = SimServer.start(SimServer.Options.defaults().withPort(0));
        faulty = SimServer.start(SimServer.Options.defaults().withPort(0).withFaults(new Faults(0.5, 503)));
        problems = ArithWorld.generate(8, 11);
    }

    @AfterAll
    static void stop() {
        server.close();
        faulty.close();
    }

    private static ModelProfile.Builder profile(SimServer at, String model) {
        return Fixtures.profile(at.uri().toString(), model);
    }

    /** Fresh prompts, partial answers one and two steps in, and a finished answer, with n from 1 to 3. */
    private static List<PromptDemand> demands() {
        List<PromptDemand> demands = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            String problem = problems.get(i).problem();
            demands.add(new PromptDemand(new Prompt(problem, ""), 1 + i % 3));
            Sample first = POLICY.generate(List.of(new PromptDemand(new Prompt(problem, ""), 1)), STEP).samples()
                    .get(0).get(0);
            if (first.status() == CompletionStatus.DELIMITER) {
                demands.add(new PromptDemand(new Prompt(problem, first.text()), 2));
                Sample second = POLICY.generate(List.of(new PromptDemand(new Prompt(problem, first.text()), 1)),
                        STEP).samples().get(0).get(0);
                demands.add(new PromptDemand(new Prompt(problem, first.text() + second.text()), 3));
            }
        }
        String whole = POLICY.generate(List.of(new PromptDemand(new Prompt(problems.get(0).problem(), ""), 1)),
                WHOLE).samples().get(0).get(0).text();
        demands.add(new PromptDemand(new Prompt(problems.get(0).problem(), whole), 2)); // nothing left: EMPTY
        return demands;
    }

    private static void assertSameTextsAndStatuses(Generation got, Generation expected) {
        assertThat(got.samples()).hasSameSizeAs(expected.samples());
        for (int p = 0; p < expected.samples().size(); p++) {
            assertThat(got.samples().get(p)).extracting(Sample::text, Sample::status)
                    .as("prompt %d", p)
                    .containsExactlyElementsOf(expected.samples().get(p).stream()
                            .map(s -> org.assertj.core.groups.Tuple.tuple(s.text(), s.status())).toList());
        }
    }

    @Test
    void policySamplesEqualTheInProcessPolicys() {
        List<PromptDemand> demands = demands();
        PolicyClient client = new PolicyClient(profile(server, SimServer.POLICY_MODEL).build(), registry);

        Generation got = client.generate(demands, STEP);
        Generation expected = POLICY.generate(demands, STEP);

        assertSameTextsAndStatuses(got, expected); // the readable diff first
        assertThat(got.samples()).isEqualTo(expected.samples()); // then tokens too (token_ids, per choice)
        assertThat(got.samples().stream().flatMap(List::stream).map(Sample::status))
                .contains(CompletionStatus.DELIMITER, CompletionStatus.EMPTY);
        assertThat(got.usage().completionTokens()).isEqualTo(expected.usage().completionTokens());
        assertThat(got.usage().policyCalls()).isEqualTo(3); // n = 1, 2, 3: one request each
    }

    @Test
    void howPromptsAreChunkedDoesNotChangeTheSamples() {
        List<PromptDemand> demands = demands();
        PolicyClient client = new PolicyClient(profile(server, SimServer.POLICY_MODEL).maxBatch(1).build(), registry);

        Generation got = client.generate(demands, STEP);

        assertThat(got.samples()).isEqualTo(POLICY.generate(demands, STEP).samples());
    }

    @Test
    void truncatedSamplesAndWholeAnswersEqualTheInProcessPolicys() {
        List<PromptDemand> demands = List.of(new PromptDemand(new Prompt(problems.get(1).problem(), ""), 2),
                new PromptDemand(new Prompt(problems.get(2).problem(), ""), 1));
        PolicyClient client = new PolicyClient(profile(server, SimServer.POLICY_MODEL).build(), registry);
        SamplingParams short8 = new SamplingParams(0.8, 1.0, 8, List.of(Steps.DELIMITER), 3);

        Generation truncated = client.generate(demands, short8);
        Generation whole = client.generate(demands, WHOLE);

        assertThat(truncated.samples()).isEqualTo(POLICY.generate(demands, short8).samples());
        assertThat(truncated.samples().get(0)).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(CompletionStatus.TRUNCATED);
            assertThat(s.completionTokens()).isEqualTo(8);
        });
        assertThat(whole.samples()).isEqualTo(POLICY.generate(demands, WHOLE).samples());
    }

    @Test
    void greedySamplesEqualTheInProcessPolicys() {
        List<PromptDemand> demands = List.of(new PromptDemand(new Prompt(problems.get(3).problem(), ""), 3));
        SamplingParams greedy = new SamplingParams(0.0, 1.0, 2048, List.of(Steps.DELIMITER), 9);

        Generation got = new PolicyClient(profile(server, SimServer.POLICY_MODEL).build(), registry)
                .generate(demands, greedy);

        assertThat(got.samples()).isEqualTo(POLICY.generate(demands, greedy).samples());
    }

    @Test
    void chatAnswersEqualTheInProcessPolicys() {
        String problem = problems.get(4).problem();
        PolicyClient client = new PolicyClient(profile(server, SimServer.POLICY_MODEL).build(), registry);

        List<Sample> got = client.chat(problem, 3, WHOLE);

        List<Sample> expected = POLICY.generate(List.of(new PromptDemand(new Prompt(problem, ""), 3)), WHOLE)
                .samples().get(0);
        assertThat(got).extracting(Sample::text).containsExactlyElementsOf(expected.stream().map(Sample::text).toList());
        assertThat(got).extracting(Sample::status).containsOnly(CompletionStatus.EOS);
        // chat responses carry no per-choice token ids: only the total is exact
        assertThat(got.stream().mapToInt(Sample::completionTokens).sum())
                .isEqualTo(expected.stream().mapToInt(Sample::completionTokens).sum());
    }

    @Test
    void retriedFaultsDoNotChangeTheResult() {
        List<PromptDemand> demands = demands();
        // half of all distinct requests fail once, many at a time: a circuit breaker would rightly open on that
        PolicyClient client = new PolicyClient(profile(faulty, SimServer.POLICY_MODEL).maxBatch(2)
                .circuitFailures(1000).build(), registry);

        Generation got = client.generate(demands, STEP);

        assertThat(got.samples()).isEqualTo(POLICY.generate(demands, STEP).samples());
        assertThat(registry.find("ponder.endpoint.retries").counter().count()).isPositive();
    }

    /** Whole solutions and their prefixes, some with slips, split into steps as the search scores them. */
    private static List<ScoreItem> items() {
        List<ScoreItem> items = new ArrayList<>();
        for (Problem p : problems) {
            List<Sample> answers = POLICY.generate(List.of(new PromptDemand(new Prompt(p.problem(), ""), 2)), WHOLE)
                    .samples().get(0);
            for (Sample answer : answers) {
                List<String> steps = Steps.forScoring(answer.text());
                items.add(new ScoreItem(p.problem(), steps));
                items.add(new ScoreItem(p.problem(), steps.subList(0, Math.max(1, steps.size() / 2))));
            }
        }
        items.add(new ScoreItem(problems.get(0).problem(), List.of()));
        return items;
    }

    @ParameterizedTest(name = "{0} template {1}")
    @CsvSource({"ponder-json, llama3", "vllm-reward, none", "vllm-reward, chatml", "vllm-reward, llama3"})
    void prmScoresEqualTheInProcessPrmExactly(String format, String template) {
        List<ScoreItem> items = items();
        PrmClient client = new PrmClient(profile(server, SimServer.PRM_MODEL).prmFormat(format).template(template)
                .build(), registry);

        Scoring got = client.score(items);

        assertThat(got.scores()).isEqualTo(PRM.score(items).scores());
        assertThat(got.usage().promptTokens()).as("prompt tokens the server reports, for the bill").isPositive();
    }

    @Test
    void tokenProbScoresEqualTheInProcessPrmWithinRounding() {
        List<ScoreItem> items = items();
        PrmClient client = new PrmClient(profile(server, SimServer.PRM_MODEL).prmFormat("token-prob")
                .template("llama3").build(), registry);

        List<List<Double>> got = client.score(items).scores();

        List<List<Double>> expected = PRM.score(items).scores();
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(got.get(i)).as("item %d", i).hasSameSizeAs(expected.get(i));
            for (int k = 0; k < expected.get(i).size(); k++) {
                assertThat(got.get(i).get(k)).as("item %d step %d", i, k).isCloseTo(expected.get(i).get(k),
                        within(1e-9));
            }
        }
    }

    @Test
    void prmScoresSurviveRetriedFaults() {
        List<ScoreItem> items = items();
        PrmClient client = new PrmClient(profile(faulty, SimServer.PRM_MODEL).prmFormat("vllm-reward")
                .template("none").circuitFailures(1000).build(), registry);

        assertThat(client.score(items).scores()).isEqualTo(PRM.score(items).scores());
    }

    @Test
    void theEndpointCheckPassesAgainstTheSimulator() {
        EndpointCheck check = new EndpointCheck(registry);
        List<Finding> findings = new ArrayList<>();
        findings.addAll(check.check(profile(server, SimServer.POLICY_MODEL).build(),
                profile(server, SimServer.PRM_MODEL).prmFormat("ponder-json").build()));
        findings.addAll(check.check(null, profile(server, SimServer.PRM_MODEL).prmFormat("vllm-reward")
                .template("none").build()));
        findings.addAll(check.check(null, profile(server, SimServer.PRM_MODEL).prmFormat("token-prob").build()));

        assertThat(findings).hasSize(12).allSatisfy(f -> assertThat(f.ok()).as(f.message()).isTrue());
    }
}
