package dev.ponder.cli.serve;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The CLI as {@code ponder serve} runs it: the HTTP server listening (on a free port), and {@link ServedStack}
 * opening the API's pipeline on a store folder of its own once Quarkus has started.
 */
public class ServeProfile implements QuarkusTestProfile {

    /** The batch inbox of the tests: a folder per tenant. */
    static final Path INBOX = Path.of(System.getProperty("java.io.tmpdir"), "ponder-serve-test-inbox-"
            + ProcessHandle.current().pid());

    @Override
    public Map<String, String> getConfigOverrides() {
        // Small batch limits, so the tests of the limits send small bodies; an inbox folder of the test's own.
        return Map.of("quarkus.http.host-enabled", "true", "quarkus.http.test-port", "0",
                ServedStack.ENABLED, "true", "ponder.batch.max-lines", "20", "ponder.batch.max-bytes", "100000",
                "ponder.batch.inbox", INBOX.toString());
    }
}
