package dev.ponder.cli.command;

import dev.ponder.cli.io.JsonlWriter;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.driver.SearchJob;
import dev.ponder.core.driver.SearchRun;
import dev.ponder.core.results.ResultRow;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/**
 * Writes results rows in input order while searches finish in any order: a problem's rows go out as soon as all
 * its searches, and all earlier problems, are done. A search that ended without a result (a pipeline search that
 * FAILED or was CANCELLED) gives rows of its own, which are written in its place but never graded.
 */
final class RowsInOrder {

    /** One finished job: a run with extra fields for its rows, or the rows saying why there is no run. */
    private record Finished(SearchRun run, Map<String, Object> extra, List<Map<String, Object>> failure) {
    }

    private final List<SearchJob> jobs;
    private final List<Integer> budgets;
    private final AnswerEquivalence equivalence;
    private final JsonlWriter writer;
    private final ProgressBar bar;
    private final List<ResultRow> written;
    private final Finished[] finished;
    private int next;
    private long tokens;
    private int searchesDone;
    private int searchesFailed;
    private int inFlight = -1;

    RowsInOrder(List<SearchJob> jobs, List<Integer> budgets, AnswerEquivalence equivalence, JsonlWriter writer,
                ProgressBar bar, List<ResultRow> written) {
        this.jobs = jobs;
        this.budgets = budgets;
        this.equivalence = equivalence;
        this.writer = writer;
        this.bar = bar;
        this.written = written;
        this.finished = new Finished[jobs.size()];
    }

    synchronized void done(int jobIndex, SearchRun run) {
        done(jobIndex, run, Map.of());
    }

    /** A job's run, whose rows also get {@code extra} (e.g. the pipeline's search id). */
    synchronized void done(int jobIndex, SearchRun run, Map<String, Object> extra) {
        tokens += run.usage().promptTokens() + run.usage().completionTokens();
        searchesDone++;
        record(jobIndex, new Finished(run, extra, null));
    }

    /** A job without a run: {@code rows} are written in its place, and not graded. */
    synchronized void failed(int jobIndex, List<Map<String, Object>> rows) {
        searchesFailed++;
        record(jobIndex, new Finished(null, Map.of(), rows));
    }

    /** Searches under way, shown on the progress bar (pipeline commands). */
    synchronized void inFlight(int searches) {
        inFlight = searches;
        bar.setExtraMessage(message());
    }

    synchronized int failures() {
        return searchesFailed;
    }

    private void record(int jobIndex, Finished job) {
        finished[jobIndex] = job;
        while (next < jobs.size()) {
            int end = endOfProblem(next);
            for (int i = next; i < end; i++) {
                if (finished[i] == null) {
                    bar.setExtraMessage(message());
                    return;
                }
            }
            for (int i = next; i < end; i++) {
                write(finished[i]);
                finished[i] = null;
            }
            next = end;
            bar.step();
        }
        bar.setExtraMessage(message());
    }

    private void write(Finished job) {
        if (job.run() == null) {
            job.failure().forEach(writer::write);
            return;
        }
        for (ResultRow row : ResultRow.of(job.run(), budgets, equivalence)) {
            if (job.extra().isEmpty()) {
                writer.write(row.toMap());
            } else {
                Map<String, Object> map = row.toMap();
                map.putAll(job.extra());
                writer.write(map);
            }
            written.add(row);
        }
    }

    /** Jobs of one problem are contiguous: the index after the last job of the problem starting at {@code from}. */
    private int endOfProblem(int from) {
        int end = from;
        while (end < jobs.size() && jobs.get(end).problem() == jobs.get(from).problem()) {
            end++;
        }
        return end;
    }

    private String message() {
        if (inFlight < 0) {
            return String.format(" · searches %d/%d · tokens %s", searchesDone, jobs.size(), Progress.human(tokens));
        }
        return String.format(" · searches done %d, failed %d, in flight %d of %d · tokens %s", searchesDone,
                searchesFailed, inFlight, jobs.size(), Progress.human(tokens));
    }
}
