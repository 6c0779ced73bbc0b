package dev.ponder.http.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.LocalDate;

/** The caller's usage summed over {@code from}..{@code to} (UTC days, inclusive), and its cost. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsageReport(String tenant, LocalDate from, LocalDate to, UsageView usage, BillView bill) {
}
