package dev.ponder.http.request;

import dev.ponder.core.strategy.RepeatedSampling;
import dev.ponder.core.strategy.Strategies;
import dev.ponder.http.problem.ApiException;
import dev.ponder.engine.request.Echo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A chat completion's model: {@code ponder} (the search the request's {@code ponder} object describes, or the API's
 * defaults) or {@code ponder-<strategy>-<n>}, a strategy with budget n ({@code ponder-beam-16}).
 *
 * @param strategy the strategy the name fixes, or {@code null} for plain {@code ponder}
 * @param n        the budget the name fixes, as written (range-checked with the request), or {@code null}
 */
public record ModelName(String strategy, BigDecimal n) {

    /** The plain model name, and the prefix of the others. */
    public static final String PONDER = "ponder";

    /** Longest budget in a model name, in digits: past any limit, yet small enough to echo. */
    private static final int MAX_DIGITS = 18;

    /** The model {@code name} denotes, or empty when it is none of ponder's. */
    public static Optional<ModelName> parse(String name) {
        if (name.equals(PONDER)) {
            return Optional.of(new ModelName(null, null));
        }
        for (String strategy : Strategies.NAMES) {
            String prefix = PONDER + "-" + strategy + "-";
            if (name.startsWith(prefix)) {
                String digits = name.substring(prefix.length());
                // "best-of-n" is a suffix of "weighted-best-of-n", not a prefix: at most one strategy matches.
                if (!digits.isEmpty() && digits.length() <= MAX_DIGITS && digits.chars().allMatch(Character::isDigit)
                        && digits.charAt(0) != '0') {
                    return Optional.of(new ModelName(strategy, new BigDecimal(digits)));
                }
            }
        }
        return Optional.empty();
    }

    /** The model {@code name} denotes; 404 when it is none of ponder's. */
    public static ModelName require(String name) {
        return parse(name).orElseThrow(() -> ApiException.unknownModel("the model " + Echo.cut(name)
                + " does not exist: the models are " + rule() + " (GET /v1/models lists some)"));
    }

    /** The name of {@code strategy} at budget {@code n}. */
    public static String of(String strategy, int n) {
        return PONDER + "-" + strategy + "-" + n;
    }

    /**
     * The names {@code GET /v1/models} lists: {@code ponder}, then each strategy at each of {@code budgets} up to
     * {@code maxN}. Repeated sampling is left out: it verifies against a gold answer, which a chat rarely has (its
     * names are accepted all the same, with {@code ponder.answer}).
     */
    public static List<String> listed(List<Integer> budgets, int maxN) {
        List<String> names = new ArrayList<>(List.of(PONDER));
        for (String strategy : Strategies.NAMES) {
            if (!strategy.equals(RepeatedSampling.NAME)) {
                budgets.stream().filter(n -> n >= 1 && n <= maxN).sorted().forEach(n -> names.add(of(strategy, n)));
            }
        }
        return names;
    }

    /** The rule the names follow, for errors. */
    static String rule() {
        return PONDER + " or " + PONDER + "-<strategy>-<n> with a strategy of " + String.join(", ", Strategies.NAMES)
                + " and a budget n";
    }
}
