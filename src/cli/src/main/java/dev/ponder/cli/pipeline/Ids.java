package dev.ponder.cli.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic ids of derived work (DESIGN.md §4): the same command on the same input names the same batch and
 * searches, so submitting again finds the stored searches and a re-run resumes instead of starting over.
 */
public final class Ids {

    /** Hex characters kept: 64 bits, ample for the searches of one store, short enough to type. */
    private static final int LENGTH = 16;

    private Ids() {
    }

    /** The first 16 hex characters of the SHA-256 of the parts, each ended by a NUL so parts cannot run together. */
    public static String of(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
