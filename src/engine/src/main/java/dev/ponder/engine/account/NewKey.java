package dev.ponder.engine.account;

/**
 * A key just created: the secret is shown this once and never stored.
 *
 * @param secret what the client sends as {@code Authorization: Bearer <secret>}
 * @param key    the stored key
 */
public record NewKey(String secret, ApiKey key) {
}
