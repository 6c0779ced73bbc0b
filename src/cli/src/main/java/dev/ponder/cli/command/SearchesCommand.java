package dev.ponder.cli.command;

import dev.ponder.cli.pipeline.EmbeddedPipeline;
import dev.ponder.core.answer.AnswerEquivalence;
import dev.ponder.core.model.Usage;
import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.search.Trajectory;
import dev.ponder.core.strategy.SearchState;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.engine.store.FrontierStore;
import dev.ponder.engine.store.NodeItem;
import dev.ponder.engine.store.SearchItem;
import dev.ponder.engine.store.SearchStatus;
import jakarta.enterprise.context.Dependent;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ponder searches}: the searches kept in the store (tenant {@code local}) — list, show one, re-send dead
 * messages, cancel. Each subcommand joins the stack a running command keeps on the store folder, or starts one.
 */
@Command(name = "searches", mixinStandardHelpOptions = true,
        description = "List, inspect, redrive and cancel the searches kept in the store.",
        subcommands = {SearchesCommand.ListSearches.class, SearchesCommand.Show.class, SearchesCommand.Redrive.class,
                SearchesCommand.Cancel.class})
public class SearchesCommand {

    private static SearchItem find(EmbeddedPipeline pipeline, String id) {
        return OnStore.found(pipeline.searches().get(id), "search", id, pipeline);
    }

    @Dependent
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest searches first.")
    public static class ListSearches extends OnStore implements Callable<Integer> {

        @Option(names = "--status", paramLabel = "S",
                description = "Only searches in this status: pending, running, succeeded, failed, cancelled.")
        String status;

        @Mixin
        ListLimit listLimit;

        @Override
        public Integer call() {
            SearchStatus only = status == null ? null : SearchStatus.parse(status);
            int limit = listLimit.checked();
            try (EmbeddedPipeline pipeline = open()) {
                List<SearchItem> found = pipeline.store().list(BatchCommand.TENANT, only, limit);
                PrintWriter out = out();
                out.printf("%-16s  %-9s  %-18s  %5s  %4s  %-19s  %s%n", "ID", "STATUS", "STRATEGY", "N", "ITER",
                        "CREATED", "PROBLEM");
                for (SearchItem s : found) {
                    out.printf("%-16s  %-9s  %-18s  %5d  %4d  %-19s  %s%n", s.id(), s.status(), s.strategy(),
                            s.config().n(), s.state().iteration(), time(s.createdMs()),
                            snippet(s.problem().problem(), 50));
                }
                if (found.isEmpty()) {
                    out.println("(no searches" + (only == null ? "" : " " + only) + " in the store "
                            + pipeline.storeDescription() + ")");
                }
                out.flush();
            }
            return 0;
        }
    }

    @Dependent
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One search: where it stands, its frontier, its finished paths, usage and answer.")
    public static class Show extends OnStore implements Callable<Integer> {

        /** Frontier nodes and paths shown, at most. */
        private static final int SHOWN = 16;

        @Parameters(index = "0", paramLabel = "ID", description = "The search id.")
        String id;

        @Override
        public Integer call() {
            try (EmbeddedPipeline pipeline = open()) {
                SearchItem s = find(pipeline, id);
                FrontierStore store = pipeline.store();
                SearchConfig c = s.config();
                PrintWriter out = out();
                out.printf("search    %s%s%n", s.id(), s.batch() == null ? "" : "  (batch " + s.batch() + ")");
                out.printf("status    %s  round %d, iteration %d, phase %s%s%n", s.status(), s.round(),
                        s.state().iteration(), s.state().phase(), s.redrives() == 0 ? ""
                                : ", re-driven " + s.redrives() + "x");
                out.printf("problem   %s  %s%n", s.problem().uniqueId(), snippet(s.problem().problem(), 100));
                out.printf("config    %s n=%d m=%d seed=%d temperature=%s max_tokens=%d max_iterations=%d "
                                + "lookahead=%d reduction=%s%n", s.strategy(), c.n(), c.m(), c.seed(), c.temperature(),
                        c.maxTokens(), c.maxIterations(), c.lookahead(), c.reduction().name().toLowerCase());
                out.printf("models    policy %s, prm %s%n", s.policy(), s.prm());
                out.printf("times     created %s, updated %s, deadline %s%s%n", time(s.createdMs()),
                        time(s.updatedMs()), time(s.deadlineMs()),
                        s.finishedMs() > 0 ? ", finished " + time(s.finishedMs()) + " ("
                                + (s.finishedMs() - s.createdMs()) + " ms)" : "");
                if (s.reason() != null) {
                    out.printf("reason    %s%n", s.reason());
                }
                if (s.lastError() != null) {
                    out.printf("error     %s%n", s.lastError());
                }
                frontier(out, s, store.nodes(s.id()));
                SearchState state = store.state(s);
                paths(out, s, state);
                Usage u = store.usage(s.id());
                out.printf("usage     %d prompt + %d completion tokens, %d policy calls, %d PRM calls, "
                                + "%.2f model-seconds%n", u.promptTokens(), u.completionTokens(), u.policyCalls(),
                        u.prmCalls(), u.modelSeconds());
                if (s.status() == SearchStatus.SUCCEEDED) {
                    String pred = store.pred(s.id()).orElse("");
                    String gold = s.problem().answer();
                    out.printf("answer    %s%s%n", pred.isEmpty() ? "(none)" : pred, gold == null ? ""
                            : !pred.isEmpty() && AnswerEquivalence.math().equivalent(gold, pred) ? "  (correct)"
                            : "  (wrong: gold " + gold + ")");
                }
                out.flush();
            }
            return 0;
        }

        private static void frontier(PrintWriter out, SearchItem s, Map<String, NodeItem> nodes) {
            List<String> ids = s.state().frontier();
            out.printf("frontier  %d node%s%n", ids.size(), ids.size() == 1 ? "" : "s");
            for (String nodeId : ids.subList(0, Math.min(SHOWN, ids.size()))) {
                NodeItem node = nodes.get(nodeId);
                if (node == null) {
                    out.printf("  %-11s root (nothing sampled yet)%n", nodeId);
                } else {
                    out.printf("  %-11s lane %d, %d tokens, scores %s%n  %11s last step: %s%n", nodeId, node.lane(),
                            node.completionTokens(), scores(node.scores()), "", snippet(node.step(), 90));
                }
            }
            if (ids.size() > SHOWN) {
                out.printf("  ... and %d more%n", ids.size() - SHOWN);
            }
        }

        private static void paths(PrintWriter out, SearchItem s, SearchState state) {
            List<Trajectory> paths = s.status() == SearchStatus.SUCCEEDED
                    ? Strategies.create(s.strategy(), AnswerEquivalence.math()).finish(state).trajectories()
                    : state.completed();
            Reduction reduction = s.config().reduction();
            out.printf("paths     %d %s%n", paths.size(), s.status() == SearchStatus.SUCCEEDED ? "emitted"
                    : "completed so far");
            for (int i = 0; i < Math.min(SHOWN, paths.size()); i++) {
                Trajectory t = paths.get(i);
                out.printf("  %2d. score %.3f, %s, lane %d, %d tokens: %s%n", i + 1, t.score(reduction),
                        t.finished() ? "finished" : t.status(), t.lane(), t.completionTokens(),
                        snippet(t.text(), 80));
            }
            if (paths.size() > SHOWN) {
                out.printf("  ... and %d more%n", paths.size() - SHOWN);
            }
        }
    }

    @Dependent
    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Send every dead message again (after fixing what killed it); their searches run again.")
    public static class Redrive extends OnStore implements Callable<Integer> {

        @Override
        public Integer call() {
            try (EmbeddedPipeline pipeline = open()) {
                int sent = pipeline.searches().redriveDeadLetters();
                out().printf("%d dead message%s sent again%s%n", sent, sent == 1 ? "" : "s", sent == 0 ? ""
                        : pipeline.joined() ? "; the command running the stack works on them"
                        : "; their searches are RUNNING again and continue in the next command that runs the "
                        + "pipeline on this store (batch or solve; a re-run of the batch collects them)");
                out().flush();
            }
            return 0;
        }
    }

    @Dependent
    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel an unfinished search; work in flight is dropped.")
    public static class Cancel extends OnStore implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "ID", description = "The search id.")
        String id;

        @Option(names = "--reason", defaultValue = "cancelled from the command line",
                description = "Why, kept with the search (default: ${DEFAULT-VALUE}).")
        String reason;

        @Override
        public Integer call() {
            try (EmbeddedPipeline pipeline = open()) {
                SearchItem s = find(pipeline, id);
                if (pipeline.searches().cancel(id, reason)) {
                    out().printf("search %s cancelled%n", id);
                    out().flush();
                    return 0;
                }
                spec.commandLine().getErr().printf("search %s had already ended: %s%n", id,
                        pipeline.searches().get(id).map(SearchItem::status).orElse(s.status()));
                return 1;
            }
        }
    }

    static String snippet(String text, int max) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    private static String scores(List<Double> scores) {
        return scores.stream().map(d -> String.format("%.2f", d)).toList().toString();
    }
}
