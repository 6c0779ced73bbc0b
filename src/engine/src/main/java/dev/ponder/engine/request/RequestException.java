package dev.ponder.engine.request;

import java.util.List;

/**
 * A request a front door refuses: its text is not JSON at all ({@link #malformed}), or fields are bad
 * ({@link #invalid}, each named with its value and limit). The API answers 400 with the errors; the CLI prints them.
 */
public final class RequestException extends RuntimeException {

    private final boolean malformed;
    private final List<FieldError> errors;

    private RequestException(String detail, boolean malformed, List<FieldError> errors) {
        super(detail);
        this.malformed = malformed;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    /** Bad fields, every one listed. */
    public static RequestException invalid(List<FieldError> errors) {
        return new RequestException(summary(errors), false, errors);
    }

    /** Text that is not JSON (no field to name). */
    public static RequestException malformed(String detail) {
        return new RequestException(detail, true, null);
    }

    /** One sentence for all the errors: the one, or how many and each. */
    public static String summary(List<FieldError> errors) {
        return errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid: "
                + String.join("; ", errors.stream().map(FieldError::message).toList());
    }

    public boolean malformed() {
        return malformed;
    }

    /** The bad fields; {@code null} when {@link #malformed()}. */
    public List<FieldError> errors() {
        return errors;
    }
}
