package dev.ponder.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.engine.request.SearchRequest;
import dev.ponder.engine.store.SearchItem;
import java.util.Locale;

/**
 * What a search was asked to do, with the field names of {@code POST /v1/searches} and every default filled in.
 * {@code answer} is the gold answer the request gave, if any.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestView(String problem, String answer, String strategy, int n, int m, double temperature,
                          double topP, String reduction, int maxIterations, Long deadlineSeconds, String policy,
                          String prm, long seed) {

    public static RequestView of(SearchItem s) {
        SearchConfig c = s.config();
        return new RequestView(s.problem().problem(), s.problem().answer(), s.strategy(), c.n(), c.m(),
                c.temperature(), c.topP(), c.reduction().name().toLowerCase(Locale.ROOT), c.maxIterations(),
                (s.deadlineMs() - s.createdMs()) / 1000, s.policy(), s.prm(), c.seed());
    }

    /** A request not stored (a dry run): its deadline only if it asked for one. */
    public static RequestView of(SearchRequest r) {
        return new RequestView(r.problem(), r.answer(), r.strategy(), r.n(), r.m(), r.temperature(), r.topP(),
                r.reduction().name().toLowerCase(Locale.ROOT), r.maxIterations(),
                r.deadlineSeconds() == null ? null : r.deadlineSeconds().longValue(), r.policy(), r.prm(), r.seed());
    }
}
