package dev.ponder.engine.bucket;

/**
 * An object in a bucket, written {@code s3://<bucket>/<key>} where it is stored or shown.
 *
 * @param bucket the bucket's name
 * @param key    the object's key
 */
public record ObjectRef(String bucket, String key) {

    private static final String SCHEME = "s3://";

    public ObjectRef {
        if (bucket == null || bucket.isEmpty() || bucket.contains("/") || key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an object needs a bucket (without '/') and a key (got " + bucket
                    + ", " + key + ")");
        }
    }

    /** The object {@code s3://<bucket>/<key>} names. */
    public static ObjectRef parse(String uri) {
        int slash = uri.indexOf('/', SCHEME.length());
        if (!uri.startsWith(SCHEME) || slash < 0) {
            throw new IllegalArgumentException("not an s3://<bucket>/<key> address: " + uri);
        }
        return new ObjectRef(uri.substring(SCHEME.length(), slash), uri.substring(slash + 1));
    }

    public String uri() {
        return SCHEME + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return uri();
    }
}
