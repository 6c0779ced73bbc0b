package dev.ponder.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.Logger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobProviderMetadata;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobProviderMetadata;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.providers.ProviderMetadata;

/**
 * The embedded default's batch bucket: s3proxy serving the S3 API on a free loopback port, so the code that reads
 * and writes the cloud's batch bucket runs unchanged. With a folder, objects are plain files under
 * {@code <folder>/<bucket>/<key>} (s3proxy's {@code filesystem-nio2} store): a file copied into the folder is an object,
 * and an object written over S3 is a file. Without one, objects live in memory.
 */
public final class LocalBucket implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalBucket.class.getName());

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;
    private final Path folder;

    private LocalBucket(S3Proxy proxy, BlobStoreContext context, URI endpoint, Path folder) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
        this.folder = folder;
    }

    /**
     * Starts the server with {@code bucket} created.
     *
     * @param root   the folder holding the buckets' files, or {@code null} to keep objects in memory
     * @param bucket the bucket to create unless it exists
     */
    public static LocalBucket start(Path root, String bucket) {
        Properties properties = new Properties();
        // The provider is named by its metadata, not its id: looking an id up instantiates every provider s3proxy
        // registers, and the cloud ones need the SDKs this build leaves out.
        ProviderMetadata provider = new TransientNio2BlobProviderMetadata();
        Path folder = null;
        if (root != null) {
            provider = new FilesystemNio2BlobProviderMetadata();
            folder = root.toAbsolutePath().resolve(bucket);
            createDirectories(folder);
            properties.setProperty("jclouds.filesystem.basedir", root.toAbsolutePath().toString());
        }
        BlobStoreContext context = ContextBuilder.newBuilder(provider).credentials("local", "local").overrides(properties)
                .buildView(BlobStoreContext.class);
        BlobStore store = context.getBlobStore();
        store.createContainerInLocation(null, bucket);
        URI bind = URI.create("http://" + Endpoints.HOST + ":" + 0);
        S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(bind)
                // Loopback only, like DynamoDB Local and ElasticMQ, which take any credentials.
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .build();
        try {
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("the local S3 server (s3proxy) did not start", e);
        }
        URI endpoint = URI.create("http://" + Endpoints.HOST + ":" + proxy.getPort());
        Path shown = folder;
        LOG.info(() -> "event=local_bucket_started endpoint=" + endpoint + " bucket=" + bucket + " folder="
                + (shown == null ? "memory" : shown));
        return new LocalBucket(proxy, context, endpoint, folder);
    }

    /** The S3 endpoint, e.g. {@code http://127.0.0.1:41236}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The bucket's folder, or {@code null} when objects live in memory. */
    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warning("event=local_bucket_stop_failed error=" + e);
        } finally {
            context.close();
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the bucket folder " + dir, e);
        }
    }
}
