package dev.ponder.http.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.ponder.engine.bill.EndpointUsage;
import dev.ponder.engine.bill.Metered;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every counter a bill prices: tokens and calls per model endpoint (by profile name), then the serverless side.
 *
 * @param tokens prompt plus completion tokens over every endpoint
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsageView(long tokens, Map<String, Endpoint> endpoints, long invocations, long functionMs,
                        long messages, double readUnits, double writeUnits, long apiRequests, long searches) {

    /** One endpoint's usage. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Endpoint(long promptTokens, long completionTokens, long calls, double seconds) {
    }

    public static UsageView of(Metered m) {
        Map<String, Endpoint> endpoints = new TreeMap<>();
        for (Map.Entry<String, EndpointUsage> e : m.endpoints().entrySet()) {
            EndpointUsage u = e.getValue();
            endpoints.put(e.getKey(), new Endpoint(u.promptTokens(), u.completionTokens(), u.calls(), u.seconds()));
        }
        return new UsageView(m.tokens(), endpoints, m.invocations(), m.functionMs(), m.messages(), m.readUnits(),
                m.writeUnits(), m.apiRequests(), m.searches());
    }
}
