package dev.ponder.engine.bill;

import java.util.Map;

/**
 * What one piece of work used of the cloud — store request units, queue messages, time — counted on the thread
 * that does it: a stage handler, or an API request. The store's client reports units through
 * {@link StoreMetering}, the queues report sends; work done on a thread with no open meter is not counted.
 */
public final class Meter implements AutoCloseable {

    private static final ThreadLocal<Meter> CURRENT = new ThreadLocal<>();

    private final long startNanos = System.nanoTime();
    private final Meter outer;
    private double readUnits;
    private double writeUnits;
    private long messages;

    private Meter(Meter outer) {
        this.outer = outer;
    }

    /** Opens a meter on this thread until {@link #close()}. */
    public static Meter open() {
        Meter meter = new Meter(CURRENT.get());
        CURRENT.set(meter);
        return meter;
    }

    /** The meter open on this thread; {@link IllegalStateException} if none is. */
    public static Meter current() {
        Meter m = CURRENT.get();
        if (m == null) {
            throw new IllegalStateException("no meter is open on this thread: work is metered inside Meter.open()");
        }
        return m;
    }

    static void read(double units) {
        Meter m = CURRENT.get();
        if (m != null) {
            m.readUnits += units;
        }
    }

    static void wrote(double units) {
        Meter m = CURRENT.get();
        if (m != null) {
            m.writeUnits += units;
        }
    }

    /** Counts messages sent to a queue. */
    public static void sent(int count) {
        Meter m = CURRENT.get();
        if (m != null) {
            m.messages += count;
        }
    }

    /** What this meter counted so far, as one function invocation's usage. */
    public Metered asInvocation() {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        return new Metered(Map.of(), 1, ms, messages, readUnits, writeUnits, 0, 0);
    }

    /** What this meter counted so far, as the store units of one API request that submitted a search. */
    public Metered asSubmission() {
        return new Metered(Map.of(), 0, 0, messages, readUnits, writeUnits, 1, 1);
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
