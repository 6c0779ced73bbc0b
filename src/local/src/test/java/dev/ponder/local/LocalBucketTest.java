package dev.ponder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

class LocalBucketTest {

    @TempDir
    Path root;

    @Test
    void objectsPutOverS3AreFilesAndFilesDroppedInAreObjects() throws Exception {
        try (LocalBucket bucket = LocalBucket.start(root, "batches"); S3Client s3 = AwsClients.s3(bucket.endpoint())) {
            s3.putObject(b -> b.bucket("batches").key("results/a.jsonl"), RequestBody.fromString("{\"x\":1}\n"));
            assertThat(root.resolve("batches/results/a.jsonl")).hasContent("{\"x\":1}");

            Files.createDirectories(root.resolve("batches/incoming"));
            Files.writeString(root.resolve("batches/incoming/dropped.jsonl"), "{\"custom_id\":\"a\"}\n");
            List<S3Object> listed = s3.listObjectsV2(b -> b.bucket("batches").prefix("incoming/")).contents();
            assertThat(listed).extracting(S3Object::key).containsExactly("incoming/dropped.jsonl");
            // A file dropped in carries no ETag (s3proxy keeps it in an extended attribute it never wrote), but its
            // size and time tell one version from the next.
            assertThat(listed.get(0).size()).isEqualTo(18);
            assertThat(listed.get(0).lastModified()).isNotNull();
            assertThat(s3.getObjectAsBytes(b -> b.bucket("batches").key("incoming/dropped.jsonl")).asString(
                    StandardCharsets.UTF_8)).isEqualTo("{\"custom_id\":\"a\"}\n");
        }
    }

    @Test
    void keepsObjectsInMemoryWithoutAFolder() {
        try (LocalBucket bucket = LocalBucket.start(null, "batches"); S3Client s3 = AwsClients.s3(bucket.endpoint())) {
            s3.putObject(b -> b.bucket("batches").key("k"), RequestBody.fromString("v"));
            assertThat(bucket.folder()).isNull();
            assertThat(s3.getObjectAsBytes(b -> b.bucket("batches").key("k")).asUtf8String()).isEqualTo("v");
        }
    }
}
