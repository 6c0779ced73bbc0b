package dev.ponder.engine.store;

import static dev.ponder.engine.store.Attrs.n;
import static dev.ponder.engine.store.Attrs.num;
import static dev.ponder.engine.store.Attrs.s;
import static dev.ponder.engine.store.Attrs.str;
import static dev.ponder.engine.store.Attrs.strList;
import static dev.ponder.engine.store.Attrs.strings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.Phase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A search's {@code META} item: who runs what, where it stands, and the shape of its state — the node ids of its
 * frontier, candidates and completed paths, in order (the nodes themselves are separate items).
 *
 * @param id           the search id
 * @param status       where it stands
 * @param version      optimistic lock: every state change writes version + 1 on condition of the version read
 * @param round        the action counter: messages of other rounds are stale
 * @param strategy     the strategy name
 * @param problem      the problem
 * @param config       the search configuration
 * @param policy       the policy's model profile name
 * @param prm          the PRM's model profile name
 * @param tenant       who owns it
 * @param batch        the batch it belongs to, or {@code null}
 * @param sampleChunk  prompts per policy call, fixed for the search's life so fan-in counts never change
 * @param scoreChunk   candidates per PRM call, likewise fixed
 * @param state        the strategy state's position and node ids
 * @param createdMs    when it was accepted, epoch milliseconds
 * @param updatedMs    when it last changed
 * @param deadlineMs   when it fails if not finished
 * @param finishedMs   when it reached a terminal state, or 0
 * @param reason       why it failed or was cancelled, or {@code null}
 * @param lastError    the last error a stage met on it, or {@code null}
 * @param redrives     how often the sweeper re-drove it
 * @param holdsSlot    whether it holds one of its tenant's concurrency slots (searches submitted through the API),
 *                     given back in the transaction that ends it
 */
public record SearchItem(String id, SearchStatus status, long version, int round, String strategy, Problem problem,
                         SearchConfig config, String policy, String prm, String tenant, String batch,
                         int sampleChunk, int scoreChunk, StateRefs state, long createdMs, long updatedMs,
                         long deadlineMs, long finishedMs, String reason, String lastError, int redrives,
                         boolean holdsSlot) {

    /**
     * Where a strategy state stands, with its lists of nodes by id.
     *
     * @param phase         the phase within the iteration
     * @param iteration     the strategy iteration
     * @param lookaheadStep lookahead steps taken in this iteration
     * @param frontier      node ids of the frontier (roots for a fresh search)
     * @param candidates    node ids of the current (or last chosen-from) candidates
     * @param completed     node ids of the finished paths, in completion order
     */
    public record StateRefs(Phase phase, int iteration, int lookaheadStep, List<String> frontier,
                            List<String> candidates, List<String> completed) {
        public StateRefs {
            frontier = List.copyOf(frontier);
            candidates = List.copyOf(candidates);
            completed = List.copyOf(completed);
        }
    }

    /** Whether the search may still change. */
    public boolean active() {
        return !status.terminal();
    }

    Map<String, AttributeValue> toItem(ObjectMapper json) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(Keys.search(id)));
        item.put("sk", s(Keys.META));
        item.put("kind", s("search"));
        item.put("id", s(id));
        item.put("version", n(version));
        item.put("round", n(round));
        item.put("strategy", s(strategy));
        item.put("problem", s(write(json, problem)));
        item.put("config", s(write(json, config)));
        item.put("policy", s(policy));
        item.put("prm", s(prm));
        item.put("tenant", s(tenant));
        if (batch != null) {
            item.put("batch", s(batch));
        }
        item.put("sample_chunk", n(sampleChunk));
        item.put("score_chunk", n(scoreChunk));
        item.put("created", n(createdMs));
        item.put("deadline", n(deadlineMs));
        item.put("redrives", n(redrives));
        item.put("slot", Attrs.bool(holdsSlot));
        item.putAll(statusAttributes(status, updatedMs, deadlineMs));
        item.putAll(stateAttributes(state));
        return item;
    }

    /**
     * The status and its index keys: active searches carry {@code active} (the sweeper's index, by deadline), which
     * terminal ones drop, so the index holds only work that may still need a push.
     */
    static Map<String, AttributeValue> statusAttributes(SearchStatus status, long updatedMs, long deadlineMs) {
        Map<String, AttributeValue> a = new HashMap<>();
        a.put("status", s(status.name()));
        a.put("updated", n(updatedMs));
        if (!status.terminal()) {
            a.put("active", s(status.name()));
        }
        return a;
    }

    static Map<String, AttributeValue> stateAttributes(StateRefs state) {
        Map<String, AttributeValue> a = new HashMap<>();
        a.put("phase", s(state.phase().name()));
        a.put("iteration", n(state.iteration()));
        a.put("lookahead_step", n(state.lookaheadStep()));
        a.put("frontier", strings(state.frontier()));
        a.put("candidates", strings(state.candidates()));
        a.put("completed", strings(state.completed()));
        return a;
    }

    static SearchItem from(Map<String, AttributeValue> item, ObjectMapper json) {
        StateRefs state = new StateRefs(Phase.valueOf(str(item, "phase")), (int) num(item, "iteration"),
                (int) num(item, "lookahead_step"), strList(item, "frontier"), strList(item, "candidates"),
                strList(item, "completed"));
        return new SearchItem(str(item, "id"), SearchStatus.valueOf(str(item, "status")), num(item, "version"),
                (int) num(item, "round"), str(item, "strategy"), read(json, str(item, "problem"), Problem.class),
                read(json, str(item, "config"), SearchConfig.class), str(item, "policy"), str(item, "prm"),
                str(item, "tenant"), str(item, "batch"), (int) num(item, "sample_chunk"),
                (int) num(item, "score_chunk"), state, num(item, "created"), num(item, "updated"),
                num(item, "deadline"), num(item, "finished"), str(item, "reason"), str(item, "last_error"),
                (int) num(item, "redrives"), Attrs.flag(item, "slot"));
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(ObjectMapper json, String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable: "
                    + e.getOriginalMessage(), e);
        }
    }
}
