package dev.ponder.cli.serve;

import com.fasterxml.jackson.core.type.TypeReference;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import io.restassured.RestAssured;
import java.util.Map;

/** The official OpenAI Java SDK pointed at the served API, as a user points it: base URL and key. */
final class OpenAi {

    static final String PROBLEM = "Start with 17. Multiply by 3. Subtract 8.";

    private OpenAi() {
    }

    /** A client of the served API; no retries, so a test sees each answer as the server gave it. */
    static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl("http://localhost:" + RestAssured.port + "/v1").apiKey(key)
                .maxRetries(0).build();
    }

    /** A JSON value the SDK kept as it came (an extra property, an error body) as a map. */
    static Map<String, Object> map(JsonValue value) {
        return value.convert(new TypeReference<Map<String, Object>>() {
        });
    }
}
