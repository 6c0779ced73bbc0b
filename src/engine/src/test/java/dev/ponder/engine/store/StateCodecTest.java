package dev.ponder.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.driver.ChunkResult;
import dev.ponder.core.driver.ModelChunk;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.Action;
import dev.ponder.core.strategy.SearchState;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.core.strategy.Strategy;
import dev.ponder.sim.ArithWorld;
import dev.ponder.sim.SimConfig;
import dev.ponder.sim.SimPolicy;
import dev.ponder.sim.SimPrm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store keeps a search's state as nodes with parent pointers plus ordered id lists: after every step of every
 * strategy, what is written and read back equals the state the strategy returned, field for field.
 */
class StateCodecTest {

    private static final SimConfig SIM = SimConfig.defaults();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        List<Problem> problems = ArithWorld.generate(6, 21);
        SearchConfig base = SearchConfig.defaults();
        for (Problem p : problems) {
            cases.add(Arguments.of("majority", p, base.withN(8)));
            cases.add(Arguments.of("best-of-n", p, base.withN(4)));
            cases.add(Arguments.of("weighted-best-of-n", p, base.withN(16)));
            cases.add(Arguments.of("beam", p, base.withN(8).withM(2)));
            cases.add(Arguments.of("beam", p, base.withN(8).withLookahead(2).withReduction(Reduction.MIN)));
            cases.add(Arguments.of("beam", p, base.withN(6).withM(3).withFilterDuplicates(false).withMaxIterations(3)));
            cases.add(Arguments.of("dvts", p, base.withN(16).withM(4)));
            cases.add(Arguments.of("dvts", p, base.withN(8).withM(4).withMaxIterations(2).withMaxTokens(12)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2} on {1}")
    @MethodSource("cases")
    void everyStateReadBackEqualsTheStateWritten(String name, Problem problem, SearchConfig config) {
        Strategy strategy = Strategies.create(name, AnswerEquivalence.math());
        SearchState state = strategy.start(problem, config);
        SearchItem.StateRefs refs = StateCodec.start(state);
        Map<String, NodeItem> stored = new HashMap<>();
        assertThat(StateCodec.decode(item(name, problem, config, refs), stored)).isEqualTo(state);
        int steps = 0;
        for (Action action = strategy.next(state); !(action instanceof Action.Finish); action = strategy.next(state)) {
            List<ChunkResult> results = new ArrayList<>();
            for (ModelChunk chunk : ModelChunk.plan(action, 3, 5)) {
                results.add(chunk.run(new SimPolicy(SIM), new SimPrm(SIM)));
            }
            SearchState next = strategy.apply(state, ChunkResult.combine(action, results));
            StateCodec.Encoded encoded = StateCodec.encode(state, refs, stored, next);
            encoded.nodes().forEach(n -> stored.put(n.id(), n));
            refs = encoded.refs();
            SearchState read = StateCodec.decode(item(name, problem, config, refs), stored);
            assertThat(read).as("after step %d", ++steps).isEqualTo(next);
            state = read;
        }
        assertThat(steps).isPositive();
        assertThat(stored.values()).allMatch(n -> n.approximateBytes() < 400_000);
    }

    private static SearchItem item(String strategy, Problem problem, SearchConfig config, SearchItem.StateRefs refs) {
        return new SearchItem("s", SearchStatus.RUNNING, 0, 0, strategy, problem, config, "sim", "sim-prm", "t", null,
                3, 5, refs, 0, 0, 0, 0, null, null, 0, false);
    }
}
