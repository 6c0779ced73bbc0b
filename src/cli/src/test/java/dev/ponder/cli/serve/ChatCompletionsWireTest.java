package dev.ponder.cli.serve;

import static dev.ponder.cli.serve.Api.as;
import static dev.ponder.cli.serve.Api.problem;
import static dev.ponder.cli.serve.OpenAi.PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ponder.engine.account.Quotas;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/chat/completions} on the wire: the exact server-sent events, and every refusal as a problem. */
@QuarkusTest
@TestProfile(ServeProfile.class)
class ChatCompletionsWireTest {

    private static final String USER = "[{\"role\": \"user\", \"content\": \"" + PROBLEM + "\"}]";

    @Inject
    ServedStack stack;

    private static Response chat(String key, String body) {
        return as(key).contentType("application/json").body(body).post("/v1/chat/completions");
    }

    @Test
    void aStreamIsOpenAisChunksWithIterationsAsCommentsThenDone() {
        String key = stack.key("wire", Quotas.Overrides.NONE);
        Response r = chat(key, "{\"model\": \"ponder-beam-4\", \"messages\": " + USER + ", \"stream\": true, "
                + "\"stream_options\": {\"include_usage\": true}}");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/event-stream");
        String body = r.asString();
        String id = body.replaceAll("(?s).*?\"search_id\":\"([0-9a-f]+)\".*", "$1");
        Response search = as(key).get("/v1/searches/" + id);
        long created = Instant.parse(search.path("created_at")).getEpochSecond();
        String head = "data: {\"id\":\"chatcmpl-" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":"
                + created + ",\"model\":\"ponder-beam-4\",\"choices\":";

        assertThat(body).endsWith("\n\ndata: [DONE]\n\n");
        List<String> events = Arrays.asList(body.split("\n\n"));
        assertThat(events.get(0)).isEqualTo(head + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"ponder\":{\"search_id\":\"" + id + "\",\"location\":"
                + "\"/v1/searches/" + id + "\",\"status\":\"PENDING\"}}");
        int iterations = search.path("iteration");
        List<String> comments = events.subList(1, 1 + iterations);
        assertThat(comments).containsExactlyElementsOf(IntStream.rangeClosed(1, iterations)
                .mapToObj(i -> ": iteration " + i).toList());
        List<String> rest = events.subList(1 + iterations, events.size());
        assertThat(rest).hasSize(4);
        assertThat(rest.get(0)).startsWith(head + "[{\"index\":0,\"delta\":{\"content\":\"").contains("\\\\boxed{43}")
                .endsWith("\"},\"logprobs\":null,\"finish_reason\":null}]}");
        assertThat(rest.get(1)).startsWith(head + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":"
                + "\"stop\"}],\"ponder\":{\"search_id\":\"" + id + "\",");
        assertThat(rest.get(2)).startsWith(head + "[],\"usage\":{\"prompt_tokens\":").endsWith(",\"total_tokens\":"
                + search.<Integer>path("usage.tokens") + "}}");
        assertThat(rest.get(3)).isEqualTo("data: [DONE]");
    }

    @Test
    void anIdempotencyKeyAnswersARetryFromTheSameSearch() {
        String key = stack.key("wire-retry", Quotas.Overrides.NONE);
        String body = "{\"model\": \"ponder-majority-4\", \"messages\": " + USER + "}";
        Response first = as(key).contentType("application/json").header("Idempotency-Key", "chat-1").body(body)
                .post("/v1/chat/completions");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(first.<String>path("object")).isEqualTo("chat.completion");
        assertThat(first.<String>path("choices[0].message.role")).isEqualTo("assistant");
        Response again = as(key).contentType("application/json").header("Idempotency-Key", "chat-1").body(body)
                .post("/v1/chat/completions");
        assertThat(again.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(again.<String>path("choices[0].message.content")).isEqualTo(first.path("choices[0].message.content"));
        problem(as(key).contentType("application/json").header("Idempotency-Key", "chat-1")
                .body(body.replace("majority-4", "majority-8")).post("/v1/chat/completions"), 422);
    }

    @Test
    void refusalsNameTheFieldTheValueAndTheLimit() {
        String key = stack.key("wire-errors", Quotas.Overrides.NONE);
        Response fields = problem(chat(key, "{\"model\": \"ponder-beam-16\", \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"Hi\", \"tool_calls\": []}, {\"role\": \"robot\", \"content\": [{\"type\": "
                + "\"image_url\", \"image_url\": {}}]}], \"tools\": [], \"stream\": \"yes\", \"n\": 2}"), 400);
        assertThat(fields.<List<String>>path("errors.field")).containsExactly("tools", "n", "stream",
                "messages[0].tool_calls", "messages[1].role", "messages[1].content[0]");

        Response last = problem(chat(key, "{\"model\": \"ponder\", \"messages\": [{\"role\": \"user\", \"content\": "
                + "\"Hi\"}, {\"role\": \"assistant\", \"content\": \"Hello\"}]}"), 400);
        assertThat(last.<String>path("errors[0].message")).isEqualTo("the last message must be the user's: it is the "
                + "problem (got assistant)");

        Response model = problem(chat(key, "{\"model\": \"ponder-beam-2048\", \"messages\": " + USER + "}"), 400);
        assertThat(model.<String>path("errors[0].field")).isEqualTo("model");
        assertThat(model.<String>path("errors[0].message")).isEqualTo("n of model ponder-beam-2048 must be between 1 "
                + "and 1024 (got 2048)");

        Response ponder = problem(chat(key, "{\"model\": \"ponder-beam-16\", \"messages\": " + USER + ", \"ponder\": "
                + "{\"n\": 8, \"m\": 99, \"problem\": \"x\", \"budget\": 3}}"), 400);
        assertThat(ponder.<List<String>>path("errors.field")).containsExactlyInAnyOrder("ponder.budget", "ponder.m",
                "ponder.problem", "ponder.n");
        assertThat(ponder.<List<String>>path("errors.message")).contains("ponder.m must be between 1 and 64 (got 99)", "ponder.n cannot be set with model ponder-beam-16, which sets it: send model ponder "
                + "to choose it in ponder");

        Response unknown = problem(chat(key, "{\"model\": \"ponder-sideways-16\", \"messages\": " + USER + "}"), 404);
        assertThat(unknown.<String>path("detail")).startsWith("the model ponder-sideways-16 does not exist: the "
                + "models are ponder or ponder-<strategy>-<n> with a strategy of majority, ");
        problem(chat(key, "{\"model\": \"ponder-beam-16\", \"messages\": " + USER + ", \"stream\": true, "
                + "\"stream_options\": {\"include_usage\": 1}}"), 400);
        problem(chat(key, "[]"), 400);
        problem(chat(key, "{\"model\": "), 400);
        problem(as("not-a-key").contentType("application/json").body("{}").post("/v1/chat/completions"), 401);
        problem(as("not-a-key").get("/v1/models"), 401);
    }
}
