package dev.ponder.engine.queue;

import dev.ponder.engine.bill.Meter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The stage queues on SQS (or ElasticMQ): {@code <prefix>-<stage>}, each with its dead-letter queue
 * {@code <prefix>-<stage>-dlq} that receives a message after {@code maxReceives} failed deliveries.
 */
public final class SqsStageQueues implements StageQueues {

    /** SQS takes at most ten messages per batch send. */
    private static final int SEND_BATCH = 10;

    private final SqsClient sqs;
    private final ObjectMapper json;
    private final Map<Stage, String> urls;
    private final Map<Stage, String> deadUrls;

    private SqsStageQueues(SqsClient sqs, ObjectMapper json, Map<Stage, String> urls, Map<Stage, String> deadUrls) {
        this.sqs = sqs;
        this.json = json;
        this.urls = urls;
        this.deadUrls = deadUrls;
    }

    /**
     * Creates (or finds) every stage queue and its dead-letter queue: what the embedded default and tests do;
     * in the cloud Terraform does it.
     */
    public static SqsStageQueues create(SqsClient sqs, ObjectMapper json, String prefix, Duration visibility,
                                        int maxReceives) {
        Map<Stage, String> urls = new EnumMap<>(Stage.class);
        Map<Stage, String> deadUrls = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            String dead = sqs.createQueue(b -> b.queueName(deadName(prefix, stage))).queueUrl();
            String deadArn = sqs.getQueueAttributes(b -> b.queueUrl(dead).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String redrive = "{\"maxReceiveCount\":\"" + maxReceives + "\",\"deadLetterTargetArn\":\"" + deadArn + "\"}";
            String url = sqs.createQueue(b -> b.queueName(name(prefix, stage)).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibility.toSeconds()),
                    QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
            urls.put(stage, url);
            deadUrls.put(stage, dead);
        }
        return new SqsStageQueues(sqs, json, urls, deadUrls);
    }

    /** Finds the queues someone else created (Terraform in the cloud). */
    public static SqsStageQueues lookup(SqsClient sqs, ObjectMapper json, String prefix) {
        Map<Stage, String> urls = new EnumMap<>(Stage.class);
        Map<Stage, String> deadUrls = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            urls.put(stage, sqs.getQueueUrl(b -> b.queueName(name(prefix, stage))).queueUrl());
            deadUrls.put(stage, sqs.getQueueUrl(b -> b.queueName(deadName(prefix, stage))).queueUrl());
        }
        return new SqsStageQueues(sqs, json, urls, deadUrls);
    }

    public static String name(String prefix, Stage stage) {
        return prefix + "-" + stage.key();
    }

    public static String deadName(String prefix, Stage stage) {
        return name(prefix, stage) + "-dlq";
    }

    public String url(Stage stage) {
        return urls.get(stage);
    }

    public String deadUrl(Stage stage) {
        return deadUrls.get(stage);
    }

    @Override
    public void send(List<StageMessage> messages) {
        Map<Stage, List<StageMessage>> byStage = new EnumMap<>(Stage.class);
        messages.forEach(m -> byStage.computeIfAbsent(m.stage(), s -> new ArrayList<>()).add(m));
        byStage.forEach((stage, list) -> {
            for (int from = 0; from < list.size(); from += SEND_BATCH) {
                List<StageMessage> batch = list.subList(from, Math.min(list.size(), from + SEND_BATCH));
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                            .messageBody(body(batch.get(i))).build());
                }
                SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(urls.get(stage)).entries(entries));
                if (sent.hasFailed() && !sent.failed().isEmpty()) {
                    throw new IllegalStateException("the " + stage.key() + " queue refused " + sent.failed().size()
                            + " messages: " + sent.failed().get(0).message());
                }
                Meter.sent(batch.size());
            }
        });
    }

    /** Sends a raw body to a stage's queue, marked so a poller that duplicates deliveries does not copy it again. */
    void sendCopy(Stage stage, String body) {
        sqs.sendMessage(b -> b.queueUrl(urls.get(stage)).messageBody(body).messageAttributes(Map.of(LocalPoller.COPY,
                software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder().dataType("String")
                        .stringValue("1").build())));
    }

    String body(StageMessage m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a stage message", e);
        }
    }
}
