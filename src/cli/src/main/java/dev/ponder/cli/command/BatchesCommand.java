package dev.ponder.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ponder.cli.io.JsonlWriter;
import dev.ponder.cli.pipeline.EmbeddedPipeline;
import dev.ponder.engine.batch.BatchStatus;
import dev.ponder.engine.stage.Batches;
import dev.ponder.engine.store.BatchItem;
import dev.ponder.engine.store.BatchStore;
import dev.ponder.http.view.BatchView;
import jakarta.enterprise.context.Dependent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ponder batches}: the batches kept in the store — those {@code ponder batch} ran (tenant {@code local}) and
 * those API tenants sent to {@code ponder serve} on the same store: list, show one, its result rows, cancel. What
 * {@code show --json} and {@code results} print is what {@code GET /v1/batches/{id}} and its {@code /results} give.
 */
@Command(name = "batches", mixinStandardHelpOptions = true,
        description = "List, inspect and cancel the batches kept in the store, and read their result rows.",
        subcommands = {BatchesCommand.ListBatches.class, BatchesCommand.Show.class, BatchesCommand.Results.class,
                BatchesCommand.Cancel.class})
public class BatchesCommand {

    /** What {@code show}, {@code results} and {@code cancel} share: the batch they are about. */
    abstract static class OnBatch extends OnStore {

        @Parameters(index = "0", paramLabel = "ID", description = "The batch id.")
        String id;

        BatchItem find(EmbeddedPipeline pipeline) {
            return found(pipeline.batches().get(id), "batch", id, pipeline);
        }
    }

    @Dependent
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest batches first.")
    public static class ListBatches extends OnStore implements Callable<Integer> {

        /** Batches read from the store a query while following its cursor: the API's largest page. */
        private static final int PAGE = 100;

        @Option(names = "--tenant", defaultValue = BatchCommand.TENANT, paramLabel = "T",
                description = "Whose batches (default: ${DEFAULT-VALUE}, the tenant of `ponder batch`; an API "
                        + "tenant's are those it sent to `ponder serve` on this store).")
        String tenant;

        @Option(names = "--status", paramLabel = "S", description = "Only batches in this status: in_progress, "
                + "cancelling, completed, failed, cancelled, expired.")
        String status;

        @Mixin
        ListLimit listLimit;

        @Override
        public Integer call() {
            BatchStatus only = status == null ? null : BatchStatus.parse(status);
            int limit = listLimit.checked();
            try (EmbeddedPipeline pipeline = open()) {
                List<BatchItem> found = newestFirst(pipeline.batches(), only, limit);
                PrintWriter out = out();
                out.printf("%-22s  %-11s  %11s  %9s  %6s  %9s  %-19s  %s%n", "ID", "STATUS", "DONE/TOTAL",
                        "SUCCEEDED", "FAILED", "CANCELLED", "CREATED", "SOURCE");
                for (BatchItem b : found) {
                    out.printf("%-22s  %-11s  %11s  %9d  %6d  %9d  %-19s  %s%n", b.id(), b.status(),
                            b.recorded() + "/" + b.total(), b.succeeded(), b.failed(), b.cancelled(),
                            time(b.createdMs()), b.source());
                }
                if (found.isEmpty()) {
                    out.println("(no batches" + (only == null ? "" : " " + only) + " of tenant " + tenant
                            + " in the store " + pipeline.storeDescription() + ")");
                }
                out.flush();
            }
            return 0;
        }

        /** Follows the store's cursor until {@code limit} batches (of {@code --status}) are found or none is left. */
        private List<BatchItem> newestFirst(Batches batches, BatchStatus only, int limit) {
            List<BatchItem> found = new ArrayList<>();
            String cursor = null;
            do {
                BatchStore.Page page = batches.list(tenant, only == null ? Math.min(PAGE, limit - found.size()) : PAGE,
                        cursor);
                page.batches().stream().filter(b -> only == null || b.status() == only)
                        .limit(limit - found.size()).forEach(found::add);
                cursor = page.nextCursor();
            } while (cursor != null && found.size() < limit);
            return found;
        }
    }

    @Dependent
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One batch: its status, lines by outcome, lines in flight, times, source and reason.")
    public static class Show extends OnBatch implements Callable<Integer> {

        /** Lines in flight named, at most. */
        private static final int SHOWN = 16;

        @Option(names = "--json", description = "The batch as GET /v1/batches/{id} returns it, one JSON object.")
        boolean asJson;

        @Override
        public Integer call() throws JsonProcessingException {
            try (EmbeddedPipeline pipeline = open()) {
                BatchItem b = find(pipeline);
                PrintWriter out = out();
                if (asJson) {
                    out.println(json.writeValueAsString(BatchView.of(b)));
                    out.flush();
                    return 0;
                }
                out.printf("batch     %s  (tenant %s)%n", b.id(), b.tenant());
                out.printf("status    %s%s%n", b.status(), b.status() == BatchStatus.CANCELLING && b.endAs() != null
                        ? ", ends " + b.endAs() : "");
                out.printf("lines     %d/%d done: %d succeeded, %d failed, %d cancelled; %d not started%n",
                        b.recorded(), b.total(), b.succeeded(), b.failed(), b.cancelled(), b.total() - b.submitted());
                out.printf("in flight %d (at most %d at once)%s%n", b.inFlight().size(), b.maxInFlight(),
                        inFlight(b.inFlight()));
                out.printf("times     created %s, %sexpires %s (window %s)%n", time(b.createdMs()),
                        b.finishedMs() > 0 ? "finished " + time(b.finishedMs()) + " (" + seconds(b) + "), " : "",
                        time(b.expiresMs()), BatchView.window(Duration.ofMillis(b.expiresMs() - b.createdMs())));
                out.printf("source    %s%n", b.source());
                if (b.reason() != null) {
                    out.printf("reason    %s%n", b.reason());
                }
                out.flush();
            }
            return 0;
        }

        /** The lines in flight by number (from 0, as their search ids count them). */
        private static String inFlight(List<Integer> lines) {
            if (lines.isEmpty()) {
                return "";
            }
            String named = lines.subList(0, Math.min(SHOWN, lines.size())).stream().map(String::valueOf)
                    .collect(Collectors.joining(", "));
            return ": lines " + named + (lines.size() > SHOWN ? " and " + (lines.size() - SHOWN) + " more" : "");
        }

        private static String seconds(BatchItem b) {
            return String.format("%.1f s", (b.finishedMs() - b.createdMs()) / 1000.0);
        }
    }

    @Dependent
    @Command(name = "results", mixinStandardHelpOptions = true,
            description = "The batch's result rows as JSONL, in line order, as GET /v1/batches/{id}/results gives "
                    + "them: the rows of the lines ended so far.")
    public static class Results extends OnBatch implements Callable<Integer> {

        @Option(names = "--out", paramLabel = "FILE", description = "Write the rows to FILE instead of standard "
                + "output (to FILE.partial, moved into place once complete).")
        Path file;

        @Override
        public Integer call() throws JsonProcessingException {
            try (EmbeddedPipeline pipeline = open()) {
                BatchItem b = find(pipeline);
                List<Map<String, Object>> rows = pipeline.batches().results(b);
                var err = spec.commandLine().getErr();
                if (rows.isEmpty()) {
                    // A running batch may have rows later; one that ended (FAILED before any line started) never will.
                    err.printf("batch %s has no result rows%s: it is %s, %d of %d lines ended%n", id,
                            b.status().terminal() ? "" : " yet", b.status(), b.recorded(), b.total());
                    return 1;
                }
                if (file == null) {
                    for (Map<String, Object> row : rows) {
                        out().println(json.writeValueAsString(row));
                    }
                } else {
                    write(rows);
                    out().printf("%d rows of batch %s written to %s%n", rows.size(), id, file);
                }
                out().flush();
                if (!b.status().terminal()) {
                    err.printf("batch %s is %s: these are the rows of the %d of %d lines ended so far%n", id,
                            b.status(), b.recorded(), b.total());
                }
            }
            return 0;
        }

        private void write(List<Map<String, Object>> rows) {
            try (JsonlWriter writer = new JsonlWriter(json, file)) {
                rows.forEach(writer::write);
                writer.commit();
            }
        }
    }

    @Dependent
    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel an unfinished batch: its searches in flight are cancelled, lines not started never "
                    + "start; ended lines keep their rows.")
    public static class Cancel extends OnBatch implements Callable<Integer> {

        @Override
        public Integer call() {
            try (EmbeddedPipeline pipeline = open()) {
                BatchItem b = find(pipeline);
                if (pipeline.batches().cancel(id)) {
                    BatchStatus now = pipeline.batches().get(id).map(BatchItem::status).orElse(BatchStatus.CANCELLING);
                    out().printf("batch %s %s%s%n", id, now, now.terminal() ? "" : pipeline.joined()
                            ? ": the command running the stack cancels its searches in flight, then it is CANCELLED"
                            : ": it is CANCELLED once a command runs the pipeline on this store (batch, solve or "
                            + "serve)");
                    out().flush();
                    return 0;
                }
                spec.commandLine().getErr().printf("batch %s had already ended: %s%n", id,
                        pipeline.batches().get(id).map(BatchItem::status).orElse(b.status()));
                return 1;
            }
        }
    }
}
