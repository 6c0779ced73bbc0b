package dev.ponder.http.rest;

import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.problem.Problem;
import dev.ponder.http.service.ChatService;
import dev.ponder.http.view.ChatCompletion;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** OpenAI's chat completions, answered by a search. The work is {@link ChatService}'s. */
@Path("/v1/chat/completions")
@Tag(name = "openai")
@SecurityRequirement(name = ApiDocument.BEARER)
public class ChatResource {

    private final ChatService chat;
    private final ApiConfig limits;

    @Inject
    public ChatResource(ChatService chat, ApiConfig limits) {
        this.chat = chat;
        this.limits = limits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    @Operation(summary = "Create a chat completion", description = "OpenAI's chat completion: the model "
            + "(ponder-<strategy>-<n>) or the extra ponder object picks the search, the last user message is the "
            + "problem; the content is the chosen path's text, usage counts every token the search spent, and the "
            + "extra ponder object names the search, its answer and bill. Waits up to ponder.api.chat-wait. "
            + "stream=true answers with server-sent events.")
    @APIResponse(responseCode = "200", description = "The completion (or, with stream=true, its chunks)",
            content = @Content(schema = @Schema(implementation = ChatCompletion.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, or OpenAI's n above 1",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The model is not one of ponder's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The search was cancelled before it ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "A quota is exhausted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "The search failed; search_id names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "504", description = "The search is still running; poll location",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(String body,
                           @Parameter(description = "Retries with the same key and body wait on the same search")
                           @HeaderParam("Idempotency-Key") String idempotencyKey) {
        QueryParams q = new QueryParams();
        q.idempotencyKey(idempotencyKey, limits.maxIdempotencyKeyChars());
        q.check();
        ChatService.Started started = chat.start(body, idempotencyKey);
        if (!started.request().stream()) {
            return Response.ok(chat.complete(started), MediaType.APPLICATION_JSON).build();
        }
        StreamingOutput events = out -> chat.stream(started, out);
        return Response.ok(events, MediaType.SERVER_SENT_EVENTS).header("Cache-Control", "no-cache").build();
    }
}
