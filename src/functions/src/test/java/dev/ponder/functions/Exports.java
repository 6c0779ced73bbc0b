package dev.ponder.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * One test profile per exported function: Funqy on Lambda serves exactly one function per application start
 * ({@code quarkus.funqy.export}, read at run time), so each function's tests get their own start.
 */
final class Exports {

    private Exports() {
    }

    public static class Orchestrate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "orchestrate");
        }
    }

    public static class DeadLetter implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "deadletter");
        }
    }

    /** The bucket trigger, for tenant {@code acme}. */
    public static class Trigger implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "trigger", "ponder.trigger.tenant", "acme");
        }
    }

    /** The sweep, with an idle limit short enough that a search submitted a moment ago counts as idle. */
    public static class Sweep implements QuarkusTestProfile {

        static final long IDLE_MS = 300;

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "sweep", "ponder.pipeline.idle", IDLE_MS + "ms");
        }
    }
}
