package dev.ponder.http.rest;

import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.service.UsageService;
import dev.ponder.http.view.UsageReport;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's usage and cost over a range of UTC days. */
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "usage")
@SecurityRequirement(name = ApiDocument.BEARER)
public class UsageResource {

    private final UsageService usage;
    private final ApiConfig limits;

    @Inject
    public UsageResource(UsageService usage, ApiConfig limits) {
        this.usage = usage;
        this.limits = limits;
    }

    @GET
    @Operation(summary = "Usage and cost", description = "Summed over from..to (UTC dates, inclusive); the "
            + "default is the month to date.")
    public UsageReport usage(@Parameter(description = "YYYY-MM-DD, default the first of this month")
                             @QueryParam("from") String from,
                             @Parameter(description = "YYYY-MM-DD, default today") @QueryParam("to") String to) {
        LocalDate today = LocalDate.now(Clock.systemUTC());
        QueryParams q = new QueryParams();
        LocalDate end = q.date("to", to, today);
        LocalDate start = q.date("from", from, (end == null ? today : end).withDayOfMonth(1));
        if (start != null && end != null) {
            long days = ChronoUnit.DAYS.between(start, end) + 1;
            if (days < 1) {
                q.error("from", from, "on or before to (" + end + ")", "from must be on or before to (got from="
                        + start + ", to=" + end + ")");
            } else if (days > limits.maxUsageDays()) {
                q.error("to", to, "at most " + limits.maxUsageDays() + " days after from", "the range must be at most "
                        + limits.maxUsageDays() + " days (got " + days + " days, " + start + " to " + end + ")");
            }
        }
        q.check();
        return usage.usage(start, end);
    }
}
