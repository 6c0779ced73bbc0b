package dev.ponder.cli.command;

import dev.ponder.cli.pipeline.EmbeddedPipeline;
import dev.ponder.cli.pipeline.PipelineConfig;
import dev.ponder.cli.pipeline.StoreConfig;
import dev.ponder.cli.pipeline.StoreOptions;
import dev.ponder.cli.serve.ApiServer;
import dev.ponder.engine.batch.TriggerConfig;
import dev.ponder.local.LocalBucket;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ponder serve}: the HTTP API on the embedded default until Ctrl-C. The port is taken by
 * {@link dev.ponder.cli.PonderLauncher} before Quarkus starts its HTTP server; this command opens the pipeline
 * behind it.
 */
@Dependent
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve the HTTP API (searches, usage; OpenAPI at /q/openapi, UI at /q/swagger-ui) on the "
                + "embedded default until Ctrl-C. Create a key with: ponder keys create --tenant NAME")
public class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    ApiServer server;

    @Inject
    PipelineConfig pipelineConfig;

    @Inject
    StoreConfig storeConfig;

    @Inject
    TriggerConfig triggerConfig;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P",
            description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Messages handled at once per stage (default: ponder.pipeline.concurrency, 8).")
    Integer concurrency;

    @Override
    public Integer call() {
        OptionChecks.between(spec, "--port", port, 0, 65_535);
        int workers = concurrency != null ? concurrency : pipelineConfig.concurrency();
        OptionChecks.between(spec, "--concurrency", workers, 1, EmbeddedPipeline.MAX_CONCURRENCY);
        try (ApiServer running = server) {
            EmbeddedPipeline pipeline = running.start(new EmbeddedPipeline.Settings(storeOptions.resolve(storeConfig),
                    workers, true));
            String url = "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("ponder API on %s  (OpenAPI %s/q/openapi, UI %s/q/swagger-ui)%n", url, url, url);
            out.printf("store %s (%s stack)%n", pipeline.storeDescription(), pipeline.joined() ? "joined a running"
                    : "started its");
            out.printf("create a key: bin/ponder keys create --tenant NAME%s; then%n",
                    storeOptions.resolve(storeConfig) == null ? " (this store is in memory: keys need --store-path)"
                            : "");
            out.printf("  curl -H 'Authorization: Bearer <key>' %s/v1/searches%n", url);
            LocalBucket bucket = running.bucket();
            out.printf("batch bucket s3://%s on %s: JSONL under %s starts a batch (tenant %s), results under %s%n",
                    triggerConfig.bucket(), bucket.endpoint(), triggerConfig.inputPrefix(), triggerConfig.tenant(),
                    triggerConfig.outputPrefix());
            if (bucket.folder() != null) {
                out.printf("  drop files into %s%n", bucket.folder().resolve(triggerConfig.inputPrefix()));
            }
            out.println("Ctrl-C stops it.");
            out.flush();
            Quarkus.waitForExit();
        }
        return 0;
    }
}
