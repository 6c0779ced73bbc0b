package dev.ponder.engine.store;

import static dev.ponder.engine.store.Attrs.n;
import static dev.ponder.engine.store.Attrs.s;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque cursor of a page of a tenant's searches (or batches): the last one returned ({@code created} and id), as the
 * tenant index's start key. It holds nothing secret and names no tenant: a cursor is read only with the caller's
 * own tenant, so another tenant's cursor leads nowhere but into the caller's own list.
 */
final class Cursor {

    private static final Pattern FORM = Pattern.compile("(\\d{1,18}):([A-Za-z0-9._:-]{1,200})");

    private Cursor() {
    }

    static String encode(SearchItem last) {
        return encode(last.createdMs(), last.id());
    }

    static String encode(long createdMs, String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((createdMs + ":" + id)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The index start key after the cursor's search; {@link IllegalArgumentException} if it is not a cursor. */
    static Map<String, AttributeValue> decode(String tenant, String cursor) {
        return decode(tenant, cursor, Keys::search);
    }

    /** The index start key after the cursor's item, whose partition key {@code partition} makes from its id. */
    static Map<String, AttributeValue> decode(String tenant, String cursor, Function<String, String> partition) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("cursor is not one this API returned: " + shorten(cursor));
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("cursor is not one this API returned: " + shorten(cursor));
        }
        return Map.of("tenant", s(tenant), "created", n(Long.parseLong(m.group(1))),
                "pk", s(partition.apply(m.group(2))), "sk", s(Keys.META));
    }

    private static String shorten(String cursor) {
        return cursor.length() <= 40 ? cursor : cursor.substring(0, 40) + "…";
    }
}
