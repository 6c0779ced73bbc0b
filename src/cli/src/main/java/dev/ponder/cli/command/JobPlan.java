package dev.ponder.cli.command;

import dev.ponder.core.driver.SearchJob;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.IndependentSampling;
import dev.ponder.core.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;

/**
 * Every search a grid needs, problem by problem so rows can be written early. Independent sampling runs once at
 * the largest budget (smaller ones are its prefixes, SPEC.md §3); beam search and DVTS run once per budget. Every
 * configuration is validated before anything runs.
 *
 * @param problems the problems, in input order
 * @param budgets  the budgets N, smallest first: the rows each run yields
 * @param base     the configuration at the smallest budget and the first seed
 * @param jobs     the searches, the jobs of one problem contiguous, in strategy, seed and budget order
 */
record JobPlan(List<Problem> problems, List<Integer> budgets, SearchConfig base, List<SearchJob> jobs) {

    static JobPlan of(List<Problem> problems, List<Strategy> strategies, List<Integer> budgets, List<Long> seeds,
                      KnobOptions knobs) {
        SearchConfig base = knobs.config(budgets.get(0), seeds.get(0));
        List<SearchJob> perProblem = new ArrayList<>();
        for (long seed : seeds) {
            for (Strategy s : strategies) {
                List<Integer> runs = s instanceof IndependentSampling ? List.of(budgets.get(budgets.size() - 1))
                        : budgets;
                for (int n : runs) {
                    SearchConfig config = base.withN(n).withSeed(seed);
                    s.start(problems.get(0), config);
                    perProblem.add(new SearchJob(s, null, config));
                }
            }
        }
        List<SearchJob> jobs = problems.stream()
                .flatMap(p -> perProblem.stream().map(j -> new SearchJob(j.strategy(), p, j.config())))
                .toList();
        return new JobPlan(problems, budgets, base, jobs);
    }
}
