package dev.ponder.http.request;

import dev.ponder.engine.request.SearchRequest;
/**
 * A valid {@code POST /v1/chat/completions} body.
 *
 * @param search       the search it asks for, every default applied
 * @param model        the model that names that search: {@code ponder-<strategy>-<n>}
 * @param stream       whether to answer with server-sent events
 * @param includeUsage streaming: whether a last chunk carries the usage ({@code stream_options.include_usage})
 */
public record ChatRequest(SearchRequest search, String model, boolean stream, boolean includeUsage) {
}
