package dev.ponder.engine.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.account.Accounts;
import dev.ponder.engine.account.QuotaExceededException;
import dev.ponder.engine.account.Quotas;
import dev.ponder.engine.account.Tenant;
import dev.ponder.engine.batch.BatchConfig;
import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.batch.TriggerConfig;
import dev.ponder.engine.bucket.Bucket;
import dev.ponder.engine.bucket.ObjectRef;
import dev.ponder.engine.request.BatchFileParser;
import dev.ponder.engine.request.FieldError;
import dev.ponder.engine.request.RequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a batch from a JSONL object created under the bucket's input prefix: the S3 notification's handler in the
 * cloud, the bucket watcher's on the embedded default. The batch id is a hash of the bucket, key and version, so a
 * duplicate event (S3 delivers at least once) finds the batch the first one started and starts nothing. The batch is
 * the bucket's tenant's, and its results go to {@code <output-prefix><name>} when it ends; a file that is refused
 * (too large, not UTF-8, a bad line, over a quota) starts nothing and gets {@code <output-prefix><name>.error.json}
 * saying why, every bad line listed.
 */
public final class BatchTrigger {

    /** What became of an object. */
    public enum Outcome {
        /** A batch was started. */
        STARTED,
        /** Its batch was started by an earlier delivery of the same event. */
        DUPLICATE,
        /** It was refused; the error report says why. */
        REFUSED,
        /** Not a batch file: outside the input prefix, or a folder marker. */
        IGNORED
    }

    /**
     * An object-created event.
     *
     * @param object  the object
     * @param version what tells this version of it from others under the same key: its version id in a versioned
     *                bucket, else the event's sequencer (or, listing a folder, its ETag or size and time)
     * @param versionId the version to read, or {@code null} for the latest (an unversioned bucket)
     */
    public record Created(ObjectRef object, String version, String versionId) {
    }

    /**
     * @param outcome what became of it
     * @param batchId the batch it started (or had started), or {@code null}
     * @param detail  one sentence for the log
     */
    public record Result(Outcome outcome, String batchId, String detail) {
    }

    /**
     * @param inputPrefix  the prefix whose objects start batches
     * @param outputPrefix the prefix results and error reports go under; must not overlap the input prefix
     * @param tenant       the bucket's tenant, whose batches they are
     * @param maxBytes     the largest batch file
     * @param maxInFlight  each batch's searches under way at once
     * @param window       each batch's completion window
     */
    public record Settings(String inputPrefix, String outputPrefix, String tenant, long maxBytes, int maxInFlight,
                           Duration window) {

        public Settings {
            checkPrefixes(inputPrefix, outputPrefix);
        }

        /** The configured trigger, with the batch defaults every front door uses. */
        public static Settings of(TriggerConfig trigger, BatchConfig batches) {
            return new Settings(trigger.inputPrefix(), trigger.outputPrefix(), trigger.tenant(), batches.maxBytes(),
                    batches.defaultMaxInFlight(), batches.defaultWindow());
        }
    }

    private static final String ERROR_SUFFIX = ".error.json";

    private final Bucket bucket;
    private final Settings trigger;
    private final BatchFileParser parser;
    private final Batches batches;
    private final Accounts accounts;
    private final ObjectMapper json;

    public BatchTrigger(Pipeline pipeline, Bucket bucket, Settings trigger, BatchFileParser parser,
                        ObjectMapper json) {
        this.bucket = bucket;
        this.trigger = trigger;
        this.parser = parser;
        this.batches = new Batches(pipeline);
        this.accounts = new Accounts(pipeline.store.accounts(), pipeline.clock);
        this.json = json;
    }

    /** Refuses prefixes that could let a results object start a batch, or match every key. */
    static void checkPrefixes(String input, String output) {
        if (input.isEmpty() || output.isEmpty() || !input.endsWith("/") || !output.endsWith("/")) {
            throw new IllegalArgumentException("ponder.trigger.input-prefix and output-prefix must be folders ending "
                    + "in '/' (got '" + input + "' and '" + output + "')");
        }
        if (input.startsWith(output) || output.startsWith(input)) {
            throw new IllegalArgumentException("ponder.trigger.input-prefix '" + input + "' and output-prefix '"
                    + output + "' overlap: results written under one would start batches from the other");
        }
    }

    public Result handle(Created event) {
        ObjectRef object = event.object();
        String key = object.key();
        if (!key.startsWith(trigger.inputPrefix()) || key.endsWith("/")) {
            return new Result(Outcome.IGNORED, null, object + " is not a file under " + trigger.inputPrefix());
        }
        String name = key.substring(trigger.inputPrefix().length());
        String id = Batches.idOf(object.bucket(), object.key(), event.version());
        if (batches.get(id).isPresent()) {
            return new Result(Outcome.DUPLICATE, id, object + " (" + event.version() + ") started batch " + id
                    + " already");
        }
        ObjectRef results = new ObjectRef(object.bucket(), trigger.outputPrefix() + name);
        ObjectRef errors = new ObjectRef(object.bucket(), trigger.outputPrefix() + name + ERROR_SUFFIX);
        try {
            String text = utf8(object, bucket.read(object, event.versionId(), trigger.maxBytes()));
            List<BatchLine> lines = parser.parse(text, null);
            Tenant tenant = accounts.tenant(trigger.tenant())
                    .orElse(new Tenant(trigger.tenant(), Quotas.defaults(), 0, 0));
            accounts.checkBatch(tenant, lines);
            batches.create(new Batches.NewBatch(id, tenant.name(), lines, trigger.maxInFlight(),
                    trigger.window(), object.uri() + "#" + event.version(), results.uri()));
            return new Result(Outcome.STARTED, id, object + ": batch " + id + " of " + lines.size() + " lines, "
                    + "results to " + results);
        } catch (Bucket.TooLargeException tooLarge) {
            return refuse(object, errors, "too_large", "the file is " + tooLarge.size() + " bytes, more than the "
                    + trigger.maxBytes() + " a batch may hold: split it", List.of());
        } catch (RequestException refused) {
            return refuse(object, errors, refused.kind().name().toLowerCase(), refused.getMessage(),
                    refused.errors() == null ? List.of() : refused.errors());
        } catch (QuotaExceededException quota) {
            return refuse(object, errors, "quota_exceeded", quota.getMessage(), List.of());
        }
    }

    /** Writes the error report (the same for every delivery, so writing it twice is harmless). */
    private Result refuse(ObjectRef object, ObjectRef errors, String kind, String detail, List<FieldError> fields) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("object", object.uri());
        report.put("error", kind);
        report.put("detail", detail);
        report.put("errors", fields);
        try {
            bucket.write(errors, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the error report of " + object, e);
        }
        return new Result(Outcome.REFUSED, null, object + " refused (" + detail + "); see " + errors);
    }

    private static String utf8(ObjectRef object, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw RequestException.invalid(List.of(new FieldError("(file)", null, "UTF-8 text", object
                    + " is not UTF-8 text")));
        }
    }
}
