package dev.ponder.engine.bill;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The price table a bill is priced with, {@code ponder.prices.*}. The AWS defaults are the public on-demand prices of
 * us-east-1 (x86 Lambda, standard SQS, DynamoDB on-demand, API Gateway HTTP APIs) as of November 2026; the GPU
 * default is a typical hourly price of one H100. Bills name {@link #version()}, so a changed table shows.
 */
@ConfigMapping(prefix = "ponder.prices")
public interface PricesConfig {

    /** The currency of every price. Defaults to {@code USD}. */
    @WithDefault("USD")
    String currency();

    /** The name of this price table, shown on every bill. Defaults to {@code aws-us-east-1-2026-11}. */
    @WithDefault("aws-us-east-1-2026-11")
    String version();

    /**
     * Model endpoints by profile name. A profile priced per token is billed by the tokens it was sent and
     * generated (a hosted API); any other by the hours its requests took (a GPU server you rent).
     */
    Map<String, Endpoint> endpoints();

    /** The hourly price of an endpoint the table does not name. Defaults to 2.50 (one H100, on demand). */
    @WithDefault("2.50")
    BigDecimal endpointPerHour();

    /** Lambda compute per GB-second. Defaults to 0.0000166667. */
    @WithDefault("0.0000166667")
    BigDecimal lambdaPerGbSecond();

    /** Lambda per million invocations. Defaults to 0.20. */
    @WithDefault("0.20")
    BigDecimal lambdaPerMillionRequests();

    /** The stage functions' memory, which makes milliseconds into GB-seconds. Defaults to 512 MB. */
    @WithDefault("512")
    int functionMemoryMb();

    /**
     * SQS per million requests. Each message costs three: the send, the event source's receive and its delete.
     * Defaults to 0.40.
     */
    @WithDefault("0.40")
    BigDecimal sqsPerMillionRequests();

    /** DynamoDB on demand per million read request units. Defaults to 0.125. */
    @WithDefault("0.125")
    BigDecimal dynamodbPerMillionReadUnits();

    /** DynamoDB on demand per million write request units. Defaults to 0.625. */
    @WithDefault("0.625")
    BigDecimal dynamodbPerMillionWriteUnits();

    /** API Gateway (HTTP API) per million requests. Defaults to 1.00. */
    @WithDefault("1.00")
    BigDecimal apiGatewayPerMillionRequests();

    /** One endpoint's price: per hour, or per million tokens. */
    interface Endpoint {

        /** The hourly price of the server. Defaults to {@link PricesConfig#endpointPerHour()}. */
        Optional<BigDecimal> perHour();

        /** The price of a million prompt tokens; set it (and the next) for an endpoint billed per token. */
        Optional<BigDecimal> perMillionPromptTokens();

        /** The price of a million completion tokens. Defaults to the prompt tokens' price. */
        Optional<BigDecimal> perMillionCompletionTokens();
    }
}
