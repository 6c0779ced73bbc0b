package dev.ponder.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.cli.io.BadInputException;
import dev.ponder.cli.pipeline.EmbeddedPipeline;
import dev.ponder.cli.pipeline.PipelineConfig;
import dev.ponder.cli.pipeline.StoreConfig;
import dev.ponder.cli.pipeline.StoreOptions;
import dev.ponder.engine.stage.Models;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the subcommands of {@code searches}, {@code batches} and {@code keys} share: the store options and the way to
 * the store. Each joins the stack a running command keeps on the store folder, or starts one.
 */
abstract class OnStore {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Inject
    ObjectMapper json;

    @Inject
    PipelineConfig pipelineConfig;

    @Inject
    StoreConfig storeConfig;

    @Mixin
    StoreOptions storeOptions;

    /** The pipeline without workers: these commands read and write the store and send messages, nothing more. */
    EmbeddedPipeline open() {
        return EmbeddedPipeline.open(new EmbeddedPipeline.Settings(storeOptions.resolve(storeConfig), 1, false),
                pipelineConfig, json, Models.none("this command"));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The item found, or a usage error naming what was looked for: {@code no batch <id> in the store <dir>}. */
    static <T> T found(Optional<T> item, String what, String id, EmbeddedPipeline pipeline) {
        return item.orElseThrow(() -> new BadInputException("no " + what + " " + id + " in the store "
                + pipeline.storeDescription()));
    }

    /** A time in the local zone, to the second, as the tables show it. */
    static String time(long ms) {
        return TIME.format(Instant.ofEpochMilli(ms));
    }
}
