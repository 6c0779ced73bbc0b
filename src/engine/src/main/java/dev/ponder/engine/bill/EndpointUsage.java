package dev.ponder.engine.bill;

/**
 * What one model endpoint (a profile) was asked to do.
 *
 * @param promptTokens     tokens sent
 * @param completionTokens tokens generated
 * @param calls            requests answered
 * @param seconds          seconds the endpoint spent answering them (summed over requests, concurrent or not)
 */
public record EndpointUsage(long promptTokens, long completionTokens, long calls, double seconds) {

    public static final EndpointUsage ZERO = new EndpointUsage(0, 0, 0, 0.0);

    public EndpointUsage plus(EndpointUsage o) {
        return new EndpointUsage(promptTokens + o.promptTokens, completionTokens + o.completionTokens,
                calls + o.calls, seconds + o.seconds);
    }
}
