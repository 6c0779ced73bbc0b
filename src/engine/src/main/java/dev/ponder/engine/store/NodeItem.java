package dev.ponder.engine.store;

import static dev.ponder.engine.store.Attrs.bool;
import static dev.ponder.engine.store.Attrs.flag;
import static dev.ponder.engine.store.Attrs.n;
import static dev.ponder.engine.store.Attrs.num;
import static dev.ponder.engine.store.Attrs.numbers;
import static dev.ponder.engine.store.Attrs.s;
import static dev.ponder.engine.store.Attrs.str;

import dev.ponder.core.search.CompletionStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A frontier node: one sampled candidate, holding only its own new step and a pointer to the node it grew from
 * (a path's text is rebuilt by following parents), so items stay small however long the path grows.
 *
 * @param id               {@code <iteration>#<index>}, see {@link Keys#nodeId}
 * @param parent           the node it grew from, or a root ({@link StateCodec#root})
 * @param step             the newly sampled text
 * @param lane             the DVTS subtree (0 for other strategies)
 * @param status           why the step stopped
 * @param completionTokens tokens along the whole path
 * @param lookahead        greedy continuation used only for scoring
 * @param extending        whether the lookahead still grows
 * @param scores           PRM step scores of the path (and its lookahead), empty until scored
 */
public record NodeItem(String id, String parent, String step, int lane, CompletionStatus status, int completionTokens,
                       String lookahead, boolean extending, List<Double> scores) {

    public NodeItem {
        scores = List.copyOf(scores);
    }

    Map<String, AttributeValue> toItem(String searchId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(Keys.search(searchId)));
        item.put("sk", s(Keys.node(id)));
        item.put("parent", s(parent));
        item.put("step", s(step));
        item.put("lane", n(lane));
        item.put("status", s(status.name()));
        item.put("tokens", n(completionTokens));
        item.put("lookahead", s(lookahead));
        item.put("extending", bool(extending));
        item.put("scores", numbers(scores));
        return item;
    }

    static NodeItem from(Map<String, AttributeValue> item) {
        return new NodeItem(str(item, "sk").substring(Keys.NODE_PREFIX.length()), str(item, "parent"),
                str(item, "step"), (int) num(item, "lane"), CompletionStatus.valueOf(str(item, "status")),
                (int) num(item, "tokens"), str(item, "lookahead"), flag(item, "extending"),
                Attrs.numList(item, "scores"));
    }

    /** A bound on the stored size in bytes (three bytes per character), to keep transactions under 4 MB. */
    int approximateBytes() {
        return 200 + 3 * (step.length() + lookahead.length()) + 24 * scores.size();
    }
}
