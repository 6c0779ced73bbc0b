package dev.ponder.cli.serve;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The CLI as {@code ponder serve} runs it: the HTTP server listening (on a free port), and {@link ServedStack}
 * opening the API's pipeline on a store folder of its own once Quarkus has started.
 */
public class ServeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.host-enabled", "true", "quarkus.http.test-port", "0",
                ServedStack.ENABLED, "true");
    }
}
