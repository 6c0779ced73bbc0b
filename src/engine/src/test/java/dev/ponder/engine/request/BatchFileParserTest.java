package dev.ponder.engine.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.engine.batch.BatchLine;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchFileParserTest {

    private static final SearchRequestParser.Limits REQUESTS = new SearchRequestParser.Limits(16000, 1000, 1024, 64,
            2, 100, 10, 86400, 9007199254740991L, "beam", 16, "sim", "sim-prm");
    private static final BatchFileParser.Limits LIMITS = new BatchFileParser.Limits(5, 200, 1000, 8, 3);
    private final BatchFileParser parser = new BatchFileParser(new SearchRequestParser(REQUESTS,
            Set.of("sim", "sim-prm")), LIMITS);

    @Test
    void linesMergeOverTheDefaultsAndBlankLinesAreSkipped() throws Exception {
        List<BatchLine> lines = parser.parse("""
                {"custom_id": "a", "problem": "Start with 17. Add 5.", "answer": "22"}

                {"custom_id": "b", "problem": "Start with 2. Double it.", "strategy": "beam", "n": 8}\r
                """, new ObjectMapper().readTree("{\"strategy\": \"majority\", \"n\": 4, \"seed\": 7}"));

        assertThat(lines).extracting(BatchLine::customId).containsExactly("a", "b");
        BatchLine a = lines.get(0);
        assertThat(a.problem().uniqueId()).isEqualTo("a");
        assertThat(a.problem().answer()).isEqualTo("22");
        assertThat(a.strategy()).isEqualTo("majority");
        assertThat(a.config().n()).isEqualTo(4);
        assertThat(a.config().seed()).isEqualTo(7);
        assertThat(a.budgets()).containsExactly(4);
        assertThat(lines.get(1).strategy()).isEqualTo("beam");
        assertThat(lines.get(1).config().n()).isEqualTo(8);
        assertThat(lines.get(1).config().m()).isEqualTo(4);
    }

    @Test
    void everyBadLineIsNamedWithItsNumberAndFieldUpToTheCap() {
        RequestException e = refused("""
                {"custom_id": "a", "problem": "p", "n": 0}
                not json
                {"custom_id": "a", "problem": "q"}

                {"problem": "r", "m": 99}
                """);

        assertThat(e.kind()).isEqualTo(RequestException.Kind.INVALID);
        assertThat(e.errors()).hasSize(3);
        assertThat(e.errors()).extracting(FieldError::line).containsExactly(1, 2, 3);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("n", "(line)", "custom_id");
        assertThat(e.errors()).extracting(FieldError::message).containsExactly(
                "line 1: n must be between 1 and 1024 (got 0)",
                "line 2: the line is not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, "
                        + "Array, Object or token 'null', 'true' or 'false') (line 1, column 1)",
                "line 3: custom_id must be unique in the batch (got a, also on line 1)");
        assertThat(e.getMessage()).startsWith("4 lines are invalid (the first 3 errors are listed): ");
    }

    @Test
    void sizesAreCheckedBeforeAnyLine() {
        String line = "{\"custom_id\": \"x\", \"problem\": \"" + "p".repeat(190) + "\"}\n";
        RequestException tooLong = refused(line);
        assertThat(tooLong.errors()).extracting(FieldError::message).containsExactly(
                "line 1: the line is 223 bytes, more than the 200 a line may hold");

        String six = "{\"custom_id\": \"%d\", \"problem\": \"p\"}\n";
        RequestException tooMany = refused(String.format(six.repeat(6), 1, 2, 3, 4, 5, 6));
        assertThat(tooMany.errors()).extracting(FieldError::message).containsExactly("line 6: the batch has 6 lines, "
                + "more than the 5 a batch may hold (line 6 is the first past it): split it");

        RequestException tooLarge = refused("x".repeat(1001));
        assertThat(tooLarge.kind()).isEqualTo(RequestException.Kind.TOO_LARGE);
        assertThat(tooLarge.getMessage()).isEqualTo("the batch is 1001 bytes, more than the 1000 a batch may hold: "
                + "split it");

        assertThat(refused("\n  \n").errors()).extracting(FieldError::field).containsExactly("(lines)");
    }

    @Test
    void customIdsAreRequiredShortAndText() {
        RequestException e = refused("""
                {"problem": "p"}
                {"custom_id": 7, "problem": "p"}
                {"custom_id": "123456789", "problem": "p"}
                """);

        assertThat(e.errors()).extracting(FieldError::message).containsExactly(
                "line 1: custom_id is required: a non-blank string of at most 8 characters, unique in the batch",
                "line 2: custom_id must be a non-blank string of at most 8 characters, unique in the batch (got a "
                        + "number)",
                "line 3: custom_id must be at most 8 characters (got 9)");
    }

    @Test
    void badDefaultsAreRefusedBeforeTheLines() throws Exception {
        RequestException e = catchThrowableOfType(RequestException.class, () -> parser.parse("junk",
                new ObjectMapper().readTree("{\"n\": -1, \"problem\": \"p\", \"width\": 3}")));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("defaults.problem", "defaults.width",
                "defaults.n");
        assertThat(e.errors()).extracting(FieldError::line).containsOnlyNulls();
        assertThat(e.errors().get(2).message()).isEqualTo("defaults: n must be between 1 and 1024 (got -1)");
    }

    private RequestException refused(String text) {
        RequestException e = catchThrowableOfType(RequestException.class, () -> parser.parse(text, null));
        assertThat(e).as("no error for " + text).isNotNull();
        return e;
    }
}
