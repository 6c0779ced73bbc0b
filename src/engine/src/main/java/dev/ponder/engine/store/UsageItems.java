package dev.ponder.engine.store;

import static dev.ponder.engine.store.Attrs.dbl;
import static dev.ponder.engine.store.Attrs.n;
import static dev.ponder.engine.store.Attrs.num;

import dev.ponder.engine.bill.EndpointUsage;
import dev.ponder.engine.bill.Metered;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Metered counters as item attributes, on a search's {@code USAGE} item and on a tenant's day items: one number per
 * counter, endpoints as {@code ep#<profile>#<counter>}, always added to (DynamoDB {@code ADD}), so the items need no
 * creating and two writers never overwrite each other.
 */
final class UsageItems {

    private static final String ENDPOINT = "ep#";

    private UsageItems() {
    }

    /** An update adding {@code usage} (and {@code extra}: attribute name to amount) to the item at {@code key}. */
    static TransactWriteItem add(String table, Map<String, AttributeValue> key, Metered usage,
                                 Map<String, Number> extra, long ttl) {
        Map<String, Number> amounts = new LinkedHashMap<>(extra);
        usage.endpoints().forEach((name, e) -> {
            amounts.put(ENDPOINT + name + "#prompt_tokens", e.promptTokens());
            amounts.put(ENDPOINT + name + "#completion_tokens", e.completionTokens());
            amounts.put(ENDPOINT + name + "#calls", e.calls());
            amounts.put(ENDPOINT + name + "#seconds", e.seconds());
        });
        amounts.put("invocations", usage.invocations());
        amounts.put("function_ms", usage.functionMs());
        amounts.put("messages", usage.messages());
        amounts.put("read_units", usage.readUnits());
        amounts.put("write_units", usage.writeUnits());
        amounts.put("api_requests", usage.apiRequests());
        amounts.put("searches", usage.searches());
        Map<String, String> names = new LinkedHashMap<>(Map.of("#ttl", "ttl"));
        Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":ttl", n(ttl)));
        StringBuilder add = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, Number> a : amounts.entrySet()) {
            if (a.getValue().doubleValue() == 0) {
                continue;
            }
            names.put("#a" + i, a.getKey());
            values.put(":a" + i, a.getValue() instanceof Double d ? n(d) : n(a.getValue().longValue()));
            add.append(add.isEmpty() ? "ADD " : ", ").append("#a").append(i).append(" :a").append(i);
            i++;
        }
        String expression = add + " SET #ttl = if_not_exists(#ttl, :ttl)";
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key).updateExpression(expression)
                .expressionAttributeNames(names).expressionAttributeValues(values)).build();
    }

    /** The counters of a usage item; an absent item is {@link Metered#ZERO}. */
    static Metered read(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Metered.ZERO;
        }
        Map<String, EndpointUsage> endpoints = new TreeMap<>();
        for (String name : item.keySet()) {
            if (name.startsWith(ENDPOINT) && name.endsWith("#calls")) {
                String profile = name.substring(ENDPOINT.length(), name.length() - "#calls".length());
                String p = ENDPOINT + profile + "#";
                endpoints.put(profile, new EndpointUsage(num(item, p + "prompt_tokens"),
                        num(item, p + "completion_tokens"), num(item, p + "calls"), dbl(item, p + "seconds")));
            }
        }
        return new Metered(endpoints, num(item, "invocations"), num(item, "function_ms"), num(item, "messages"),
                dbl(item, "read_units"), dbl(item, "write_units"), num(item, "api_requests"), num(item, "searches"));
    }
}
