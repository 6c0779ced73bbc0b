package dev.ponder.http.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The answer to {@code POST /v1/searches?dry_run=true}: what the search would use and cost; nothing was stored.
 *
 * @param dryRun always {@code true}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Estimate(boolean dryRun, RequestView request, UsageView estimate, BillView bill) {
}
