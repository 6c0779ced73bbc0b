package dev.ponder.cli.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the embedded default keeps its searches, {@code ponder.store.*}. */
@ConfigMapping(prefix = "ponder.store")
public interface StoreConfig {

    /**
     * The store folder: DynamoDB Local's database and the lock file a second command joins the running stack by.
     * {@code --store-path} overrides it. Defaults to {@code ~/.ponder/store}.
     */
    @WithDefault("${user.home}/.ponder/store")
    String path();
}
