package dev.ponder.engine.account;

/**
 * An API key as stored: never the secret, only its SHA-256.
 *
 * @param id        the SHA-256 of the secret, hex
 * @param tenant    whose key it is
 * @param hint      the secret's first and last characters, to tell keys apart in a list
 * @param createdMs when it was created
 * @param revokedMs when it was revoked, or {@code null}
 */
public record ApiKey(String id, String tenant, String hint, long createdMs, Long revokedMs) {

    public boolean revoked() {
        return revokedMs != null;
    }
}
