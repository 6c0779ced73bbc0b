package dev.ponder.functions;

import dev.ponder.engine.stage.Pipeline;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts DynamoDB Local, ElasticMQ and the simulator for one Quarkus start of the functions, creates its table and
 * queues, returns the configuration that points the functions at them, and hands the test its {@link Harness}.
 */
public class PipelineStackResource implements QuarkusTestResourceLifecycleManager {

    private TestServers servers;
    private Harness harness;

    @Override
    public Map<String, String> start() {
        servers = new TestServers();
        harness = new Harness(servers, "fn", Pipeline.Options.defaults());
        return harness.config();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(harness, new TestInjector.MatchesType(Harness.class));
    }

    @Override
    public void stop() {
        servers.close();
    }
}
