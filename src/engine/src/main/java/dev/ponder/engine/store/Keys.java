package dev.ponder.engine.store;

import dev.ponder.engine.queue.Stage;
import java.time.LocalDate;

/**
 * The sort keys of the single table (DESIGN.md §4). Numbers are zero-padded so that keys sort in numeric order; a
 * {@code round} counts the actions of a search (a sample or score fan-out and its selection), of which an
 * iteration has one or more.
 */
public final class Keys {

    public static final String META = "META";
    public static final String USAGE = "USAGE";
    public static final String OUTCOME = "R#OUTCOME";
    public static final String NODE_PREFIX = "N#";
    public static final String DEAD_PREFIX = "D#";
    /** The partition of dead messages, across searches, so one query finds them all for a redrive. */
    public static final String DEAD_PARTITION = "DEAD";
    /** The partition listing every API key (by id), so {@code keys list} is one query. */
    public static final String KEYS_PARTITION = "KEYS";
    public static final String DAY_PREFIX = "D#";

    private Keys() {
    }

    /** The partition key of everything that belongs to one search. */
    public static String search(String searchId) {
        return "S#" + searchId;
    }

    /** The partition key of a batch. */
    public static String batch(String batchId) {
        return "B#" + batchId;
    }

    /** The partition of a tenant: its quotas and slots ({@code META}), day usage, idempotency keys. */
    public static String tenant(String name) {
        return "T#" + name;
    }

    /** The partition of an API key, by the SHA-256 of its secret. */
    public static String apiKey(String id) {
        return "K#" + id;
    }

    /** A tenant's usage on one UTC day: {@code D#2026-11-23}, so a range of days is one query. */
    public static String day(LocalDate day) {
        return DAY_PREFIX + day;
    }

    /** A tenant's idempotency key. */
    public static String idempotency(String key) {
        return "IK#" + key;
    }

    /** The marker of a unit of pipeline work whose cloud usage is billed: present once billed. */
    public static String billed(int round, Stage stage, int chunk) {
        return String.format("B#%05d#%s#%04d", round, stage.key(), chunk);
    }

    /** Part {@code part} of page {@code page} of a batch's lines. */
    public static String batchPage(int page, int part) {
        return String.format("P#%05d#%03d", page, part);
    }

    /** Part {@code part} of the result rows of a batch's line {@code line}. */
    public static String batchRows(int line, int part) {
        return String.format("R#%08d#%03d", line, part);
    }

    /** The line of a {@link #batchRows} key. */
    static int batchRowsLine(String sk) {
        return Integer.parseInt(sk.substring(2, 10));
    }

    /** A frontier node: {@code N#<iteration>#<index>}, whose id is the part after {@code N#}. */
    public static String node(String nodeId) {
        return NODE_PREFIX + nodeId;
    }

    /** The id of the {@code index}-th candidate sampled in {@code iteration}. */
    public static String nodeId(int iteration, int index) {
        return String.format("%04d#%05d", iteration, index);
    }

    /** The fan-in counter of a round. */
    public static String counter(int round) {
        return String.format("I#%05d", round);
    }

    /** The done marker of one chunk of a stage (chunk 0 for orchestrate and select); it holds the chunk's results. */
    public static String marker(int round, Stage stage, int chunk) {
        return markerPrefix(round, stage) + String.format("%04d", chunk);
    }

    /** The prefix of every marker of a stage in a round. */
    public static String markerPrefix(int round, Stage stage) {
        return String.format("T#%05d#%s#", round, stage.key());
    }

    /**
     * Further parts of a chunk's results, when they do not fit one item: under the chunk's marker key, so one query
     * of a stage's markers brings its parts along.
     */
    public static String part(int round, Stage stage, int chunk, int part) {
        return marker(round, stage, chunk) + String.format("#%03d", part);
    }

    /** The lease a chunk worker holds while it calls a model, so a duplicate message does not call it again. */
    public static String lease(int round, Stage stage, int chunk) {
        return String.format("L#%05d#%s#%04d", round, stage.key(), chunk);
    }

    /** A message that went to a dead-letter queue, kept so that {@code searches redrive} can send it again. */
    public static String deadLetter(int round, Stage stage, int chunk) {
        return DEAD_PREFIX + String.format("%05d#%s#%04d", round, stage.key(), chunk);
    }
}
