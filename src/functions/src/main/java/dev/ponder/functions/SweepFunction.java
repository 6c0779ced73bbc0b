package dev.ponder.functions;

import dev.ponder.engine.stage.Sweeper;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The sweep Lambda ({@code QUARKUS_FUNQY_EXPORT=sweep}), run by an EventBridge schedule: fails searches past their
 * deadline and re-drives (or, after too many redrives, fails) searches idle too long. The scheduled event carries
 * nothing it needs, so it takes no input; it returns what it did, for the invocation log.
 */
public class SweepFunction {

    private final Sweeper sweeper;

    @Inject
    public SweepFunction(Sweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Funq
    public Sweeper.Sweep sweep() {
        return sweeper.sweep();
    }
}
