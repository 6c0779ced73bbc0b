package dev.ponder.engine.bill;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every counter a bill prices, for one search or summed over a tenant's days. Model work is counted once per chunk,
 * in the transaction that records the chunk; the cloud's work once per unit of pipeline work (a stage's round and
 * chunk), in the transaction that records its billing marker — so a message delivered twice is never billed twice.
 *
 * @param endpoints    model work by profile name, sorted by name
 * @param invocations  stage-function invocations (one per message that did work)
 * @param functionMs   their summed duration
 * @param messages     queue messages sent
 * @param readUnits    DynamoDB read request units consumed
 * @param writeUnits   DynamoDB write request units consumed
 * @param apiRequests  API requests billed (the one that submitted a search)
 * @param searches     searches submitted
 */
public record Metered(Map<String, EndpointUsage> endpoints, long invocations, long functionMs, long messages,
                      double readUnits, double writeUnits, long apiRequests, long searches) {

    public static final Metered ZERO = new Metered(Map.of(), 0, 0, 0, 0.0, 0.0, 0, 0);

    public Metered {
        endpoints = Collections.unmodifiableSortedMap(new TreeMap<>(endpoints));
    }

    /** Prompt and completion tokens over every endpoint: what the monthly token quota counts. */
    public long tokens() {
        return endpoints.values().stream().mapToLong(e -> e.promptTokens() + e.completionTokens()).sum();
    }

    public Metered plus(Metered o) {
        Map<String, EndpointUsage> sum = new TreeMap<>(endpoints);
        o.endpoints.forEach((name, usage) -> sum.merge(name, usage, EndpointUsage::plus));
        return new Metered(sum, invocations + o.invocations, functionMs + o.functionMs, messages + o.messages,
                readUnits + o.readUnits, writeUnits + o.writeUnits, apiRequests + o.apiRequests, searches + o.searches);
    }
}
