package dev.ponder.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ponder.cli.serve.ServeProfile;
import dev.ponder.cli.serve.ServedStack;
import dev.ponder.local.EmbeddedStack;
import dev.ponder.local.Endpoints;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ponder keys} joins the stack a running {@code ponder serve} keeps, and the server takes a new key at once. */
@QuarkusTest
@TestProfile(ServeProfile.class)
class KeysJoinServeTest {

    @Inject
    Instance<Object> beans;

    @Inject
    ServedStack stack;

    @Test
    void aKeyCreatedBesideTheServerWorksAtOnceAndStopsWhenRevoked() {
        String store = stack.store().toString();
        String key = run("keys", "create", "--tenant", "beside", "--max-n", "8", "--store-path", store).strip();
        assertThat(key).startsWith("pndr_");
        assertThat(given().header("Authorization", "Bearer " + key).get("/v1/searches").statusCode()).isEqualTo(200);

        String list = run("keys", "list", "--store-path", store);
        assertThat(list).contains("ID", "TENANT", "beside", "pndr_").doesNotContain(key);
        String id = list.lines().filter(l -> l.contains("beside")).findFirst().orElseThrow().substring(0, 16);

        assertThat(run("keys", "revoke", id, "--store-path", store)).contains("key " + id + " of tenant beside revoked");
        assertThat(given().header("Authorization", "Bearer " + key).get("/v1/searches").statusCode()).isEqualTo(401);
    }

    /**
     * {@code --aws-table} works on a table with the AWS SDK's own credentials chain, as against a deployed stack:
     * here the server's DynamoDB Local ({@code --aws-endpoint}), so the key must work on the server at once.
     */
    @Test
    void aKeyCreatedInADeployedTableThroughTheSdksChainsWorksOnTheServerReadingIt() {
        Endpoints endpoints = EmbeddedStack.running(stack.store()).orElseThrow();
        Map<String, String> sdk = Map.of("aws.accessKeyId", "ponderlocal", "aws.secretAccessKey", "ponderlocal");
        String endpoint = endpoints.dynamo().toString();
        sdk.forEach(System::setProperty);
        try {
            String key = run("keys", "create", "--tenant", "deployed", "--aws-table", "ponder", "--aws-region",
                    "us-east-1", "--aws-endpoint", endpoint).strip();
            assertThat(key).startsWith("pndr_");
            assertThat(given().header("Authorization", "Bearer " + key).get("/v1/searches").statusCode())
                    .isEqualTo(200);
            assertThat(run("keys", "list", "--aws-table", "ponder", "--aws-region", "us-east-1", "--aws-endpoint",
                    endpoint))
                    .contains("deployed");
        } finally {
            sdk.keySet().forEach(System::clearProperty);
        }
    }

    private String run(String... args) {
        Commands.Result result = Commands.run(beans, args);
        assertThat(result.code()).as(result.err()).isZero();
        return result.out();
    }
}
