package dev.ponder.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/** The recorded events of {@code src/test/resources/events/}, and SQS events of their shape made from messages. */
final class SqsEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsEvents() {
    }

    /** A recorded event. */
    static ObjectNode fixture(String name) {
        try (InputStream in = SqsEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture events/" + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded batch with every record's {@code eventSourceARN} set to {@code queueArn}. */
    static ObjectNode fixture(String name, String queueArn) {
        ObjectNode event = fixture(name);
        event.withArray("Records").forEach(r -> ((ObjectNode) r).put("eventSourceARN", queueArn));
        return event;
    }

    /**
     * The SQS event Lambda would deliver for messages received from {@code queueArn}: each record shaped like the
     * recorded ones, with the message's id, receipt handle, body, MD5 and system attributes.
     */
    static ObjectNode of(String queueArn, List<Message> messages) {
        ObjectNode template = (ObjectNode) fixture("sqs-orchestrate-batch.json").withArray("Records").get(0);
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode r = template.deepCopy();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            r.put("md5OfBody", m.md5OfBody());
            r.put("eventSourceARN", queueArn);
            r.put("awsRegion", queueArn.split(":")[3]);
            ObjectNode attributes = r.putObject("attributes");
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            records.add(r);
        }
        return event;
    }

    /** The {@code messageId} of record {@code i}. */
    static String messageId(JsonNode event, int i) {
        return event.get("Records").get(i).get("messageId").asText();
    }

    /** The item identifiers of a {@code batchItemFailures} response. */
    static List<String> failures(String response) {
        try {
            List<String> ids = new ArrayList<>();
            JSON.readTree(response).path("batchItemFailures").forEach(f -> ids.add(f.get("itemIdentifier").asText()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("not a batch response: " + response, e);
        }
    }
}
