package dev.ponder.engine.store;

import dev.ponder.core.search.Trajectory;
import dev.ponder.core.strategy.Beam;
import dev.ponder.core.strategy.Candidate;
import dev.ponder.core.strategy.Phase;
import dev.ponder.core.strategy.SearchState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a strategy's {@link SearchState} to the store and back: node items for candidates (each with its own step
 * and a parent pointer) and, on the search item, the node ids of the frontier, the candidates and the completed
 * paths. Decoding rebuilds every path text by following parents, so a decoded state equals the state that was
 * encoded, field for field — the store adds nothing and loses nothing.
 */
public final class StateCodec {

    private static final String ROOT_PREFIX = "root#";

    private StateCodec() {
    }

    /** The id that stands for the empty root path of subtree {@code lane}. */
    public static String root(int lane) {
        return ROOT_PREFIX + lane;
    }

    /** The state a search item and its nodes describe. */
    public static SearchState decode(SearchItem search, Map<String, NodeItem> nodes) {
        Texts texts = new Texts(nodes);
        SearchItem.StateRefs refs = search.state();
        List<Beam> frontier = refs.frontier().stream()
                .map(id -> isRoot(id) ? Beam.root(rootLane(id)) : texts.candidate(id).toBeam())
                .toList();
        List<Candidate> candidates = refs.candidates().stream().map(texts::candidate).toList();
        List<Trajectory> completed = refs.completed().stream().map(id -> texts.candidate(id).toTrajectory()).toList();
        return new SearchState(search.strategy(), search.problem(), search.config(), refs.phase(), refs.iteration(),
                refs.lookaheadStep(), frontier, candidates, completed);
    }

    /** The refs of a search's first state, whose frontier holds only roots. */
    public static SearchItem.StateRefs start(SearchState first) {
        if (!first.candidates().isEmpty() || !first.completed().isEmpty()
                || first.frontier().stream().anyMatch(b -> !b.equals(Beam.root(b.lane())))) {
            throw new IllegalArgumentException("a first state holds only root paths");
        }
        return new SearchItem.StateRefs(first.phase(), first.iteration(), first.lookaheadStep(),
                first.frontier().stream().map(b -> root(b.lane())).toList(), List.of(), List.of());
    }

    /**
     * What to write after {@code before} became {@code after} by applying one round's results.
     *
     * @param before     the state the round started from
     * @param beforeRefs its refs
     * @param nodes      its nodes (at least those its refs name)
     * @param after      the state the strategy returned
     */
    public static Encoded encode(SearchState before, SearchItem.StateRefs beforeRefs, Map<String, NodeItem> nodes,
                                 SearchState after) {
        List<String> candidateIds = candidateIds(before, beforeRefs, after);
        List<NodeItem> written = new ArrayList<>();
        Map<Beam, String> beams = new HashMap<>();
        Map<Trajectory, String> paths = new HashMap<>();
        for (int i = 0; i < before.frontier().size(); i++) {
            beams.putIfAbsent(before.frontier().get(i), beforeRefs.frontier().get(i));
        }
        for (int i = 0; i < before.completed().size(); i++) {
            paths.putIfAbsent(before.completed().get(i), beforeRefs.completed().get(i));
        }
        for (int i = 0; i < after.candidates().size(); i++) {
            Candidate c = after.candidates().get(i);
            String id = candidateIds.get(i);
            NodeItem old = nodes.get(id);
            String parent = old != null ? old.parent() : parentOf(c, before, beforeRefs);
            written.add(new NodeItem(id, parent, c.step(), c.lane(), c.status(), c.completionTokens(), c.lookahead(),
                    c.extending(), c.scores()));
            // A candidate's own node is its true lineage: it wins over an equal value found earlier.
            beams.put(c.toBeam(), id);
            paths.putIfAbsent(c.toTrajectory(), id);
        }
        List<String> frontier = after.frontier().stream()
                .map(b -> b.equals(Beam.root(b.lane())) ? root(b.lane()) : require(beams.get(b), "frontier path"))
                .toList();
        List<String> completed = after.completed().stream().map(t -> require(paths.get(t), "completed path")).toList();
        return new Encoded(new SearchItem.StateRefs(after.phase(), after.iteration(), after.lookaheadStep(), frontier,
                candidateIds, completed), written);
    }

    /**
     * The new refs and the nodes to write.
     *
     * @param refs  the refs of the new state
     * @param nodes its candidates as node items, new or updated
     */
    public record Encoded(SearchItem.StateRefs refs, List<NodeItem> nodes) {
        public Encoded {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * Sampling creates a fresh candidate list, numbered within its iteration; lookahead and scoring return the same
     * candidates in the same order, so they keep their ids.
     */
    private static List<String> candidateIds(SearchState before, SearchItem.StateRefs beforeRefs, SearchState after) {
        if (before.phase() == Phase.SAMPLE) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < after.candidates().size(); i++) {
                ids.add(Keys.nodeId(before.iteration(), i));
            }
            return ids;
        }
        if (after.candidates().size() != beforeRefs.candidates().size()) {
            throw new IllegalStateException("phase " + before.phase() + " changed the number of candidates from "
                    + beforeRefs.candidates().size() + " to " + after.candidates().size());
        }
        return beforeRefs.candidates();
    }

    /** The frontier path a new candidate grew from: the one in its lane whose text its own text extends. */
    private static String parentOf(Candidate c, SearchState before, SearchItem.StateRefs beforeRefs) {
        String parentText = c.text().substring(0, c.text().length() - c.step().length());
        for (int i = 0; i < before.frontier().size(); i++) {
            Beam b = before.frontier().get(i);
            if (b.lane() == c.lane() && b.text().equals(parentText)) {
                return beforeRefs.frontier().get(i);
            }
        }
        throw new IllegalStateException("a candidate in lane " + c.lane() + " grew from no frontier path");
    }

    private static String require(String id, String what) {
        if (id == null) {
            throw new IllegalStateException("a " + what + " of the new state is neither a candidate nor an old path");
        }
        return id;
    }

    private static boolean isRoot(String id) {
        return id.startsWith(ROOT_PREFIX);
    }

    private static int rootLane(String id) {
        return Integer.parseInt(id.substring(ROOT_PREFIX.length()));
    }

    /** Path texts rebuilt from parent pointers, each once. */
    private static final class Texts {
        private final Map<String, NodeItem> nodes;
        private final Map<String, String> texts = new HashMap<>();

        Texts(Map<String, NodeItem> nodes) {
            this.nodes = nodes;
        }

        Candidate candidate(String id) {
            NodeItem n = node(id);
            return new Candidate(text(id), n.step(), n.lane(), n.status(), n.completionTokens(), n.lookahead(),
                    n.extending(), n.scores());
        }

        private String text(String id) {
            if (isRoot(id)) {
                return "";
            }
            String known = texts.get(id);
            if (known != null) {
                return known;
            }
            // Walk up to the first known text, then build down: no recursion however deep the path.
            List<NodeItem> chain = new ArrayList<>();
            String at = id;
            while (!isRoot(at) && !texts.containsKey(at)) {
                NodeItem n = node(at);
                chain.add(n);
                at = n.parent();
            }
            StringBuilder text = new StringBuilder(isRoot(at) ? "" : texts.get(at));
            for (int i = chain.size() - 1; i >= 0; i--) {
                text.append(chain.get(i).step());
                texts.put(chain.get(i).id(), text.toString());
            }
            return texts.get(id);
        }

        private NodeItem node(String id) {
            NodeItem n = nodes.get(id);
            if (n == null) {
                throw new IllegalStateException("node " + id + " is missing from the store");
            }
            return n;
        }
    }
}
