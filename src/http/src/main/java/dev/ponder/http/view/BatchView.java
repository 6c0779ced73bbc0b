package dev.ponder.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.ponder.engine.store.BatchItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One batch as {@code GET /v1/batches/{id}} shows it, in the OpenAI batch object's names where they fit.
 *
 * @param object           always {@code batch}
 * @param status           validating, in_progress, finalizing, completed, failed, cancelling, cancelled, expired
 * @param requestCounts    its lines by outcome
 * @param createdAt        when it was accepted
 * @param inProgressAt     when it started: ponder starts a batch as it accepts it
 * @param finishedAt       when it ended, whatever the status (OpenAI splits this into completed_at, cancelled_at, ...)
 * @param expiresAt        the end of its completion window
 * @param completionWindow its window, as asked ({@code 24h})
 * @param maxInFlight      its searches under way at once, at most
 * @param source           where its lines came from: {@code api}, {@code inbox:<name>}, {@code cli}
 * @param resultsUrl       where its result rows are (OpenAI's output file)
 * @param errors           why it failed or expired
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchView(String id, String object, String status, RequestCounts requestCounts, Instant createdAt,
                        Instant inProgressAt, Instant finishedAt, Instant expiresAt, String completionWindow,
                        int maxInFlight, String source, String resultsUrl, List<BatchError> errors) {

    /**
     * @param total      lines
     * @param completed  lines whose search succeeded (OpenAI's name)
     * @param succeeded  the same, in Anthropic's name
     * @param failed     lines whose search failed or could not start
     * @param cancelled  lines cancelled, run or not
     * @param processing lines whose search is under way
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RequestCounts(int total, int completed, int succeeded, int failed, int cancelled, int processing) {
    }

    /** @param code the status the error led to */
    public record BatchError(String code, String message) {
    }

    public static BatchView of(BatchItem b) {
        return new BatchView(b.id(), "batch", b.status().key(), new RequestCounts(b.total(), b.succeeded(),
                b.succeeded(), b.failed(), b.cancelled(), b.inFlight().size()), instant(b.createdMs()),
                instant(b.createdMs()), instant(b.finishedMs()), instant(b.expiresMs()),
                window(Duration.ofMillis(b.expiresMs() - b.createdMs())), b.maxInFlight(), b.source(),
                "/v1/batches/" + b.id() + "/results",
                b.reason() == null ? null : List.of(new BatchError(b.status().key(), b.reason())));
    }

    /** A window as a client writes it: {@code 24h}, {@code 7d} (whole days past two), else minutes or seconds. */
    public static String window(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0 && s > 2 * 86_400) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static Instant instant(long ms) {
        return ms > 0 ? Instant.ofEpochMilli(ms) : null;
    }
}
