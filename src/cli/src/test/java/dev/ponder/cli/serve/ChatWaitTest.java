package dev.ponder.cli.serve;

import static dev.ponder.cli.serve.Api.PROBLEM_JSON;
import static dev.ponder.cli.serve.Api.as;
import static dev.ponder.cli.serve.OpenAi.PROBLEM;
import static dev.ponder.cli.serve.OpenAi.client;
import static dev.ponder.cli.serve.OpenAi.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.ponder.engine.account.Quotas;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A chat completion whose search outlives {@code ponder.api.chat-wait}: 504 (or an error event) naming the search. */
@QuarkusTest
@TestProfile(ChatWaitProfile.class)
class ChatWaitTest {

    private static final String BODY = "{\"model\": \"ponder-beam-64\", \"messages\": [{\"role\": \"user\", "
            + "\"content\": \"" + PROBLEM + "\"}]";

    @Inject
    ServedStack stack;

    @Test
    void pastTheWaitTheAnswerIs504WithTheSearchToPoll() {
        String key = stack.key("waiter", Quotas.Overrides.NONE);
        InternalServerException e = catchThrowableOfType(InternalServerException.class, () -> client(key).chat()
                .completions().create(ChatCompletionCreateParams.builder().model("ponder-beam-64")
                        .addUserMessage(PROBLEM).build()));
        assertThat(e.statusCode()).isEqualTo(504);
        assertThat(e.headers().values("x-should-retry")).containsExactly("false");
        Map<String, Object> problem = map(e.body());
        String id = (String) problem.get("search_id");
        assertThat(problem).containsEntry("type", "urn:ponder:problem:still-running")
                .containsEntry("location", "/v1/searches/" + id);
        assertThat((String) problem.get("detail")).startsWith("search " + id + " is still ")
                .contains("after 1 ms, the longest a chat completion waits (ponder.api.chat-wait)");
        assertThat(as(key).delete("/v1/searches/" + id).<String>path("status")).isEqualTo("CANCELLED");

        // With an Idempotency-Key a retry waits on the same search again, so the SDK is invited to retry.
        Response first = as(key).contentType("application/json").header("Idempotency-Key", "wait-1")
                .body(BODY + "}").post("/v1/chat/completions");
        assertThat(first.statusCode()).isEqualTo(504);
        assertThat(first.contentType()).startsWith(PROBLEM_JSON);
        assertThat(first.header("x-should-retry")).isEqualTo("true");
        Response again = as(key).contentType("application/json").header("Idempotency-Key", "wait-1")
                .body(BODY + "}").post("/v1/chat/completions");
        assertThat(again.<String>path("search_id")).isEqualTo(first.<String>path("search_id"));
        as(key).delete("/v1/searches/" + first.<String>path("search_id"));
    }

    @Test
    void aStreamPastTheWaitEndsWithAnErrorEventNamingTheSearch() {
        String key = stack.key("stream-waiter", Quotas.Overrides.NONE);
        Response r = as(key).contentType("application/json").body(BODY + ", \"stream\": true}")
                .post("/v1/chat/completions");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/event-stream");
        String[] events = r.asString().split("\n\n");
        assertThat(events[0]).startsWith("data: {\"id\":\"chatcmpl-");
        String id = r.asString().replaceAll("(?s).*\"search_id\":\"([0-9a-f]+)\".*", "$1");
        // PENDING or, if its first step was quick, RUNNING: the message names where it stood.
        assertThat(events[events.length - 1]).matches(Pattern.quote("data: {\"error\":{\"message\":"
                + "\"search " + id + " is still ") + "(PENDING|RUNNING) \\(iteration \\d+\\)" + Pattern.quote(
                " after 1 ms, the longest a chat completion waits (ponder.api.chat-wait): GET /v1/searches/" + id
                + " shows its answer when it ends\",\"type\":\"urn:ponder:problem:still-running\",\"code\":504,"
                + "\"search_id\":\"" + id + "\",\"location\":\"/v1/searches/" + id + "\"}}"));
        assertThat(r.asString()).doesNotContain("[DONE]");
        as(key).delete("/v1/searches/" + id);
    }
}
