package dev.ponder.engine.queue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * What travels on a stage queue: a small versioned record naming the work; the data stays in the store.
 *
 * @param v         the schema version, {@link #VERSION}
 * @param id        unique per sent message (a re-emission gets a new one): names the holder of a chunk's lease in
 *                  the store, for people reading it
 * @param search    the search id
 * @param round     the search's action counter the message belongs to
 * @param iteration the strategy iteration of that round, for logs and people
 * @param stage     the stage that handles it
 * @param chunk     the chunk of a fan-out (0 for orchestrate and select)
 * @param redrive   sent by the sweeper or {@code searches redrive}: resume whatever the round still lacks
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonIgnoreProperties(ignoreUnknown = false)
public record StageMessage(int v, String id, String search, int round, int iteration, Stage stage, int chunk,
                           boolean redrive) {

    public static final int VERSION = 1;

    public StageMessage {
        if (v != VERSION) {
            throw new IllegalArgumentException("message schema version must be " + VERSION + " (got " + v + ")");
        }
        if (search == null || search.isBlank() || stage == null || id == null || id.isBlank()) {
            throw new IllegalArgumentException("a stage message needs v, id, search and stage");
        }
        if (round < 0 || iteration < 0 || chunk < 0) {
            throw new IllegalArgumentException("round, iteration and chunk must not be negative (got " + round + ", "
                    + iteration + ", " + chunk + ")");
        }
    }

    /** A new message (with a fresh id) for a stage of a search. */
    public static StageMessage of(String search, int round, int iteration, Stage stage, int chunk) {
        return new StageMessage(VERSION, UUID.randomUUID().toString(), search, round, iteration, stage, chunk, false);
    }

    /** A new message asking orchestrate to resume whatever round {@code round} still lacks. */
    public static StageMessage redrive(String search, int round, int iteration) {
        return new StageMessage(VERSION, UUID.randomUUID().toString(), search, round, iteration, Stage.ORCHESTRATE, 0,
                true);
    }

    /** The same work as a fresh message: a re-emission, not a redelivery. */
    public StageMessage resent() {
        return new StageMessage(v, UUID.randomUUID().toString(), search, round, iteration, stage, chunk, redrive);
    }

    @Override
    public String toString() {
        return stage.key() + " search=" + search + " round=" + round + " iteration=" + iteration + " chunk=" + chunk
                + (redrive ? " redrive" : "");
    }
}
