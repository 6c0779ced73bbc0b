package dev.ponder.engine.queue;

import java.util.List;

/** Where stage messages go: one queue per stage. */
public interface StageQueues {

    /** Sends the messages, each to its stage's queue. */
    void send(List<StageMessage> messages);

    default void send(StageMessage message) {
        send(List.of(message));
    }
}
