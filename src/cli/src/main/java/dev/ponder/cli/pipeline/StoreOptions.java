package dev.ponder.cli.pipeline;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which store a pipeline command uses: a folder (kept across commands) or a throwaway one in memory. */
public class StoreOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--store-path", paramLabel = "DIR",
            description = "The store folder (default: ponder.store.path, ~/.ponder/store). A command on a folder "
                    + "another command is using joins its running stack.")
    Path storePath;

    @Option(names = "--in-memory", description = "A throwaway store in memory, gone when the command ends.")
    boolean inMemory;

    /** The store folder, or {@code null} for a store in memory. */
    public Path resolve(StoreConfig config) {
        if (inMemory && storePath != null) {
            throw new ParameterException(spec.commandLine(), "--store-path and --in-memory exclude each other "
                    + "(got --store-path " + storePath + " and --in-memory)");
        }
        if (inMemory) {
            return null;
        }
        return (storePath != null ? storePath : Path.of(config.path())).toAbsolutePath().normalize();
    }
}
