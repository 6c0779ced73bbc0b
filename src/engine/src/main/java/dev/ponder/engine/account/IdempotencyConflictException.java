package dev.ponder.engine.account;

/** An {@code Idempotency-Key} used before with another request body (HTTP 422). */
public final class IdempotencyConflictException extends RuntimeException {

    private final String key;
    private final String searchId;

    public IdempotencyConflictException(String key, String searchId) {
        super("Idempotency-Key " + key + " was used for another request (search " + searchId + "): send a new key for "
                + "a new request, or the same body to get that search");
        this.key = key;
        this.searchId = searchId;
    }

    public String key() {
        return key;
    }

    public String searchId() {
        return searchId;
    }
}
