package dev.ponder.http.rest;

import dev.ponder.engine.request.SearchRequest;
import dev.ponder.engine.store.SearchStatus;
import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.problem.Problem;
import dev.ponder.http.service.SearchService;
import dev.ponder.http.view.Accepted;
import dev.ponder.http.view.Estimate;
import dev.ponder.http.view.SearchPage;
import dev.ponder.http.view.SearchView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Searches: submit (or price), show, cancel, list. The work is {@link SearchService}'s. */
@Path("/v1/searches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "searches")
@SecurityRequirement(name = ApiDocument.BEARER)
public class SearchesResource {

    private final SearchService searches;
    private final ApiConfig limits;

    @Inject
    public SearchesResource(SearchService searches, ApiConfig limits) {
        this.searches = searches;
        this.limits = limits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a search", description = "Validates the body (every bad field is named with its "
            + "value and limit), stores the search and queues its first step; poll the Location. With dry_run=true, "
            + "only estimates its usage and bill.")
    @RequestBody(content = @Content(schema = @Schema(implementation = SearchRequest.class)))
    @APIResponse(responseCode = "202", description = "Accepted (also an Idempotency-Key replay: the same search)",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "200", description = "dry_run=true: the estimate; nothing stored",
            content = @Content(schema = @Schema(implementation = Estimate.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "A quota is exhausted (Retry-After says when to retry)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(String body,
                           @Parameter(description = "Retries with the same key and body return the same search")
                           @HeaderParam("Idempotency-Key") String idempotencyKey,
                           @QueryParam("dry_run") String dryRun) {
        QueryParams q = new QueryParams();
        boolean dry = q.bool("dry_run", dryRun);
        q.idempotencyKey(idempotencyKey, limits.maxIdempotencyKeyChars());
        q.check();
        SearchService.Submitted submitted = searches.submit(body, idempotencyKey, dry);
        if (submitted instanceof SearchService.Created created) {
            return Response.accepted(created.accepted()).location(URI.create(created.accepted().location())).build();
        }
        return Response.ok(((SearchService.Estimated) submitted).estimate()).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Show a search", description = "Status, iteration, answer, usage and bill; "
            + "include=trajectories adds every path with its step scores.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SearchView.class)))
    @APIResponse(responseCode = "404", description = "No such search for this key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SearchView get(@PathParam("id") String id,
                          @Parameter(description = "trajectories") @QueryParam("include") String include) {
        boolean trajectories = include != null && !include.isEmpty();
        if (trajectories && !include.equals("trajectories")) {
            QueryParams q = new QueryParams();
            q.error("include", include, "trajectories", "include must be trajectories (got " + include + ")");
            q.check();
        }
        return searches.get(id, trajectories);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Cancel a search", description = "It ends CANCELLED; work in flight is dropped.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SearchView.class)))
    @APIResponse(responseCode = "409", description = "It had already ended otherwise",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SearchView cancel(@PathParam("id") String id) {
        return searches.cancel(id);
    }

    @GET
    @Operation(summary = "List searches", description = "The caller's searches, newest first; pass next_cursor "
            + "back as cursor for the next page.")
    public SearchPage list(@Parameter(description = "pending, running, succeeded, failed or cancelled")
                           @QueryParam("status") String status,
                           @QueryParam("limit") String limit,
                           @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor")
                           String cursor) {
        QueryParams q = new QueryParams();
        SearchStatus only = q.status("status", status);
        int pageSize = q.integer("limit", limit, 1, limits.maxListLimit(), limits.defaultListLimit());
        q.check();
        return searches.list(only, pageSize, cursor == null || cursor.isEmpty() ? null : cursor);
    }
}
