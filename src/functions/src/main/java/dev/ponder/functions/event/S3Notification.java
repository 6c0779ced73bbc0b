package dev.ponder.functions.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ponder.engine.bucket.ObjectRef;
import dev.ponder.engine.stage.BatchTrigger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An S3 event notification as Lambda receives it, only the fields the trigger reads (Funqy's mapper skips the
 * rest). S3 sends at least once and may batch several records in one event.
 *
 * @param records the records
 */
public record S3Notification(@JsonProperty("Records") List<Record> records) {

    public S3Notification {
        records = records == null ? List.of() : List.copyOf(records);
    }

    /**
     * @param eventName {@code ObjectCreated:Put}, {@code ObjectCreated:CompleteMultipartUpload}, ...
     * @param s3        the bucket and object
     */
    public record Record(String eventName, S3 s3) {

        /** Whether it tells of a new object (the notification should send nothing else, but a test event can). */
        public boolean created() {
            return eventName != null && eventName.startsWith("ObjectCreated:") && s3 != null && s3.bucket() != null
                    && s3.object() != null && s3.object().key() != null;
        }

        /**
         * The object-created event for the trigger. The key arrives URL-encoded ({@code +} for a space). The version
         * telling this object version from others is its version id in a versioned bucket; else the event's
         * sequencer, which S3 keeps the same for duplicate deliveries of one event and makes larger for each new PUT
         * of the key.
         */
        public BatchTrigger.Created toCreated() {
            S3Object o = s3.object();
            String key = URLDecoder.decode(o.key(), StandardCharsets.UTF_8);
            String version = o.versionId() != null ? o.versionId() : o.sequencer() != null ? o.sequencer() : o.eTag();
            return new BatchTrigger.Created(new ObjectRef(s3.bucket().name(), key), version, o.versionId());
        }
    }

    public record S3(Bucket bucket, S3Object object) {
    }

    public record Bucket(String name) {
    }

    public record S3Object(String key, Long size, String eTag, String versionId, String sequencer) {
    }
}
