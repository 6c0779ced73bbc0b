package dev.ponder.engine.queue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The functions of the pipeline: the four stages of a search and the batch driver; each has its own queues. */
public enum Stage {
    /** Drives a search: starts a round's fan-out, or finishes the search. */
    ORCHESTRATE,
    /** Asks the policy for the samples of one chunk of prompts. */
    SAMPLE,
    /** Asks the PRM for the step scores of one chunk of candidates. */
    SCORE,
    /** Applies a round's results to the search: the strategy keeps the best and writes the next frontier. */
    SELECT,
    /** Drives a batch: records the lines whose searches ended and submits the next ones. */
    BATCH;

    /** The stage's name in keys, queue names, function names and messages. */
    @JsonValue
    public String key() {
        return name().toLowerCase();
    }

    /** The stage named {@code key}, with a clear error for anything else. */
    @JsonCreator
    public static Stage of(String key) {
        for (Stage s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("stage must be one of orchestrate, sample, score, select, batch (got " + key + ")");
    }
}
