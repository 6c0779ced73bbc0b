package dev.ponder.http.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.ponder.engine.request.FieldError;
import dev.ponder.engine.request.SearchRequestParser;
import dev.ponder.http.problem.ApiException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChatRequestParserTest {

    private static final String PROBLEM = "Start with 17. Add 5.";
    private final ChatRequestParser parser = new ChatRequestParser(new SearchRequestParser(
            SearchRequestParserTest.DEFAULTS.requestLimits(), Set.of("sim", "sim-prm")));

    private static String body(String model, String messages, String extra) {
        return "{\"model\": \"" + model + "\", \"messages\": " + messages + extra + "}";
    }

    private static String user(String text) {
        return "[{\"role\": \"user\", \"content\": \"" + text + "\"}]";
    }

    @Test
    void theModelNamesTheStrategyAndBudget() {
        ChatRequest r = parser.parse(body("ponder-weighted-best-of-n-16", user(PROBLEM), ""));
        assertThat(r.search().strategy()).isEqualTo("weighted-best-of-n");
        assertThat(r.search().n()).isEqualTo(16);
        assertThat(r.search().problem()).isEqualTo(PROBLEM);
        assertThat(r.model()).isEqualTo("ponder-weighted-best-of-n-16");
        assertThat(r.stream()).isFalse();

        ChatRequest plain = parser.parse(body("ponder", user(PROBLEM), ""));
        assertThat(plain.model()).isEqualTo("ponder-beam-16");
        assertThat(ModelName.parse("ponder-best-of-n-4")).contains(new ModelName("best-of-n",
                BigDecimal.valueOf(4)));
        assertThat(ModelName.parse("ponder-beam-016")).isEmpty();
        assertThat(ModelName.parse("ponder-beam-")).isEmpty();
        assertThat(ModelName.listed(List.of(4, 16, 2048), 1024)).startsWith("ponder", "ponder-majority-4",
                "ponder-majority-16", "ponder-best-of-n-4").doesNotContain("ponder-beam-2048",
                "ponder-repeated-sampling-4").hasSize(11);
    }

    @Test
    void openAisOtherFieldsAreIgnoredAndNullMeansTheDefault() {
        ChatRequest r = parser.parse(body("ponder-beam-4", user(PROBLEM), ", \"temperature\": 0, \"seed\": 1, "
                + "\"max_tokens\": 5, \"user\": \"u\", \"stop\": null, \"n\": 1, \"stream\": true, \"stream_options\": "
                + "{\"include_usage\": true}, \"metadata\": {}, \"response_format\": {\"type\": \"text\"}"));
        assertThat(r.search().temperature()).isEqualTo(0.8);
        assertThat(r.search().seed()).isEqualTo(42);
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isTrue();
        assertThat(parser.parse(body("ponder-beam-4", user(PROBLEM), ", \"n\": null, \"stream\": null, "
                + "\"stream_options\": {\"include_usage\": true}")).includeUsage()).as("only when streaming").isFalse();
    }

    @Test
    void earlierTurnsAndTheSystemMessageGoInFrontOfTheProblemAsATranscript() {
        ChatRequest r = parser.parse(body("ponder", "[{\"role\": \"developer\", \"content\": \"Be brief.\"}, "
                + "{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Hi\"}, {\"type\": \"text\", "
                + "\"text\": \"there\"}], \"name\": \"ann\"}, {\"role\": \"assistant\", \"content\": \"Hello.\"}, "
                + "{\"role\": \"user\", \"content\": \"" + PROBLEM + "\"}]", ""));
        assertThat(r.search().problem()).isEqualTo("System: Be brief.\n\nUser: Hi\nthere\n\nAssistant: Hello.\n\n"
                + "User: " + PROBLEM);
    }

    @Test
    void theSearchsFieldsAreCheckedAsPostSearchesChecksThemUnderTheirNames() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> parser.parse(body("ponder", user(PROBLEM),
                ", \"ponder\": {\"strategy\": \"dvts\", \"n\": 6, \"temperature\": 3}")));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("ponder.temperature", "ponder.m");
        assertThat(e.errors()).extracting(FieldError::message).containsExactly(
                "ponder.temperature must be between 0.0 and 2.0 (got 3)",
                "n must be a multiple of m for dvts (got n=6, m=4) (m defaults to 4)");

        ApiException blank = catchThrowableOfType(ApiException.class, () -> parser.parse(body("ponder", user(" "),
                "")));
        assertThat(blank.errors()).extracting(FieldError::message).containsExactly("messages[0].content must not "
                + "be blank: the last user message is the problem");

        ApiException longText = catchThrowableOfType(ApiException.class, () -> parser.parse(body("ponder",
                user("x".repeat(16001)), "")));
        assertThat(longText.errors()).extracting(FieldError::field, FieldError::message).containsExactly(
                tuple("messages", "the prompt rendered from messages must be at most "
                        + "16000 characters (got 16001)"));

        ApiException model = catchThrowableOfType(ApiException.class, () -> parser.parse(body("gpt-4o", user(PROBLEM),
                "")));
        assertThat(model.status()).isEqualTo(404);
    }
}
