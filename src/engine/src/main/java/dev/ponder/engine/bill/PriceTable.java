package dev.ponder.engine.bill;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Prices {@link Metered} usage: the bill of a search, of a dry run's estimate, or of a tenant's days. */
public final class PriceTable {

    /** Costs keep eight decimals: a single SQS request costs 0.0000004. */
    private static final int SCALE = 8;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal MB_PER_GB = BigDecimal.valueOf(1024);
    /** A message is sent, received and deleted: three SQS requests. */
    private static final long SQS_REQUESTS_PER_MESSAGE = 3;

    /** An endpoint's price; per-token when {@code perMillionPrompt} is present, else per hour. */
    public record EndpointPrice(BigDecimal perHour, Optional<BigDecimal> perMillionPrompt,
                                Optional<BigDecimal> perMillionCompletion) {
        public static EndpointPrice hourly(BigDecimal perHour) {
            return new EndpointPrice(perHour, Optional.empty(), Optional.empty());
        }
    }

    private final String currency;
    private final String version;
    private final Map<String, EndpointPrice> endpoints;
    private final BigDecimal endpointPerHour;
    private final BigDecimal lambdaPerGbSecond;
    private final BigDecimal lambdaPerMillionRequests;
    private final int functionMemoryMb;
    private final BigDecimal sqsPerMillionRequests;
    private final BigDecimal dynamodbPerMillionReadUnits;
    private final BigDecimal dynamodbPerMillionWriteUnits;
    private final BigDecimal apiGatewayPerMillionRequests;

    public PriceTable(String currency, String version, Map<String, EndpointPrice> endpoints, BigDecimal endpointPerHour,
                      BigDecimal lambdaPerGbSecond, BigDecimal lambdaPerMillionRequests, int functionMemoryMb,
                      BigDecimal sqsPerMillionRequests, BigDecimal dynamodbPerMillionReadUnits,
                      BigDecimal dynamodbPerMillionWriteUnits, BigDecimal apiGatewayPerMillionRequests) {
        this.currency = currency;
        this.version = version;
        this.endpoints = Map.copyOf(endpoints);
        this.endpointPerHour = endpointPerHour;
        this.lambdaPerGbSecond = lambdaPerGbSecond;
        this.lambdaPerMillionRequests = lambdaPerMillionRequests;
        this.functionMemoryMb = functionMemoryMb;
        this.sqsPerMillionRequests = sqsPerMillionRequests;
        this.dynamodbPerMillionReadUnits = dynamodbPerMillionReadUnits;
        this.dynamodbPerMillionWriteUnits = dynamodbPerMillionWriteUnits;
        this.apiGatewayPerMillionRequests = apiGatewayPerMillionRequests;
    }

    public static PriceTable of(PricesConfig c) {
        Map<String, EndpointPrice> endpoints = new java.util.TreeMap<>();
        c.endpoints().forEach((name, e) -> endpoints.put(name, new EndpointPrice(e.perHour().orElse(c.endpointPerHour()),
                e.perMillionPromptTokens(), e.perMillionCompletionTokens().or(e::perMillionPromptTokens))));
        return new PriceTable(c.currency(), c.version(), endpoints, c.endpointPerHour(), c.lambdaPerGbSecond(),
                c.lambdaPerMillionRequests(), c.functionMemoryMb(), c.sqsPerMillionRequests(),
                c.dynamodbPerMillionReadUnits(), c.dynamodbPerMillionWriteUnits(), c.apiGatewayPerMillionRequests());
    }

    /** The bill of {@code usage}: a line per endpoint and per cloud service used. */
    public Bill bill(Metered usage) {
        List<Bill.Line> lines = new ArrayList<>();
        usage.endpoints().forEach((name, e) -> endpointLines(name, e, lines));
        line(lines, "lambda-requests", millions(usage.invocations()), "million-requests", lambdaPerMillionRequests);
        BigDecimal gbSeconds = BigDecimal.valueOf(usage.functionMs()).movePointLeft(3)
                .multiply(BigDecimal.valueOf(functionMemoryMb)).divide(MB_PER_GB, MathContext.DECIMAL64);
        line(lines, "lambda-compute", gbSeconds, "gb-seconds", lambdaPerGbSecond);
        line(lines, "sqs-requests", millions(usage.messages() * SQS_REQUESTS_PER_MESSAGE), "million-requests",
                sqsPerMillionRequests);
        line(lines, "dynamodb-reads", millions(usage.readUnits()), "million-read-units", dynamodbPerMillionReadUnits);
        line(lines, "dynamodb-writes", millions(usage.writeUnits()), "million-write-units",
                dynamodbPerMillionWriteUnits);
        line(lines, "api-gateway-requests", millions(usage.apiRequests()), "million-requests",
                apiGatewayPerMillionRequests);
        BigDecimal total = lines.stream().map(Bill.Line::cost).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(SCALE, RoundingMode.HALF_UP);
        return new Bill(currency, version, lines, total);
    }

    /** The price of an endpoint profile: its own, else the default hourly price. */
    public EndpointPrice endpoint(String profile) {
        return endpoints.getOrDefault(profile, EndpointPrice.hourly(endpointPerHour));
    }

    private void endpointLines(String name, EndpointUsage e, List<Bill.Line> lines) {
        EndpointPrice price = endpoint(name);
        String item = "endpoint:" + name;
        // An endpoint that was called is always on the bill, even at no cost (a simulator answers in no time).
        if (price.perMillionPrompt().isPresent()) {
            lines.add(line(item, millions(e.promptTokens()), "million-prompt-tokens", price.perMillionPrompt().get()));
            lines.add(line(item, millions(e.completionTokens()), "million-completion-tokens",
                    price.perMillionCompletion().orElse(price.perMillionPrompt().get())));
        } else {
            lines.add(line(item, BigDecimal.valueOf(e.seconds()).divide(SECONDS_PER_HOUR, MathContext.DECIMAL64),
                    "hours", price.perHour()));
        }
    }

    /** A line for a cloud service, left out when it was not used. */
    private static void line(List<Bill.Line> lines, String item, BigDecimal quantity, String unit, BigDecimal price) {
        if (quantity.signum() != 0) {
            lines.add(line(item, quantity, unit, price));
        }
    }

    private static Bill.Line line(String item, BigDecimal quantity, String unit, BigDecimal price) {
        BigDecimal q = quantity.stripTrailingZeros();
        return new Bill.Line(item, q, unit, price, q.multiply(price).setScale(SCALE, RoundingMode.HALF_UP));
    }

    private static BigDecimal millions(double units) {
        return BigDecimal.valueOf(units).divide(MILLION, MathContext.DECIMAL64);
    }
}
