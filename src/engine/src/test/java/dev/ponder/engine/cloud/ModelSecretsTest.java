package dev.ponder.engine.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.ponder.engine.model.ModelProfile;
import java.net.URI;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** API keys from the models secret, over Secrets Manager's wire protocol (a stand-in server answering as AWS does). */
class ModelSecretsTest {

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:ponder-models-AbCdEf";

    private final ObjectMapper json = new ObjectMapper();
    private WireMockServer aws;
    private SecretsManagerClient client;

    @BeforeEach
    void start() {
        aws = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
        client = SecretsManagerClient.builder().endpointOverride(URI.create(aws.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        aws.stop();
    }

    @Test
    void theSecretsEntriesStandForEnvironmentVariablesOverTheProcessEnvironment() {
        answer("{\"PONDER_POLICY_API_KEY\": \"sk-policy\", \"PONDER_PRM_API_KEY\": \"sk-prm\"}");

        UnaryOperator<String> environment = ModelSecrets.over(ModelSecrets.read(client, ARN, json),
                Map.of("PONDER_PRM_API_KEY", "from-env", "OTHER", "x")::get);

        assertThat(environment.apply("PONDER_POLICY_API_KEY")).isEqualTo("sk-policy");
        assertThat(environment.apply("PONDER_PRM_API_KEY")).isEqualTo("sk-prm");
        assertThat(environment.apply("OTHER")).isEqualTo("x");
        assertThat(environment.apply("UNSET")).isNull();
        aws.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\": \"" + ARN + "\"}")));
    }

    @Test
    void anEntryNamedAfterAProfileIsThatProfilesKeyUnlessItNamesItsOwnVariable() {
        Map<String, String> entries = Map.of("llama-3.2-1b-instruct", "sk-policy");
        ModelProfile plain = ModelProfile.builder("llama-3.2-1b-instruct", "http://gpu:8000", "m").build();
        ModelProfile named = plain.toBuilder().apiKeyEnv("MY_KEY").build();
        ModelProfile other = ModelProfile.builder("qwen2.5-math-prm-7b", "http://gpu:8001", "m").build();

        ModelProfile keyed = ModelSecrets.keyed(plain, entries);

        assertThat(ModelSecrets.over(entries, n -> null).apply(keyed.apiKeyEnv())).isEqualTo("sk-policy");
        assertThat(ModelSecrets.keyed(named, entries).apiKeyEnv()).isEqualTo("MY_KEY");
        assertThat(ModelSecrets.keyed(other, entries).apiKeyEnv()).isNull();
    }

    @Test
    void aSecretThatIsNotAnObjectOfStringsIsAClearError() {
        answer("sk-just-a-key");
        assertThatThrownBy(() -> ModelSecrets.read(client, ARN, json)).hasMessageContaining("must hold a JSON object");
        answer("{\"PONDER_POLICY_API_KEY\": 42}");
        assertThatThrownBy(() -> ModelSecrets.read(client, ARN, json))
                .hasMessageContaining("entry PONDER_POLICY_API_KEY must be a string");
    }

    private void answer(String secretString) {
        aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"ARN\": \"" + ARN + "\", \"Name\": \"ponder-models\", \"SecretString\": "
                        + quote(secretString) + ", \"VersionId\": \"v1\", \"CreatedDate\": 1.7e9}")));
    }

    private String quote(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
