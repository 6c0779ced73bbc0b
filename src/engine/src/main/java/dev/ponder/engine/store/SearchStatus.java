package dev.ponder.engine.store;

/** Where a search stands. Every accepted search ends in one of the three terminal states. */
public enum SearchStatus {
    /** Accepted and stored; its first orchestrate message is on its way. */
    PENDING,
    /** Iterations are under way. */
    RUNNING,
    /** Finished with an answer (possibly empty, when no path finished). */
    SUCCEEDED,
    /** Ended without an answer; the search item says why. */
    FAILED,
    /** Cancelled on request; work in flight is dropped. */
    CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The status named {@code name}, case-insensitively, with a clear error for anything else. */
    public static SearchStatus parse(String name) {
        for (SearchStatus s : values()) {
            if (s.name().equalsIgnoreCase(name.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("status must be one of pending, running, succeeded, failed, cancelled "
                + "(got " + name + ")");
    }
}
