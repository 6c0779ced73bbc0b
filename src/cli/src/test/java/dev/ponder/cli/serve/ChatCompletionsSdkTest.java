package dev.ponder.cli.serve;

import static dev.ponder.cli.serve.Api.as;
import static dev.ponder.cli.serve.OpenAi.PROBLEM;
import static dev.ponder.cli.serve.OpenAi.client;
import static dev.ponder.cli.serve.OpenAi.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import dev.ponder.engine.account.Quotas;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible endpoint through the official OpenAI Java SDK, against {@code ponder serve}'s stack. */
@QuarkusTest
@TestProfile(ServeProfile.class)
class ChatCompletionsSdkTest {

    @Inject
    ServedStack stack;

    @Test
    void aCompletionIsTheChosenPathWithTheSearchsUsageAndThePonderObject() {
        String key = stack.key("sdk-plain", Quotas.Overrides.NONE);
        ChatCompletion c = client(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("ponder-beam-4").addUserMessage(PROBLEM).temperature(0.0).seed(7L).user("ignored").build());

        assertThat(c.model()).isEqualTo("ponder-beam-4");
        assertThat(c.choices()).hasSize(1);
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        String content = c.choices().get(0).message().content().orElseThrow();
        assertThat(content).contains("\\boxed{43}");

        Map<String, Object> ponder = map(c._additionalProperties().get("ponder"));
        String id = (String) ponder.get("search_id");
        assertThat(c.id()).isEqualTo("chatcmpl-" + id);
        assertThat(ponder).containsEntry("status", "SUCCEEDED").containsEntry("answer", "43")
                .containsEntry("strategy", "beam").containsEntry("n", 4)
                .containsEntry("location", "/v1/searches/" + id).containsKey("bill");

        Response search = as(key).queryParam("include", "trajectories").get("/v1/searches/" + id);
        assertThat(search.<String>path("request.problem")).isEqualTo(PROBLEM);
        assertThat(search.<Float>path("request.temperature")).as("OpenAI's temperature is ignored").isEqualTo(0.8f);
        List<String> chosen = search.path("trajectories.find { it.chosen }.steps.text");
        assertThat(content).containsSubsequence(chosen);
        assertUsage(c.usage().orElseThrow(), search);
    }

    @Test
    void aStreamDeliversTheSameCompletionInChunksWithTheUsageLast() {
        String key = stack.key("sdk-stream", Quotas.Overrides.NONE);
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client(key).chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("ponder-best-of-n-4").addUserMessage(PROBLEM)
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }
        assertThat(chunks.get(0).choices().get(0).delta().role()).hasValue(ChatCompletionChunk.Choice.Delta.Role
                .ASSISTANT);
        String content = chunks.stream().flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse("")).reduce("", String::concat);
        assertThat(content).contains("\\boxed{");
        assertThat(chunks).allSatisfy(c -> assertThat(c.model()).isEqualTo("ponder-best-of-n-4"));
        ChatCompletionChunk finish = chunks.get(chunks.size() - 2);
        assertThat(finish.choices().get(0).finishReason()).hasValue(ChatCompletionChunk.Choice.FinishReason.STOP);
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();

        String id = (String) map(finish._additionalProperties().get("ponder")).get("search_id");
        assertThat(map(chunks.get(0)._additionalProperties().get("ponder"))).containsEntry("search_id", id);
        Response search = as(key).queryParam("include", "trajectories").get("/v1/searches/" + id);
        assertThat(search.<String>path("status")).isEqualTo("SUCCEEDED");
        assertThat(content).containsSubsequence(search.<List<String>>path("trajectories.find { it.chosen }.steps.text"));
        assertUsage(last.usage().orElseThrow(), search);
    }

    @Test
    void thePonderObjectChoosesTheSearchAndEarlierTurnsGoInFrontOfTheProblem() {
        String key = stack.key("sdk-ponder", Quotas.Overrides.NONE);
        ChatCompletion c = client(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("ponder").addSystemMessage("You are a careful tutor.").addUserMessage("Hello!")
                .addAssistantMessage("Hi. Send me a problem.").addUserMessage(PROBLEM)
                .putAdditionalBodyProperty("ponder", JsonValue.from(Map.of("strategy", "dvts", "n", 8, "m", 2,
                        "answer", "43", "seed", 3)))
                .build());

        assertThat(c.model()).isEqualTo("ponder-dvts-8");
        Map<String, Object> ponder = map(c._additionalProperties().get("ponder"));
        assertThat(ponder).containsEntry("strategy", "dvts").containsEntry("correct", true);
        Response search = as(key).get("/v1/searches/" + ponder.get("search_id"));
        assertThat(search.<Integer>path("request.m")).isEqualTo(2);
        assertThat(search.<Integer>path("request.seed")).isEqualTo(3);
        assertThat(search.<String>path("request.problem")).isEqualTo("System: You are a careful tutor.\n\n"
                + "User: Hello!\n\nAssistant: Hi. Send me a problem.\n\nUser: " + PROBLEM);
    }

    @Test
    void modelsAreListedAndErrorsAreTheSdksExceptions() {
        String key = stack.key("sdk-errors", Quotas.Overrides.NONE);
        OpenAIClient client = client(key);
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertThat(ids).startsWith("ponder", "ponder-majority-4").contains("ponder-beam-16", "ponder-dvts-64",
                "ponder-weighted-best-of-n-256").hasSize(21);
        assertThat(client.models().retrieve("ponder-beam-12").ownedBy()).isEqualTo("ponder");
        assertThat(catchThrowableOfType(NotFoundException.class, () -> client.models().retrieve(
                "gpt-4o")).statusCode()).isEqualTo(404);

        BadRequestException many = catchThrowableOfType(BadRequestException.class, () -> client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("ponder-beam-16").addUserMessage(PROBLEM).n(4)
                        .build()));
        assertThat(map(many.body())).containsEntry("detail", "n must be 1 (got 4): n is OpenAI's number of choices, "
                + "and ponder answers with one; the search's budget is the n of the model name (ponder-beam-16) or "
                + "ponder.n");

        NotFoundException unknown = catchThrowableOfType(NotFoundException.class, () -> client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage(PROBLEM).build()));
        assertThat((String) map(unknown.body()).get("detail")).startsWith("the model gpt-4o does not exist");

        UnauthorizedException denied = catchThrowableOfType(UnauthorizedException.class, () -> client("not-a-key")
                .chat().completions().create(ChatCompletionCreateParams.builder().model("ponder-beam-4")
                        .addUserMessage(PROBLEM).build()));
        assertThat(denied.statusCode()).isEqualTo(401);
    }

    /** The completion's usage is every token of the search: its endpoints' prompt and completion tokens. */
    private static void assertUsage(CompletionUsage usage, Response search) {
        Map<String, Map<String, Integer>> endpoints = search.path("usage.endpoints");
        long prompt = endpoints.values().stream().mapToLong(e -> e.get("prompt_tokens")).sum();
        long completion = endpoints.values().stream().mapToLong(e -> e.get("completion_tokens")).sum();
        assertThat(endpoints).containsKeys("sim", "sim-prm");
        assertThat(usage.promptTokens()).isEqualTo(prompt).isPositive();
        assertThat(usage.completionTokens()).isEqualTo(completion).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(search.<Integer>path("usage.tokens").longValue());
    }
}
