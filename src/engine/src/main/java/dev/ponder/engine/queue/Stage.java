package dev.ponder.engine.queue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The four functions of the pipeline; each has its own queue and dead-letter queue. */
public enum Stage {
    /** Drives a search: starts a round's fan-out, or finishes the search. */
    ORCHESTRATE,
    /** Asks the policy for the samples of one chunk of prompts. */
    SAMPLE,
    /** Asks the PRM for the step scores of one chunk of candidates. */
    SCORE,
    /** Applies a round's results to the search: the strategy keeps the best and writes the next frontier. */
    SELECT;

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
        throw new IllegalArgumentException("stage must be one of orchestrate, sample, score, select (got " + key + ")");
    }
}
