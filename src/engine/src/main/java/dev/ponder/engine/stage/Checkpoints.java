package dev.ponder.engine.stage;

import dev.ponder.engine.queue.StageMessage;

/**
 * Named points between a handler's store write and its next send, where a process can die. Production passes
 * {@link #NONE}; the crash tests throw at each point once to prove that a redelivery completes the work.
 */
@FunctionalInterface
public interface Checkpoints {

    Checkpoints NONE = (point, message) -> { };

    /** Called when {@code message}'s handler reaches {@code point}: its write is done, its send is not. */
    void reached(String point, StageMessage message);
}
