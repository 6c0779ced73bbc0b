package dev.ponder.engine.account;

/**
 * What a tenant may do: searches at once, the budget {@code n} of one search, tokens a month (prompt and completion,
 * over every endpoint), and API requests a second.
 *
 * @param maxConcurrent     searches running at once
 * @param maxN              the largest {@code n} of one search
 * @param monthlyTokens     tokens a calendar month (UTC); searches running when it is reached finish, new ones wait
 * @param requestsPerSecond API requests a second
 */
public record Quotas(int maxConcurrent, int maxN, long monthlyTokens, int requestsPerSecond) {

    public Quotas {
        positive("max_concurrent", maxConcurrent);
        positive("max_n", maxN);
        positive("monthly_tokens", monthlyTokens);
        positive("requests_per_second", requestsPerSecond);
    }

    /**
     * A new tenant's quotas: 4 searches at once, n up to 256, 20 million tokens a month (about 40 beam searches at
     * n=256 on the simulator), 10 requests a second.
     */
    public static Quotas defaults() {
        return new Quotas(4, 256, 20_000_000L, 10);
    }

    /** These quotas with {@code o}'s non-null values instead. */
    public Quotas with(Overrides o) {
        return new Quotas(o.maxConcurrent() == null ? maxConcurrent : o.maxConcurrent(),
                o.maxN() == null ? maxN : o.maxN(),
                o.monthlyTokens() == null ? monthlyTokens : o.monthlyTokens(),
                o.requestsPerSecond() == null ? requestsPerSecond : o.requestsPerSecond());
    }

    /** Quotas to change; a null value keeps the current one. */
    public record Overrides(Integer maxConcurrent, Integer maxN, Long monthlyTokens, Integer requestsPerSecond) {
        public static final Overrides NONE = new Overrides(null, null, null, null);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 (got " + value + ")");
        }
    }
}
