package dev.ponder.cli.serve;

import static dev.ponder.cli.serve.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.engine.account.Quotas;
import dev.ponder.local.AwsClients;
import dev.ponder.local.EmbeddedStack;
import dev.ponder.local.Endpoints;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Thousands of malformed and boundary requests, each a seeded random mutation of a valid body that is sure to
 * break it (a wrong type, a value past a limit, an unknown or missing field, junk JSON, deep nesting, a wrong content
 * type, an oversized body), mixed with mutations that keep it valid (field order, spacing, Unicode in the text):
 * none may answer 5xx or 2xx, each answers a problem detail, and nothing is stored or queued.
 */
@QuarkusTest
@TestProfile(ServeProfile.class)
class ApiFuzzTest {

    /** Requests sent. */
    private static final int CASES = 2500;
    private static final long SEED = 20261123L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("problem", "answer", "strategy", "n", "m", "temperature",
            "top_p", "reduction", "max_iterations", "deadline_seconds", "policy", "prm", "seed");
    /** Values no field accepts, or that break the field they are put in. */
    private static final List<Object> JUNK = List.of("", " ", "null", "NaN", "∞", "𝑛", "\u0000", "x".repeat(20_000),
            -1, 0, -0.0, 1.5, 4097, 1e308, Long.MAX_VALUE, "16", true, false, List.of(), List.of(1), Map.of(),
            Map.of("n", 4), "beam ", "BEAM", "sim-prm\n", "9007199254740992");

    @Inject
    ServedStack stack;

    @Test
    void noMalformedOrBoundaryRequestAnswers5xxOrStoresAnything() throws Exception {
        String key = stack.key("fuzz", Quotas.Overrides.NONE);
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        // The JDK's client sends the bytes as they are, whatever the content type (RestAssured would encode them).
        HttpClient http = HttpClient.newHttpClient();
        URI searches = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/searches");
        for (int i = 0; i < CASES; i++) {
            Case c = next(random);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(searches).header("Authorization", "Bearer " + key)
                    .header("Content-Type", c.contentType()).POST(HttpRequest.BodyPublishers.ofString(c.body()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            statuses.merge(r.statusCode(), 1, Integer::sum);
            boolean problem = r.headers().firstValue("Content-Type").orElse("").startsWith(Api.PROBLEM_JSON);
            if (r.statusCode() < 400 || r.statusCode() >= 500 || !problem) {
                failures.add(c.kind() + " -> " + r.statusCode() + " " + shorten(r.body()) + " for "
                        + shorten(c.body()));
            }
        }

        assertThat(failures).as("statuses %s", statuses).isEmpty();
        assertThat(statuses.keySet()).containsExactlyInAnyOrder(400, 413, 415);
        assertThat(as(key).get("/v1/searches").<List<?>>path("searches")).isEmpty();
        // Other tests share the stack: only this tenant's work counts.
        assertThat(stack.engine().get().store().active()).noneMatch(search -> search.tenant().equals("fuzz"));
        // Nothing queued either: other tests' searches on this stack may still be finishing, so wait for the
        // queues to drain (a message for a refused request would never leave them).
        Endpoints endpoints = EmbeddedStack.running(stack.store()).orElseThrow();
        try (SqsClient sqs = AwsClients.sqs(endpoints)) {
            long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            Map<String, Map<QueueAttributeName, String>> queued = queued(sqs);
            while (queued.values().stream().anyMatch(a -> !a.values().stream().allMatch("0"::equals))
                    && System.nanoTime() < until) {
                Thread.sleep(500);
                queued = queued(sqs);
            }
            queued.forEach((url, a) -> assertThat(a.values()).as(url).containsOnly("0"));
        }
    }

    private static Map<String, Map<QueueAttributeName, String>> queued(SqsClient sqs) {
        Map<String, Map<QueueAttributeName, String>> all = new java.util.TreeMap<>();
        for (String url : sqs.listQueues().queueUrls()) {
            all.put(url, sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes());
        }
        return all;
    }

    /** One request: what was done to it, its content type and body. */
    record Case(String kind, String contentType, String body) {
    }

    private static Case next(Random random) {
        ObjectNode body = valid(random);
        neutral(random, body);
        List<Function<ObjectNode, Case>> breakers = List.of(
                b -> junkValue(random, b),
                b -> {
                    b.remove("problem");
                    return new Case("missing problem", "application/json", b.toString());
                },
                b -> {
                    b.put(unknownName(random), 1);
                    return new Case("unknown field", "application/json", b.toString());
                },
                b -> truncated(random, b),
                b -> new Case("deep nesting", "application/json", "{\"problem\": " + "[".repeat(50 + random
                        .nextInt(5000)) + "]".repeat(10) + "}"),
                b -> new Case("wrong content type", List.of("text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x").get(random.nextInt(4)),
                        b.toString()),
                b -> new Case("oversized", "application/json", "{\"problem\": \"" + "y".repeat(300_000) + "\"}"),
                b -> new Case("not an object", "application/json", List.of("[]", "42", "\"text\"", "null", "true",
                        "[" + b + "]").get(random.nextInt(6))),
                b -> new Case("empty", "application/json", ""),
                b -> new Case("bytes", "application/json", randomBytes(random)),
                b -> width(random, b));
        return breakers.get(random.nextInt(breakers.size())).apply(body);
    }

    /** A valid body: a problem and some of the other fields, each within its limits. */
    private static ObjectNode valid(Random random) {
        ObjectNode b = JSON.createObjectNode();
        b.put("problem", "Start with " + random.nextInt(100) + ". Add " + random.nextInt(10) + ".");
        String strategy = List.of("majority", "best-of-n", "weighted-best-of-n", "beam", "dvts", "repeated-sampling")
                .get(random.nextInt(6));
        int m = 1 << random.nextInt(3);
        b.put("strategy", strategy);
        b.put("n", m * (1 + random.nextInt(8)));
        b.put("m", m);
        if (random.nextBoolean()) {
            b.put("temperature", random.nextDouble() * 2);
        }
        if (random.nextBoolean()) {
            b.put("top_p", 0.01 + random.nextDouble() * 0.99);
        }
        if (random.nextBoolean()) {
            b.put("seed", random.nextInt(Integer.MAX_VALUE));
        }
        if (random.nextBoolean()) {
            b.put("deadline_seconds", 10 + random.nextInt(86_391));
        }
        return b;
    }

    /** Changes that keep a body valid: Unicode in the text, an answer, a reduction, spacing (in the writer). */
    private static void neutral(Random random, ObjectNode b) {
        if (random.nextBoolean()) {
            b.put("problem", b.get("problem").asText() + " ∑ 𝑥² — ünïcödé 😀");
        }
        if (random.nextBoolean()) {
            b.put("answer", Integer.toString(random.nextInt(1000)));
        }
        if (random.nextBoolean()) {
            b.put("reduction", List.of("last", "min", "prod", "mean").get(random.nextInt(4)));
        }
    }

    private static Case junkValue(Random random, ObjectNode b) {
        String field = FIELDS.get(random.nextInt(FIELDS.size()));
        Object junk = JUNK.get(random.nextInt(JUNK.size()));
        if (accepted(field, junk)) {
            junk = List.of(junk); // a value the field would take: in an array it is junk again
        }
        b.set(field, JSON.valueToTree(junk));
        return new Case("junk " + field, "application/json", b.toString());
    }

    /** Whether {@code field} takes {@code value} (the API's default limits): such a value is no junk there. */
    private static boolean accepted(String field, Object value) {
        double x = value instanceof Number number ? number.doubleValue() : Double.NaN;
        boolean whole = x == Math.rint(x);
        return switch (field) {
            case "problem" -> value instanceof String s && !s.isBlank() && s.length() <= 16_000;
            case "answer" -> value instanceof String s && !s.isBlank() && s.length() <= 1000;
            case "temperature" -> x >= 0 && x <= 2;
            case "deadline_seconds" -> whole && x >= 10 && x <= 86_400;
            case "seed" -> whole && x >= 0 && x <= 9_007_199_254_740_991.0;
            // n, m and max_iterations take none of the junk numbers; no junk text is a strategy, reduction or profile.
            default -> false;
        };
    }

    private static Case truncated(Random random, ObjectNode b) {
        String text = b.toString();
        return new Case("truncated", "application/json", text.substring(0, random.nextInt(text.length() - 1)));
    }

    /** A beam width that cannot fit: wider than n for beam, or not dividing n for DVTS. */
    private static Case width(Random random, ObjectNode b) {
        boolean dvts = random.nextBoolean();
        b.put("strategy", dvts ? "dvts" : "beam");
        b.put("n", dvts ? 6 : 2);
        b.put("m", 4);
        return new Case("width", "application/json", b.toString());
    }

    private static String unknownName(Random random) {
        return List.of("N", "beam_width", "problem ", "", "𝑛", "max_tokens", "__proto__", "x".repeat(500))
                .get(random.nextInt(8));
    }

    private static String randomBytes(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(200); i++) {
            s.append((char) random.nextInt(0x3000));
        }
        return s.toString();
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
