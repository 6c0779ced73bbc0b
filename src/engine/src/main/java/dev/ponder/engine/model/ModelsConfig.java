package dev.ponder.engine.model;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Model profiles, {@code ponder.models.<name>.*} (SPEC.md §4), selected by name with {@code --policy} and
 * {@code --prm}. Every key but {@code model} is optional; an absent key takes the default that
 * {@link ModelProfile} documents, so defaults live in one place.
 */
@ConfigMapping(prefix = "ponder")
public interface ModelsConfig {

    /** The profiles by name. */
    Map<String, Model> models();

    /** One model endpoint. */
    interface Model {

        /** The server's base URL. Absent: the embedded simulator, started on a free loopback port for the run. */
        Optional<String> url();

        /** The served model name ({@code --served-model-name} of vLLM). */
        String model();

        /** The environment variable holding the API key. Defaults to none. */
        Optional<String> apiKeyEnv();

        /** {@code llama3}, {@code chatml} ({@code qwen2.5}), {@code custom} or {@code none}. Defaults to llama3. */
        Optional<String> template();

        /** The pattern of a custom template. */
        Optional<String> customTemplate();

        /** The system prompt. Defaults to the role's own (search-and-learn's for a policy). */
        Optional<String> systemPrompt();

        /** {@code ponder-json}, {@code vllm-reward} or {@code token-prob}. Defaults to ponder-json. */
        Optional<String> prmFormat();

        /** The PRM's step tag. Defaults to {@code <extra_0>}, or {@code ки} for Math-Shepherd-style scoring. */
        Optional<String> stepTag();

        /** The token meaning "this step is correct". Defaults to {@code +}. */
        Optional<String> goodToken();

        /** The token meaning "this step is wrong". Defaults to {@code -}. */
        Optional<String> badToken();

        /** The server flavour: {@code vllm}, {@code sglang}, {@code tgi} or {@code openai}. Defaults to vllm. */
        Optional<String> server();

        /** The limit on one call. Defaults to 120 s. */
        Optional<Duration> timeout();

        /** Retries after connection errors, 429 and 5xx. Defaults to 3. */
        OptionalInt maxRetries();

        /** The first retry delay, doubled (with jitter) per retry. Defaults to 500 ms. */
        Optional<Duration> retryDelay();

        /** Requests in flight at once to this endpoint. Defaults to 16. */
        OptionalInt maxInFlight();

        /** Consecutive failures that open the circuit breaker. Defaults to 5. */
        OptionalInt circuitFailures();

        /** How long an open circuit refuses calls. Defaults to 10 s. */
        Optional<Duration> circuitDelay();

        /** The limit on opening a connection. Defaults to 5 s. */
        Optional<Duration> connectTimeout();

        /** The cap on one retry delay, also on a server's Retry-After. Defaults to 10 s. */
        Optional<Duration> maxRetryDelay();

        /** Callers allowed to wait for a bulkhead slot. Defaults to 1024. */
        OptionalInt maxQueued();

        /** Prompts or PRM items per request (4 for TGI). Defaults to 256. */
        OptionalInt maxBatch();

        /** Top log-probabilities a token-prob PRM asks for. Defaults to 20. */
        OptionalInt logprobs();
    }
}
