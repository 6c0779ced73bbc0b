package dev.ponder.http.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The answer to {@code GET /v1/models}: OpenAI's list of models, {@code object: list}. */
public record ModelList(String object, List<Model> data) {

    /**
     * One model, as OpenAI shows it.
     *
     * @param created when this server started, epoch seconds (a model's search never changes while it runs)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Model(String id, String object, long created, String ownedBy) {
    }
}
