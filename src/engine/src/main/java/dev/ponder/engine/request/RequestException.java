package dev.ponder.engine.request;

import java.util.List;

/**
 * A request a front door refuses: its text is not JSON at all ({@link #malformed}), it is larger than allowed
 * ({@link #tooLarge}), or fields are bad ({@link #invalid}, each named with its value and limit). The API answers 400
 * (413 when too large) with the errors; the CLI prints them.
 */
public final class RequestException extends RuntimeException {

    /** What kind of refusal. */
    public enum Kind { MALFORMED, TOO_LARGE, INVALID }

    private final Kind kind;
    private final List<FieldError> errors;

    private RequestException(Kind kind, String detail, List<FieldError> errors) {
        super(detail);
        this.kind = kind;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    /** Bad fields, every one listed. */
    public static RequestException invalid(List<FieldError> errors) {
        return invalid(summary(errors), errors);
    }

    /** Bad fields, with a detail of the caller's (say, how many were left out of the list). */
    public static RequestException invalid(String detail, List<FieldError> errors) {
        return new RequestException(Kind.INVALID, detail, errors);
    }

    /** Text that is not JSON (no field to name). */
    public static RequestException malformed(String detail) {
        return new RequestException(Kind.MALFORMED, detail, null);
    }

    /** Input past a size limit, before it is read: the detail names the size and the limit. */
    public static RequestException tooLarge(String detail) {
        return new RequestException(Kind.TOO_LARGE, detail, null);
    }

    /** One sentence for all the errors: the one, or how many and each. */
    public static String summary(List<FieldError> errors) {
        return errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid: "
                + String.join("; ", errors.stream().map(FieldError::message).toList());
    }

    public Kind kind() {
        return kind;
    }

    /** The bad fields; {@code null} unless {@link Kind#INVALID}. */
    public List<FieldError> errors() {
        return errors;
    }
}
