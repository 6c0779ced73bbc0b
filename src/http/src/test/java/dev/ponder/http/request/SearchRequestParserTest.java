package dev.ponder.http.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ponder.core.search.Reduction;
import dev.ponder.engine.request.FieldError;
import dev.ponder.engine.request.RequestException;
import dev.ponder.engine.request.SearchRequest;
import dev.ponder.engine.request.SearchRequestParser;
import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.problem.ApiException;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchRequestParserTest {

    /** Read as Quarkus reads them: its converter takes durations like {@code 25s}. */
    static final ApiConfig DEFAULTS = new SmallRyeConfigBuilder().withMapping(ApiConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter()).build()
            .unwrap(SmallRyeConfig.class).getConfigMapping(ApiConfig.class);
    private final SearchRequestParser parser = new SearchRequestParser(DEFAULTS.requestLimits(), Set.of("sim", "sim-prm", "gpu"));

    @Test
    void aProblemAloneTakesEveryDefault() {
        SearchRequest r = parser.parse("{\"problem\": \"Start with 17. Add 5.\"}");

        assertThat(r).isEqualTo(new SearchRequest("Start with 17. Add 5.", null, "beam", 16, 4, 0.8, 1.0,
                Reduction.LAST, 40, null, "sim", "sim-prm", 42));
    }

    @Test
    void everyFieldIsRead() {
        SearchRequest r = parser.parse("""
                {"problem": "p", "answer": "44", "strategy": "dvts", "n": 32, "m": 8, "temperature": 0.5,
                 "top_p": 0.9, "reduction": "min", "max_iterations": 12, "deadline_seconds": 600, "policy": "gpu",
                 "prm": "sim-prm", "seed": 7}""");

        assertThat(r).isEqualTo(new SearchRequest("p", "44", "dvts", 32, 8, 0.5, 0.9, Reduction.MIN, 12, 600, "gpu",
                "sim-prm", 7));
    }

    @Test
    void everyBadFieldIsNamedAtOnceWithItsValueAndLimit() {
        List<FieldError> errors = errors("""
                {"problem": "", "answer": 44, "strategy": "bfs", "n": 5000, "m": 0, "temperature": 2.5, "top_p": 0,
                 "reduction": "max", "max_iterations": 16.5, "deadline_seconds": 1, "policy": "gpt", "prm": null,
                 "seed": -1, "beam_width": 4}""");

        assertThat(errors).extracting(FieldError::field).containsExactly("beam_width", "problem", "answer",
                "strategy", "n", "m", "temperature", "top_p", "reduction", "max_iterations", "deadline_seconds",
                "policy", "prm", "seed");
        assertThat(errors).extracting(FieldError::message).contains(
                "n must be between 1 and 1024 (got 5000)",
                "temperature must be between 0.0 and 2.0 (got 2.5)",
                "top_p must be greater than 0.0 and at most 1.0 (got 0)",
                "max_iterations must be an integer between 1 and 100 (got 16.5)",
                "deadline_seconds must be between 10 and 86400 (got 1)",
                "policy must be one of gpu, sim, sim-prm (got gpt)",
                "prm must be one of gpu, sim, sim-prm (got null); leave it out for the default",
                "answer must be a non-empty string of at most 1000 characters (got a number)");
        FieldError n = errors.stream().filter(e -> e.field().equals("n")).findFirst().orElseThrow();
        assertThat(n.value().asInt()).isEqualTo(5000);
        assertThat(n.limit()).isEqualTo("an integer between 1 and 1024");
        assertThat(errors.get(0).message()).startsWith("unknown field beam_width: the fields are problem, answer,");
        assertThat(errors).allSatisfy(e -> assertThat(e.limit()).as(e.field()).isNotBlank());
    }

    @Test
    void theBeamWidthMustFitTheBudget() {
        assertThat(errors("{\"problem\": \"p\", \"strategy\": \"dvts\", \"n\": 6}")).extracting(FieldError::message)
                .containsExactly("n must be a multiple of m for dvts (got n=6, m=4) (m defaults to 4)");
        assertThat(errors("{\"problem\": \"p\", \"strategy\": \"beam\", \"n\": 4, \"m\": 8}"))
                .extracting(FieldError::message).containsExactly("m must be at most n for beam (got m=8, n=4)");
        assertThat(parser.parse("{\"problem\": \"p\", \"n\": 2}").m()).isEqualTo(2);
        assertThat(parser.parse("{\"problem\": \"p\", \"strategy\": \"majority\", \"n\": 3, \"m\": 8}").m())
                .isEqualTo(8);
    }

    @Test
    void integersAreWholeNumbersWithinLimitsHoweverWritten() {
        assertThat(parser.parse("{\"problem\": \"p\", \"n\": 16.0, \"seed\": 1e3}").seed()).isEqualTo(1000);
        assertThat(errors("{\"problem\": \"p\", \"n\": \"16\"}")).extracting(FieldError::message)
                .containsExactly("n must be an integer between 1 and 1024 (got a string)");
        assertThat(errors("{\"problem\": \"p\", \"n\": 1e999999999}")).extracting(FieldError::message)
                .containsExactly("n must be between 1 and 1024 (got 1E+999999999)");
        assertThat(errors("{\"problem\": \"p\", \"seed\": 123456789012345678901234567890}"))
                .extracting(FieldError::message)
                .containsExactly("seed must be between 0 and 9007199254740991 (got 123456789012345678901234567890)");
    }

    @Test
    void textMustBeValidUnicodeWithinItsLength() {
        assertThat(errors("{\"problem\": \"a\\ud800b\"}")).extracting(FieldError::message)
                .containsExactly("problem must be valid Unicode (an unpaired surrogate at index 1)");
        String longProblem = "x".repeat(16_001);
        List<FieldError> tooLong = errors("{\"problem\": \"" + longProblem + "\"}");
        assertThat(tooLong).extracting(FieldError::message)
                .containsExactly("problem must be at most 16000 characters (got 16001)");
        assertThat(tooLong.get(0).value().asText()).hasSize(65).endsWith("…");
        assertThat(parser.parse("{\"problem\": \"" + "𝑥".repeat(16_000) + "\"}").problem()).hasSize(32_000);
    }

    @Test
    void somethingOtherThanAnObjectIsNamed() {
        assertThat(errors("[1, 2]")).extracting(FieldError::message)
                .containsExactly("the body must be a JSON object with at least a problem (got an array)");
        assertThat(errors("{}")).extracting(FieldError::message)
                .containsExactly("problem is required: a non-empty string of at most 16000 characters");
        assertThat(errors("{\"problem\": {\"a\": [1, {\"b\": null}]}}")).extracting(FieldError::message)
                .containsExactly("problem must be a non-empty string of at most 16000 characters (got an object)");
    }

    @Test
    void malformedJsonIsRefusedWithWhereItBroke() {
        for (String body : List.of("", "{", "{\"problem\": \"p\"} trailing", "{\"problem\": \"p\", \"problem\": \"q\"}",
                "[".repeat(100) + "]".repeat(100), "{'problem': 'p'}", "{\"problem\": NaN}")) {
            RequestException refused = catchThrowableOfType(RequestException.class, () -> parser.parse(body));
            assertThat(refused).as(body).isNotNull();
            ApiException e = ApiException.of(refused);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.type()).isEqualTo("urn:ponder:problem:malformed-json");
        }
    }

    @Test
    void theHashIgnoresSpacingOrderAndSpelledOutDefaults() {
        String a = parser.parse("{\"problem\": \"p\", \"n\": 16}").hash();

        assertThat(parser.parse("{ \"n\":16.0,\n \"problem\":\"p\" , \"strategy\": \"beam\"}").hash()).isEqualTo(a);
        assertThat(parser.parse("{\"problem\": \"p\", \"n\": 8}").hash()).isNotEqualTo(a);
    }

    private List<FieldError> errors(String body) {
        RequestException refused = catchThrowableOfType(RequestException.class, () -> parser.parse(body));
        assertThat(refused).as("no error for " + body).isNotNull();
        ApiException e = ApiException.of(refused);
        assertThat(e.status()).isEqualTo(400);
        return e.errors();
    }
}
