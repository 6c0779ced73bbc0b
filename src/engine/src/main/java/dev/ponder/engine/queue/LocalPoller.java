package dev.ponder.engine.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Delivers stage messages to the stage services the way Lambda's SQS event source does: it receives batches of up
 * to ten, runs each message on its stage's workers (at most {@code concurrency} at once per stage, the throttle in
 * front of the model endpoints), deletes the ones that succeeded and leaves the failures, which come back after the
 * visibility timeout and, after the queue's maximum receives, move to its dead-letter queue, whose consumer this
 * also runs.
 */
public final class LocalPoller implements AutoCloseable {

    /** The message attribute that marks a duplicate made by {@link Options#duplicateDeliveries}. */
    static final String COPY = "ponder-copy";

    private static final System.Logger LOG = System.getLogger("dev.ponder.engine.pipeline");

    /**
     * @param concurrency         messages handled at once per stage
     * @param receiveWait         long-poll wait per receive
     * @param duplicateDeliveries send every message a second time on its first receipt: at-least-once delivery at
     *                            its worst, for tests
     */
    public record Options(int concurrency, Duration receiveWait, boolean duplicateDeliveries) {
        public Options {
            if (concurrency < 1 || concurrency > 1024) {
                throw new IllegalArgumentException("concurrency must be between 1 and 1024 (got " + concurrency + ")");
            }
        }

        public static Options defaults() {
            return new Options(8, Duration.ofSeconds(1), false);
        }

        public Options withConcurrency(int newConcurrency) {
            return new Options(newConcurrency, receiveWait, duplicateDeliveries);
        }

        public Options withDuplicateDeliveries() {
            return new Options(concurrency, receiveWait, true);
        }
    }

    private final SqsClient sqs;
    private final SqsStageQueues queues;
    private final ObjectMapper json;
    private final Consumer<StageMessage> handler;
    private final BiConsumer<Stage, String> deadLetters;
    private final Options options;
    private final List<Thread> threads = new ArrayList<>();
    private final List<ExecutorService> workers = new ArrayList<>();
    private volatile boolean running = true;

    public LocalPoller(SqsClient sqs, SqsStageQueues queues, ObjectMapper json, Consumer<StageMessage> handler,
                       BiConsumer<Stage, String> deadLetters, Options options) {
        this.sqs = sqs;
        this.queues = queues;
        this.json = json;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.options = options;
    }

    /** Starts one receiving thread per stage queue and one for the dead-letter queues. */
    public LocalPoller start() {
        for (Stage stage : Stage.values()) {
            ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> daemon(r,
                    "ponder-" + stage.key()));
            workers.add(pool);
            threads.add(daemon(() -> poll(stage, pool), "ponder-poll-" + stage.key()));
        }
        threads.add(daemon(this::pollDeadLetters, "ponder-poll-dead-letters"));
        threads.forEach(Thread::start);
        return this;
    }

    private void poll(Stage stage, ExecutorService pool) {
        Semaphore free = new Semaphore(options.concurrency());
        String url = queues.url(stage);
        while (running) {
            try {
                free.acquire();
                int slots = 1 + Math.min(9, free.drainPermits());
                List<Message> batch;
                try {
                    batch = receive(url, slots, options.receiveWait());
                } catch (RuntimeException e) {
                    free.release(slots);
                    throw e;
                }
                free.release(slots - batch.size());
                for (Message message : batch) {
                    pool.execute(() -> {
                        try {
                            deliver(stage, url, message);
                        } finally {
                            free.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "receiving from the " + stage.key() + " queue failed: " + e.getMessage());
                    pause();
                }
            }
        }
    }

    private void deliver(Stage stage, String url, Message message) {
        StageMessage m = null;
        try {
            if (options.duplicateDeliveries() && !message.messageAttributes().containsKey(COPY)) {
                queues.sendCopy(stage, message.body());
            }
            m = json.readValue(message.body(), StageMessage.class);
            handler.accept(m);
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
        } catch (Exception e) {
            // Left undeleted: it comes back after the visibility timeout, or goes to the dead-letter queue.
            String what = m == null ? "a " + stage.key() + " message" : m.toString();
            LOG.log(Level.WARNING, what + ": failed (receive "
                    + message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT) + "): " + e);
        }
    }

    private void pollDeadLetters() {
        while (running) {
            boolean any = false;
            for (Stage stage : Stage.values()) {
                try {
                    String url = queues.deadUrl(stage);
                    for (Message message : receive(url, 10, Duration.ZERO)) {
                        any = true;
                        deadLetters.accept(stage, message.body());
                        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                    }
                } catch (RuntimeException e) {
                    if (running) {
                        LOG.log(Level.WARNING, "handling the " + stage.key() + " dead letters failed: " + e);
                    }
                }
            }
            if (!any) {
                pause();
            }
        }
    }

    private List<Message> receive(String url, int max, Duration wait) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(max).waitTimeSeconds((int) wait.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .messageAttributeNames("All")).messages();
    }

    private void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Stops receiving and waits for messages in hand to finish. The receiving threads are waited for too (a long
     * poll ends within its wait): a server stopped under a pending receive may hang its own shutdown.
     */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(options.receiveWait().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ExecutorService pool : workers) {
            pool.shutdown();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
