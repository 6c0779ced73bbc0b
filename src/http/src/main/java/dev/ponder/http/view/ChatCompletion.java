package dev.ponder.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer to {@code POST /v1/chat/completions}: OpenAI's chat completion, one choice whose content is the chosen
 * path's text, plus the search behind it in {@code ponder}.
 *
 * @param id      {@code chatcmpl-<search id>}
 * @param object  always {@code chat.completion}
 * @param created when the search was accepted, epoch seconds
 * @param model   {@code ponder-<strategy>-<n>}: the search that ran
 * @param usage   every token the search spent, on the policy and the PRM
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices,
                             Usage usage, ChatPonder ponder) {

    /** One choice; {@code logprobs} is always null (OpenAI requires the field). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Choice(int index, Message message, Object logprobs, String finishReason) {
    }

    /** The assistant's message; {@code refusal} is always null. */
    public record Message(String role, String content, String refusal) {
    }

    /** OpenAI's token counts: prompt and completion tokens over every model call of the search. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(long promptTokens, long completionTokens, long totalTokens) {

        public static Usage of(UsageView usage) {
            long prompt = usage.endpoints().values().stream().mapToLong(UsageView.Endpoint::promptTokens).sum();
            long completion = usage.endpoints().values().stream().mapToLong(UsageView.Endpoint::completionTokens)
                    .sum();
            return new Usage(prompt, completion, prompt + completion);
        }
    }

    /**
     * A streamed piece of a chat completion ({@code object: chat.completion.chunk}): the same id, created and model
     * on every chunk; {@code usage} only on the last, whose {@code choices} is empty; {@code ponder} on the first
     * (the search's id, so a client cut off can still poll it) and on the one that finishes.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Chunk(String id, String object, long created, String model, List<ChunkChoice> choices,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage,
                        @JsonInclude(JsonInclude.Include.NON_NULL) ChatPonder ponder) {
    }

    /** A chunk's choice: what {@code delta} adds to the message; {@code finish_reason} on the last. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ChunkChoice(int index, Delta delta, Object logprobs, String finishReason) {
    }

    /** A message's part: the role first, then the content; the finishing chunk's delta is empty. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content) {
    }
}
