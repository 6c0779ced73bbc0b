package dev.ponder.http.rest;

import dev.ponder.core.search.SearchConfig;
import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.request.ModelName;
import dev.ponder.http.view.ModelList;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** OpenAI's model list: the searches a chat completion can name ({@link ModelName}). */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "openai")
@SecurityRequirement(name = ApiDocument.BEARER)
@Singleton
public class ModelsResource {

    /**
     * When this server began serving (the resource is made for its first request): the models' {@code created}. Not
     * static: a native image initialises classes while it is built, so a static field would hold the build's time.
     */
    private final long started = Instant.now().getEpochSecond();

    private final ApiConfig limits;

    @Inject
    public ModelsResource(ApiConfig limits) {
        this.limits = limits;
    }

    @GET
    @Operation(summary = "List models", description = "ponder, and each strategy at the budgets of "
            + "ponder.api.model-budgets; any ponder-<strategy>-<n> with a valid n is accepted too.")
    public ModelList list() {
        return new ModelList("list", ModelName.listed(limits.modelBudgets(), Math.min(limits.maxN(),
                SearchConfig.MAX_N)).stream().map(this::model).toList());
    }

    @GET
    @Path("{model}")
    @Operation(summary = "Show a model", description = "Any name of ponder's form, listed or not; its n is checked "
            + "when a chat completion uses it.")
    public ModelList.Model get(@PathParam("model") String model) {
        ModelName.require(model); // 404 for a name of another form
        return model(model);
    }

    private ModelList.Model model(String id) {
        return new ModelList.Model(id, "model", started, "ponder");
    }
}
