package dev.ponder.engine.batch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Event-triggered batches, {@code ponder.trigger.*} (or {@code PONDER_TRIGGER_*}): a JSONL object created under the
 * input prefix of the batch bucket starts a batch for the bucket's tenant, and its results are written under the
 * output prefix. The two prefixes must not overlap, so a results object can never start a batch.
 */
@ConfigMapping(prefix = "ponder.trigger")
public interface TriggerConfig {

    /** The batch bucket (Terraform names it; the embedded default serves it locally). Defaults to {@code ponder-batches}. */
    @WithDefault("ponder-batches")
    String bucket();

    /** Where batch files are dropped: the only prefix whose objects start batches. Defaults to {@code incoming/}. */
    @WithDefault("incoming/")
    String inputPrefix();

    /**
     * Where results go: {@code <output-prefix><name>} for {@code <input-prefix><name>}, or
     * {@code <output-prefix><name>.error.json} when the file is refused. Defaults to {@code results/}.
     */
    @WithDefault("results/")
    String outputPrefix();

    /** The tenant that owns the bucket: every batch it starts is this tenant's. Defaults to {@code local}. */
    @WithDefault("local")
    String tenant();
}
