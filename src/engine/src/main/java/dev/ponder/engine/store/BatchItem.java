package dev.ponder.engine.store;

import static dev.ponder.engine.store.Attrs.n;
import static dev.ponder.engine.store.Attrs.num;
import static dev.ponder.engine.store.Attrs.s;
import static dev.ponder.engine.store.Attrs.str;

import dev.ponder.engine.batch.BatchStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A batch's {@code META} item: its counts and the lines whose searches are under way.
 *
 * @param id          the batch id
 * @param tenant      who owns it
 * @param status      where it stands
 * @param version     optimistic lock: every change writes version + 1 on condition of the version read
 * @param total       lines
 * @param submitted   lines handed to searches so far (lines are submitted in order)
 * @param succeeded   lines whose search succeeded
 * @param failed      lines whose search failed (or could not start)
 * @param cancelled   lines cancelled, run or not
 * @param maxInFlight searches of this batch under way at once, at most
 * @param inFlight    the lines submitted and not yet recorded, in order
 * @param createdMs   when it was accepted
 * @param updatedMs   when it last changed
 * @param finishedMs  when it reached a terminal status, or 0
 * @param expiresMs   the end of its completion window: past it, it ends EXPIRED
 * @param endAs       while CANCELLING, how it ends ({@code CANCELLED} or {@code EXPIRED}); else {@code null}
 * @param source      where its lines came from ({@code api}, {@code cli}, or the object that started it)
 * @param output      where its results are written when it ends ({@code s3://<bucket>/<key>}), or {@code null}
 * @param reason      why it failed, or {@code null}
 */
public record BatchItem(String id, String tenant, BatchStatus status, long version, int total, int submitted,
                        int succeeded, int failed, int cancelled, int maxInFlight, List<Integer> inFlight,
                        long createdMs, long updatedMs, long finishedMs, long expiresMs, BatchStatus endAs,
                        String source, String output, String reason) {

    public BatchItem {
        inFlight = List.copyOf(inFlight);
    }

    /** Lines that have ended: succeeded, failed or cancelled. */
    public int recorded() {
        return succeeded + failed + cancelled;
    }

    Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>(Attrs.key(Keys.batch(id), Keys.META));
        item.put("kind", s("batch"));
        item.put("id", s(id));
        item.put("tenant", s(tenant));
        item.put("version", n(version));
        item.put("total", n(total));
        item.put("submitted", n(submitted));
        item.put("succeeded", n(succeeded));
        item.put("failed", n(failed));
        item.put("cancelled", n(cancelled));
        item.put("max_in_flight", n(maxInFlight));
        item.put("in_flight", lines(inFlight));
        item.put("created", n(createdMs));
        item.put("deadline", n(expiresMs));
        item.put("source", s(source));
        if (output != null) {
            item.put("output", s(output));
        }
        item.putAll(statusAttributes(status, updatedMs));
        return item;
    }

    /** The status and the sweeper index's key, which terminal batches drop (as searches do). */
    static Map<String, AttributeValue> statusAttributes(BatchStatus status, long updatedMs) {
        Map<String, AttributeValue> a = new HashMap<>();
        a.put("status", s(status.name()));
        a.put("updated", n(updatedMs));
        if (!status.terminal()) {
            a.put("active", s("BATCH"));
        }
        return a;
    }

    static AttributeValue lines(List<Integer> lines) {
        return AttributeValue.fromL(lines.stream().map(l -> n(l)).toList());
    }

    static BatchItem from(Map<String, AttributeValue> item) {
        AttributeValue flight = item.get("in_flight");
        List<Integer> inFlight = flight == null || !flight.hasL() ? List.of()
                : flight.l().stream().map(a -> Integer.parseInt(a.n())).toList();
        String endAs = str(item, "end_as");
        return new BatchItem(str(item, "id"), str(item, "tenant"), BatchStatus.valueOf(str(item, "status")),
                num(item, "version"), (int) num(item, "total"), (int) num(item, "submitted"),
                (int) num(item, "succeeded"), (int) num(item, "failed"), (int) num(item, "cancelled"),
                (int) num(item, "max_in_flight"), inFlight, num(item, "created"), num(item, "updated"),
                num(item, "finished"), num(item, "deadline"), endAs == null ? null : BatchStatus.valueOf(endAs),
                str(item, "source"), str(item, "output"), str(item, "reason"));
    }
}
