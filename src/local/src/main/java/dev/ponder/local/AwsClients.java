package dev.ponder.local;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS SDK v2 clients for the embedded services: the url-connection HTTP client (the Apache and Netty clients are
 * excluded from this build), region {@code us-east-1} and static dummy credentials, which both servers accept.
 * The caller closes the clients.
 */
public final class AwsClients {

    /** The region the embedded services pretend to be in; ElasticMQ puts it in queue ARNs. */
    public static final Region REGION = Region.US_EAST_1;

    /**
     * Dummy credentials. DynamoDB Local 2.x rejects an access key with anything but letters and digits
     * ("The Access Key ID or security token is invalid"), so no hyphens here.
     */
    private static final StaticCredentialsProvider DUMMY_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("ponderlocal", "ponderlocal"));

    private AwsClients() {
    }

    /** A DynamoDB client for {@code endpoints.dynamo()}. */
    public static DynamoDbClient dynamo(Endpoints endpoints) {
        return dynamo(endpoints.dynamo());
    }

    /** A DynamoDB client for the given endpoint; interceptors see every call (e.g. a {@link CallCounter}). */
    public static DynamoDbClient dynamo(URI endpoint, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .region(REGION)
                .credentialsProvider(DUMMY_CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * An S3 client for the local bucket ({@link LocalBucket#endpoint()}): path-style addressing (no bucket
     * subdomains on loopback), and checksums only where S3 requires them, as s3proxy does not know the SDK's newer
     * default trailers.
     */
    public static S3Client s3(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .region(REGION)
                .credentialsProvider(DUMMY_CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** An SQS client for {@code endpoints.sqs()}. */
    public static SqsClient sqs(Endpoints endpoints) {
        return sqs(endpoints.sqs());
    }

    /** An SQS client for the given endpoint; interceptors see every call. */
    public static SqsClient sqs(URI endpoint, ExecutionInterceptor... interceptors) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                // A call ElasticMQ never answers (seen on a loaded machine) is abandoned and retried, not waited
                // for forever: receives wait at most a few seconds.
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors))
                        .apiCallAttemptTimeout(Duration.ofSeconds(10)))
                .region(REGION)
                .credentialsProvider(DUMMY_CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
