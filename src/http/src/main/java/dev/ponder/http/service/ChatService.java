package dev.ponder.http.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.core.search.Trajectory;
import dev.ponder.engine.stage.Searches;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.problem.ApiException;
import dev.ponder.http.request.ChatRequest;
import dev.ponder.http.request.ChatRequestParser;
import dev.ponder.http.view.ChatCompletion;
import dev.ponder.http.view.ChatPonder;
import dev.ponder.http.view.SearchView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * OpenAI's chat completions over searches: submits the search the request names (as {@code POST /v1/searches}
 * does, with the same quotas and Idempotency-Key), waits for it up to {@code ponder.api.chat-wait}, and answers
 * with the chosen path's text — in one body, or as server-sent events.
 */
@ApplicationScoped
public class ChatService {

    private static final String CHUNK = "chat.completion.chunk";

    private final EngineHolder engine;
    private final SearchService searches;
    private final ApiConfig limits;
    private final ChatRequestParser parser;
    private final ObjectMapper json;

    @Inject
    public ChatService(EngineHolder engine, SearchService searches, ApiConfig limits, ObjectMapper json) {
        this.engine = engine;
        this.searches = searches;
        this.limits = limits;
        this.parser = new ChatRequestParser(searches.parser());
        this.json = json;
    }

    /**
     * A chat completion's search, accepted: all that answering it needs, so a stream (written after the resource
     * method returned, outside the request's scope) needs nothing else.
     *
     * @param idempotent whether the request carried an Idempotency-Key (a retry then waits on the same search)
     */
    public record Started(ApiEngine engine, ChatRequest request, SearchItem search, boolean idempotent) {

        String completionId() {
            return "chatcmpl-" + search.id();
        }

        long created() {
            return search.createdMs() / 1000;
        }
    }

    /** Validates the body and submits its search for the caller. */
    public Started start(String body, String idempotencyKey) {
        ChatRequest request = parser.parse(body);
        Searches.Accepted accepted = searches.submit(request.search(), idempotencyKey);
        return new Started(engine.get(), request, accepted.search(), idempotencyKey != null);
    }

    /** Waits for the search and answers with its completion; 504, 502 or 409 when it did not succeed in time. */
    public ChatCompletion complete(Started started) {
        SearchItem end = await(started, iteration -> {
        });
        ApiException unanswered = unanswered(started, end);
        if (unanswered != null) {
            throw unanswered;
        }
        return completion(started, end);
    }

    /**
     * Writes the answer as OpenAI's server-sent events: a chunk with the role (and the search's id) at once, a
     * comment line per iteration while the search runs ({@code : iteration 3}; clients skip comments), then the
     * content, a chunk with {@code finish_reason}, the usage when asked, and {@code data: [DONE]}. A search that did
     * not succeed in time ends the stream with an error event, {@code data: {"error": {...}}} naming the search.
     */
    public void stream(Started started, OutputStream out) throws IOException {
        String id = started.search().id();
        send(out, chunk(started, new ChatCompletion.Delta("assistant", ""), null, ChatPonder.started(id,
                SearchService.location(id), started.search().status().name())));
        SearchItem end;
        try {
            end = await(started, iteration -> {
                try {
                    write(out, ": iteration " + iteration + "\n\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away; the search goes on
        }
        ApiException unanswered = unanswered(started, end);
        if (unanswered != null) {
            ObjectNode error = json.createObjectNode();
            error.putObject("error").put("message", unanswered.getMessage()).put("type", unanswered.type())
                    .put("code", unanswered.status()).put("search_id", unanswered.searchId())
                    .put("location", unanswered.location());
            write(out, "data: " + json.writeValueAsString(error) + "\n\n");
            return;
        }
        ChatCompletion c = completion(started, end);
        send(out, chunk(started, new ChatCompletion.Delta(null, c.choices().get(0).message().content()), null, null));
        send(out, chunk(started, new ChatCompletion.Delta(null, null), "stop", c.ponder()));
        if (started.request().includeUsage()) {
            send(out, new ChatCompletion.Chunk(started.completionId(), CHUNK, started.created(), started.request()
                    .model(), List.of(), c.usage(), null));
        }
        write(out, "data: [DONE]\n\n");
    }

    /**
     * Reads the search every {@code ponder.api.chat-poll} until it ends or {@code ponder.api.chat-wait} has passed,
     * telling {@code iterations} each iteration it reaches; returns it as it last stood.
     */
    private SearchItem await(Started started, IntConsumer iterations) {
        long until = System.nanoTime() + limits.chatWait().toNanos();
        String id = started.search().id();
        SearchItem s = started.search();
        int reported = 0;
        while (true) {
            for (int i = reported + 1; i <= s.state().iteration(); i++) {
                iterations.accept(i);
            }
            reported = Math.max(reported, s.state().iteration());
            long left = until - System.nanoTime();
            if (s.status().terminal() || left <= 0) {
                return s;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(limits.chatPoll().toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                // The server is stopping: the search is left running, as past the wait.
                Thread.currentThread().interrupt();
                return s;
            }
            s = started.engine().searches().get(id).orElseThrow(() -> new IllegalStateException("search " + id
                    + " vanished while a chat completion waited for it"));
        }
    }

    /** Why the search gives no completion: still running past the wait (504), FAILED (502), CANCELLED (409). */
    private ApiException unanswered(Started started, SearchItem s) {
        String id = s.id();
        String location = SearchService.location(id);
        return switch (s.status()) {
            case SUCCEEDED -> null;
            case FAILED -> ApiException.searchFailed(id, location, "search " + id + " FAILED: " + s.reason());
            case CANCELLED -> ApiException.searchCancelled(id, location, "search " + id + " was CANCELLED: "
                    + s.reason());
            default -> ApiException.stillRunning(id, location, "search " + id + " is still " + s.status()
                    + " (iteration " + s.state().iteration() + ") after " + shortly(limits.chatWait())
                    + ", the longest a chat completion waits (ponder.api.chat-wait): GET " + location + " shows its "
                    + "answer when it ends" + (started.idempotent() ? ", as does a retry with the same "
                    + "Idempotency-Key" : ""), started.idempotent());
        };
    }

    private ChatCompletion completion(Started started, SearchItem end) {
        ApiEngine e = started.engine();
        SearchView view = searches.view(e, end, false);
        String content = SearchService.chosen(e, end).map(Trajectory::text).orElse("");
        return new ChatCompletion(started.completionId(), "chat.completion", started.created(),
                started.request().model(), List.of(new ChatCompletion.Choice(0, new ChatCompletion.Message(
                "assistant", content, null), null, "stop")), ChatCompletion.Usage.of(view.usage()),
                ChatPonder.of(view, SearchService.location(end.id())));
    }

    private static ChatCompletion.Chunk chunk(Started started, ChatCompletion.Delta delta, String finishReason,
                                              ChatPonder ponder) {
        return new ChatCompletion.Chunk(started.completionId(), CHUNK, started.created(), started.request().model(),
                List.of(new ChatCompletion.ChunkChoice(0, delta, null, finishReason)), null, ponder);
    }

    private void send(OutputStream out, ChatCompletion.Chunk chunk) throws IOException {
        write(out, "data: " + json.writeValueAsString(chunk) + "\n\n");
    }

    /** Writes and flushes: each event leaves at once (on serve; API Gateway buffers the whole response). */
    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String shortly(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
