package dev.ponder.engine.batch;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a batch stands (the OpenAI batch API's statuses). */
public enum BatchStatus {
    /** Its lines are being checked and stored. */
    VALIDATING,
    /** Its searches are being submitted and run, at most its in-flight limit at once. */
    IN_PROGRESS,
    /** Every line has ended; its results are being written. */
    FINALIZING,
    COMPLETED,
    /** It could not run at all (its reason says why); lines that failed leave a batch COMPLETED. */
    FAILED,
    /** Cancelled: its searches in flight are being cancelled. */
    CANCELLING,
    CANCELLED,
    /** Not finished within its completion window: what had ended is kept, the rest was cancelled. */
    EXPIRED;

    /** The status of a name in any case ({@code completed}, {@code COMPLETED}); the message lists the names. */
    public static BatchStatus parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("status must be one of " + Arrays.stream(values())
                    .map(BatchStatus::key).collect(Collectors.joining(", ")) + " (got " + name + ")");
        }
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == EXPIRED;
    }

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
