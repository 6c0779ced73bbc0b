package dev.ponder.cli.serve;

import dev.ponder.cli.pipeline.EmbeddedPipeline;
import dev.ponder.engine.account.Accounts;
import dev.ponder.engine.account.Quotas;
import dev.ponder.http.service.EngineHolder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts {@link ApiServer} as {@code ponder serve} does, on a fresh store folder (so {@code keys} can join its
 * stack), for the tests of {@link ServeProfile}; other test starts leave it off.
 */
@ApplicationScoped
public class ServedStack {

    /** Outside the ponder prefix, whose mappings refuse keys they do not know. */
    static final String ENABLED = "serve-test.enabled";

    @Inject
    ApiServer server;

    @Inject
    EngineHolder engine;

    @ConfigProperty(name = ENABLED, defaultValue = "false")
    boolean enabled;

    private Path store;

    void start(@Observes StartupEvent event) throws IOException {
        if (enabled) {
            store = Files.createTempDirectory("ponder-serve-test");
            server.start(new EmbeddedPipeline.Settings(store.resolve("store"), 8, true));
        }
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (enabled) {
            server.close();
            try (var paths = Files.walk(store)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public Path store() {
        return store.resolve("store");
    }

    /**
     * A new key for {@code tenant}, as {@code ponder keys create} makes one; 1000 requests a second unless
     * {@code quotas} say otherwise, so a test's polling never meets the rate quota it does not test.
     */
    public String key(String tenant, Quotas.Overrides quotas) {
        return accounts().createKey(tenant, new Quotas.Overrides(quotas.maxConcurrent(), quotas.maxN(),
                quotas.monthlyTokens(), quotas.requestsPerSecond() == null ? 1000 : quotas.requestsPerSecond()))
                .secret();
    }

    public Accounts accounts() {
        return engine.get().accounts();
    }

    public EngineHolder engine() {
        return engine;
    }
}
