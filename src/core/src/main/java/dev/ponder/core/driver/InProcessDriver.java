package dev.ponder.core.driver;

import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.RewardModel;
import dev.ponder.core.model.Usage;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.Action;
import dev.ponder.core.strategy.SearchState;
import dev.ponder.core.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs searches in this process, with no queue and no store: the reference every distributed run must agree
 * with. Searches run concurrently across problems; within a search, requests are split into chunks of at most
 * {@code sampleChunk} prompts and {@code scoreChunk} candidates, which changes calls and prompt tokens but never
 * the result.
 */
public final class InProcessDriver {

    /**
     * @param threads     searches run at once
     * @param sampleChunk distinct prompts per policy call
     * @param scoreChunk  candidates per PRM call
     */
    public record Options(int threads, int sampleChunk, int scoreChunk) {
        public Options {
            if (threads < 1 || sampleChunk < 1 || scoreChunk < 1) {
                throw new IllegalArgumentException("threads, sampleChunk and scoreChunk must be at least 1 (got "
                        + threads + ", " + sampleChunk + ", " + scoreChunk + ")");
            }
        }

        /** One search per core, and chunks as large as a vLLM server batches well. */
        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), 64, 64);
        }
    }

    private final PolicyModel policy;
    private final RewardModel prm;
    private final Options options;

    public InProcessDriver(PolicyModel policy, RewardModel prm, Options options) {
        this.policy = policy;
        this.prm = prm;
        this.options = options;
    }

    /** Runs one search to its end. */
    public SearchRun run(Strategy strategy, Problem problem, SearchConfig config) {
        long started = System.nanoTime();
        SearchState state = strategy.start(problem, config);
        Usage usage = Usage.ZERO;
        for (Action action = strategy.next(state); !(action instanceof Action.Finish); action = strategy.next(state)) {
            List<ChunkResult> results = new ArrayList<>();
            for (ModelChunk chunk : ModelChunk.plan(action, options.sampleChunk(), options.scoreChunk())) {
                results.add(chunk.run(policy, prm));
            }
            usage = usage.plus(ChunkResult.total(results));
            state = strategy.apply(state, ChunkResult.combine(action, results));
        }
        return new SearchRun(problem, strategy, state, usage, (System.nanoTime() - started) / 1_000_000);
    }

    /** Hears of each search as it ends, from the worker thread that ran it. */
    @FunctionalInterface
    public interface Listener {
        void done(int jobIndex, SearchRun run);
    }

    /** Runs one search per problem with the same strategy and configuration; see {@link #runAll(List, Listener)}. */
    public List<SearchRun> runAll(List<Problem> problems, Strategy strategy, SearchConfig config, Listener listener) {
        return runAll(problems.stream().map(p -> new SearchJob(strategy, p, config)).toList(), listener);
    }

    /**
     * Runs the jobs on {@link Options#threads} threads, in submission order. Returns the runs in job order. The
     * first failure stops the batch and is rethrown.
     */
    public List<SearchRun> runAll(List<SearchJob> jobs, Listener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<SearchRun>> futures = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                int index = i;
                SearchJob job = jobs.get(i);
                futures.add(pool.submit(() -> {
                    SearchRun run = run(job.strategy(), job.problem(), job.config());
                    listener.done(index, run);
                    return run;
                }));
            }
            List<SearchRun> runs = new ArrayList<>();
            for (Future<SearchRun> f : futures) {
                runs.add(f.get());
            }
            return runs;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
