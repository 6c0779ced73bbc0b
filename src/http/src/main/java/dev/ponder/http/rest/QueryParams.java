package dev.ponder.http.rest;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.ponder.engine.request.Echo;
import dev.ponder.engine.request.FieldError;
import dev.ponder.engine.store.SearchStatus;
import dev.ponder.http.problem.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Query parameters (and headers) read as text and checked here rather than bound by JAX-RS, which answers a bad
 * number with a bare 404: each bad one is named with its value and limit, all at once, by {@link #check()}.
 */
final class QueryParams {

    private final List<FieldError> errors = new ArrayList<>();

    void error(String name, String value, String limit, String message) {
        errors.add(new FieldError(name, value == null ? null : TextNode.valueOf(Echo.cut(value)), limit, message));
    }

    boolean bool(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        error(name, value, "true or false", name + " must be true or false (got " + Echo.cut(value) + ")");
        return false;
    }

    int integer(String name, String value, int min, int max, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        String limit = "an integer between " + min + " and " + max;
        try {
            long v = Long.parseLong(value);
            if (v >= min && v <= max) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // reported below, as for an out-of-range value
        }
        error(name, value, limit, name + " must be " + limit + " (got " + Echo.cut(value) + ")");
        return fallback;
    }

    /** An Idempotency-Key is printable ASCII: it is stored and compared, never interpreted. */
    void idempotencyKey(String key, int max) {
        if (key == null) {
            return;
        }
        if (key.isEmpty() || key.length() > max || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            error("Idempotency-Key", key, "1 to " + max + " printable ASCII characters", "Idempotency-Key must be "
                    + "1 to " + max + " printable ASCII characters without spaces (got " + key.length()
                    + " characters)");
        }
    }

    SearchStatus status(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return SearchStatus.parse(value);
        } catch (IllegalArgumentException e) {
            error(name, value, "pending, running, succeeded, failed or cancelled", name
                    + " must be one of pending, running, succeeded, failed, cancelled (got " + Echo.cut(value) + ")");
            return null;
        }
    }

    LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            error(name, value, "a date YYYY-MM-DD", name + " must be a date YYYY-MM-DD (got " + Echo.cut(value) + ")");
            return null;
        }
    }

    /** Throws the 400 naming every bad parameter, if any. */
    void check() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
