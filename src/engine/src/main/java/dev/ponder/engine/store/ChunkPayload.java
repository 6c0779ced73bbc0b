package dev.ponder.engine.store;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.core.driver.ChunkResult;
import dev.ponder.engine.queue.Stage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A chunk's results as stored bytes: gzipped JSON (sampled text compresses about fivefold), split into parts that
 * each stay well under DynamoDB's 400 KB item limit.
 */
final class ChunkPayload {

    /** Bytes per stored part: room to spare under 400 KB for keys and attributes. */
    static final int PART_BYTES = 300_000;

    private ChunkPayload() {
    }

    static List<byte[]> encode(ObjectMapper json, ChunkResult result) {
        return encode(json, (Object) result);
    }

    /** Any value as gzipped JSON in parts (batch pages and result rows are stored the same way). */
    static List<byte[]> encode(ObjectMapper json, Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            json.writeValue(gzip, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
        byte[] all = bytes.toByteArray();
        List<byte[]> parts = new ArrayList<>();
        for (int from = 0; from < all.length || parts.isEmpty(); from += PART_BYTES) {
            parts.add(java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + PART_BYTES)));
        }
        return parts;
    }

    static ChunkResult decode(ObjectMapper json, Stage stage, List<byte[]> parts) {
        Class<? extends ChunkResult> type = stage == Stage.SCORE ? ChunkResult.Scores.class : ChunkResult.Samples.class;
        return decode(json, parts, json.constructType(type), "stored " + stage.key() + " results");
    }

    static <T> T decode(ObjectMapper json, List<byte[]> parts, JavaType type, String what) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(all.toByteArray()))) {
            return json.readValue(gzip, type);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " are not readable", e);
        }
    }
}
