package dev.ponder.http.rest;

import dev.ponder.engine.batch.BatchConfig;
import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.problem.Problem;
import dev.ponder.http.request.BatchRequestParser;
import dev.ponder.http.service.BatchService;
import dev.ponder.http.view.BatchPage;
import dev.ponder.http.view.BatchView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Batches (modelled on the OpenAI and Anthropic batch APIs): create from JSONL lines or an inbox file, show, cancel,
 * list, and download the result rows. The work is {@link BatchService}'s.
 */
@Path("/v1/batches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "batches")
@SecurityRequirement(name = ApiDocument.BEARER)
public class BatchesResource {

    /** JSONL, as the batch APIs name it, and its older name. */
    static final String JSONL = "application/jsonl";
    static final String NDJSON = "application/x-ndjson";

    private final BatchService batches;
    private final BatchRequestParser requests;
    private final ApiConfig limits;

    @Inject
    public BatchesResource(BatchService batches, BatchConfig config, ApiConfig limits) {
        this.batches = batches;
        this.requests = new BatchRequestParser(config);
        this.limits = limits;
    }

    @POST
    @Consumes({JSONL, NDJSON})
    @Operation(summary = "Create a batch from JSONL lines", description = "One search a line: {custom_id, problem, "
            + "answer?, strategy?, n?, ...}. The query holds max_in_flight, completion_window and any search field as "
            + "a default for every line. Every line is checked before anything is stored; each bad one is named by "
            + "its number and field.")
    @APIResponse(responseCode = "201", description = "Created; Location is the batch",
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "200", description = "An Idempotency-Key replay: the batch the key made")
    @APIResponse(responseCode = "400", description = "Bad lines or options, each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The batch is larger than a batch may be",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "A line asks for more than the tenant's max_n, or the month's "
            + "tokens are spent", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response createFromLines(String body, @Context UriInfo uri,
                                    @Parameter(description = "Retries with the same key and lines return the same batch")
                                    @HeaderParam("Idempotency-Key") String idempotencyKey) {
        checkKey(idempotencyKey);
        return created(batches.create(requests.jsonl(body, uri.getQueryParameters()), idempotencyKey));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a batch", description = "{input: the JSONL lines as a string | input_file: a file "
            + "in the tenant's batch inbox, defaults: {search fields}, max_in_flight, completion_window}.")
    @APIResponse(responseCode = "201", description = "Created; Location is the batch",
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    public Response create(String body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        checkKey(idempotencyKey);
        return created(batches.create(requests.json(body), idempotencyKey));
    }

    private void checkKey(String idempotencyKey) {
        QueryParams q = new QueryParams();
        q.idempotencyKey(idempotencyKey, limits.maxIdempotencyKeyChars());
        q.check();
    }

    private static Response created(BatchService.Created c) {
        Response.ResponseBuilder r = c.created() ? Response.created(URI.create("/v1/batches/" + c.batch().id()))
                : Response.ok().location(URI.create("/v1/batches/" + c.batch().id()));
        return r.entity(c.batch()).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Show a batch", description = "Status, request counts, times, expiry.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "404", description = "No such batch for this key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BatchView get(@PathParam("id") String id) {
        return batches.get(id);
    }

    @GET
    @Path("{id}/results")
    @Produces(JSONL)
    @Operation(summary = "Download a batch's result rows", description = "JSONL, one row per ended line in line "
            + "order (results rows with custom_id and search_id; failed and cancelled lines with status and error). "
            + "While the batch runs, the lines ended so far.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = JSONL))
    public Response results(@PathParam("id") String id) {
        batches.checkOwn(id);
        StreamingOutput rows = out -> batches.results(id, out);
        return Response.ok(rows, JSONL).build();
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a batch", description = "It is cancelling: searches in flight are cancelled, lines "
            + "not started never start; then it is cancelled. Ended lines keep their rows.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "409", description = "It had already ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BatchView cancel(@PathParam("id") String id) {
        return batches.cancel(id);
    }

    @GET
    @Operation(summary = "List batches", description = "The caller's batches, newest first; pass next_cursor back "
            + "as cursor for the next page.")
    public BatchPage list(@QueryParam("limit") String limit,
                          @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor")
                          String cursor) {
        QueryParams q = new QueryParams();
        int pageSize = q.integer("limit", limit, 1, limits.maxListLimit(), limits.defaultListLimit());
        q.check();
        return batches.list(pageSize, cursor == null || cursor.isEmpty() ? null : cursor);
    }
}
