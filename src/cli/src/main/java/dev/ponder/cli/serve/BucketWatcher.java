package dev.ponder.cli.serve;

import dev.ponder.engine.bucket.Bucket;
import dev.ponder.engine.stage.BatchTrigger;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The embedded default's stand-in for the bucket's object-created notification: s3proxy sends none, so the input
 * prefix is listed every {@code every} and each object not seen before, or changed since, goes to the same
 * {@link BatchTrigger} the cloud's trigger function runs. With a folder, that is also a watch on the folder: a file
 * copied into {@code <folder>/<input-prefix>} is an object. An object is taken once it has not changed for
 * {@code settle}, so a file still being copied is not read half-written. Its version is its ETag, or, for a file
 * dropped in (which has none), its size and time; a restart lists everything again and the trigger's batch ids turn
 * the repeats into duplicates.
 */
final class BucketWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BucketWatcher.class);

    private final Bucket bucket;
    private final String name;
    private final String inputPrefix;
    private final BatchTrigger trigger;
    private final Duration settle;
    private final Clock clock;
    private final Map<String, String> seen = new HashMap<>();
    private final ScheduledExecutorService timer;

    BucketWatcher(Bucket bucket, String name, String inputPrefix, BatchTrigger trigger, Duration settle,
                  Clock clock) {
        this.bucket = bucket;
        this.name = name;
        this.inputPrefix = inputPrefix;
        this.trigger = trigger;
        this.settle = settle;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ponder-bucket-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Lists the input prefix now and then every {@code every}. */
    BucketWatcher start(Duration every) {
        timer.scheduleWithFixedDelay(this::pollQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One listing: hands every new or changed object that has settled to the trigger. */
    synchronized void poll() {
        long settledBefore = clock.millis() - settle.toMillis();
        for (Bucket.Listed o : bucket.list(name, inputPrefix)) {
            String version = o.etag() != null && !o.etag().isBlank() ? o.etag()
                    : o.size() + "@" + o.lastModified().toEpochMilli();
            if (version.equals(seen.get(o.ref().key())) || o.lastModified().toEpochMilli() > settledBefore) {
                continue;
            }
            BatchTrigger.Result result = trigger.handle(new BatchTrigger.Created(o.ref(), version, null));
            seen.put(o.ref().key(), version);
            if (result.outcome() != BatchTrigger.Outcome.DUPLICATE) {
                LOG.infof("event=bucket_object outcome=%s %s", result.outcome(), result.detail());
            }
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // The next listing tries again: an object whose trigger failed was not marked seen.
            LOG.warnf(e, "event=bucket_poll_failed bucket=%s prefix=%s", name, inputPrefix);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
