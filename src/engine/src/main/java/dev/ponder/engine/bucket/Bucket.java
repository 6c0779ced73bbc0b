package dev.ponder.engine.bucket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The batch bucket over S3's API (AWS in the cloud, s3proxy on the embedded default): read a batch file, write a
 * results object, list a prefix. Thin on purpose: what to read and write is {@code BatchTrigger}'s and the batch
 * driver's business.
 */
public final class Bucket {

    /** An object as listed. */
    public record Listed(ObjectRef ref, long size, Instant lastModified, String etag) {
    }

    /** An object larger than its reader takes: nothing of it was read. */
    public static final class TooLargeException extends RuntimeException {

        private final long size;

        TooLargeException(ObjectRef ref, long size, long limit) {
            super(ref + " is " + size + " bytes, more than the " + limit + " it may hold");
            this.size = size;
        }

        public long size() {
            return size;
        }
    }

    private final S3Client s3;

    public Bucket(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * The bytes of an object (of one version of it, unless {@code versionId} is {@code null}); a
     * {@link TooLargeException} if it is larger than {@code maxBytes}, checked before its body is read.
     */
    public byte[] read(ObjectRef ref, String versionId, long maxBytes) {
        GetObjectRequest request = GetObjectRequest.builder().bucket(ref.bucket()).key(ref.key())
                .versionId(versionId).build();
        try (var body = s3.getObject(request)) {
            GetObjectResponse head = body.response();
            if (head.contentLength() != null && head.contentLength() > maxBytes) {
                throw new TooLargeException(ref, head.contentLength(), maxBytes);
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new TooLargeException(ref, bytes.length, maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ref, e);
        }
    }

    /** Writes (or overwrites) an object. */
    public void write(ObjectRef ref, byte[] body, String contentType) {
        s3.putObject(b -> b.bucket(ref.bucket()).key(ref.key()).contentType(contentType), RequestBody.fromBytes(body));
    }

    /** Every object under {@code prefix}, in key order. */
    public List<Listed> list(String bucket, String prefix) {
        List<Listed> all = new ArrayList<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
        for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
            all.add(new Listed(new ObjectRef(bucket, o.key()), o.size(), o.lastModified(), o.eTag()));
        }
        return all;
    }
}
