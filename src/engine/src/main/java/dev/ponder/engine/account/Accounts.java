package dev.ponder.engine.account;

import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.bill.Metered;
import dev.ponder.engine.request.Echo;
import dev.ponder.engine.store.AccountStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tenants and their API keys: creating, listing and revoking keys, telling who a request comes from, and counting
 * requests against a tenant's rate. Only the SHA-256 of a key's secret is stored; the secret is shown once.
 */
public final class Accounts {

    /** Tenant names: letters, digits, dot, dash, underscore; they appear in logs, keys and URLs unescaped. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Secrets start with this, so a leaked one is recognisable (secret scanners match on prefixes). */
    static final String SECRET_PREFIX = "pndr_";
    /** 32 random bytes: 256 bits, as strong as the hash that stores it. */
    private static final int SECRET_BYTES = 32;
    /** A prefix of a key id shorter than this could name several keys by accident. */
    private static final int MIN_ID_PREFIX = 8;

    private final AccountStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Accounts(AccountStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Creates a key for {@code tenant}: a new tenant starts from {@link Quotas#defaults()} with {@code overrides}
     * applied; an existing one has its overridden quotas changed and keeps the rest.
     */
    public NewKey createKey(String tenant, Quotas.Overrides overrides) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant must be 1 to 64 letters, digits, '.', '-' or '_' (got "
                    + tenant + ")");
        }
        Quotas.defaults().with(overrides); // validates the overrides before anything is written
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey key = new ApiKey(hash(secret), tenant, secret.substring(0, SECRET_PREFIX.length() + 4) + "…"
                + secret.substring(secret.length() - 4), clock.millis(), null);
        store.putKey(key, Quotas.defaults(), overrides);
        return new NewKey(secret, key);
    }

    /** Every key, newest first. */
    public List<ApiKey> keys() {
        return store.keys();
    }

    /**
     * Revokes the key with id {@code idOrPrefix}, or the only key whose id starts with it (at least 8 characters).
     * Empty if no key matches; {@link IllegalArgumentException} if several do.
     */
    public Optional<ApiKey> revoke(String idOrPrefix) {
        if (idOrPrefix == null || idOrPrefix.length() < MIN_ID_PREFIX) {
            throw new IllegalArgumentException("a key id or a prefix of at least " + MIN_ID_PREFIX
                    + " characters is needed (got " + idOrPrefix + ")");
        }
        List<ApiKey> matching = store.keys().stream().filter(k -> k.id().startsWith(idOrPrefix)).toList();
        if (matching.size() > 1) {
            throw new IllegalArgumentException(idOrPrefix + " is the start of " + matching.size()
                    + " key ids: give more of it");
        }
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = matching.get(0);
        store.revoke(key.id(), clock.millis());
        return store.findKey(key.id());
    }

    /** The live key whose secret this is; empty if there is none or it was revoked. */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        return store.findKey(hash(secret)).filter(k -> !k.revoked());
    }

    /**
     * Counts one request against {@code tenant}'s requests per second and returns the tenant with its quotas;
     * {@link QuotaExceededException} when this second's requests are used up.
     */
    public Tenant admit(String tenant) {
        long now = clock.millis();
        Optional<Tenant> counted = store.countRequest(tenant, now / 1000);
        if (counted.isPresent()) {
            return counted.get();
        }
        long limit = store.tenant(tenant).map(t -> (long) t.quotas().requestsPerSecond()).orElse(0L);
        return throwQuota("requests_per_second", limit, Duration.ofMillis(1000 - now % 1000),
                "more than " + limit + " requests per second");
    }

    public Optional<Tenant> tenant(String name) {
        return store.tenant(name);
    }

    /** The tenant's usage over the UTC days {@code from} to {@code to}, inclusive. */
    public Metered usage(String tenant, LocalDate from, LocalDate to) {
        return store.usage(tenant, from, to);
    }

    /**
     * Checks what a new search asks of its tenant before it is stored: {@code n} within {@code max_n}, and tokens
     * left this month. (The concurrency slot is taken in the transaction that stores the search.)
     */
    public void checkSubmission(Tenant tenant, int n) {
        Quotas q = tenant.quotas();
        if (n > q.maxN()) {
            throwQuota("max_n", q.maxN(), null, "n=" + n + " is more than this tenant's max_n of " + q.maxN());
        }
        LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(clock.millis(), 86_400_000L));
        long used = store.usage(tenant.name(), today.withDayOfMonth(1), today).tokens();
        if (used >= q.monthlyTokens()) {
            Duration toNextMonth = Duration.ofMillis(today.withDayOfMonth(1).plusMonths(1).toEpochDay() * 86_400_000L
                    - clock.millis());
            throwQuota("monthly_tokens", q.monthlyTokens(), toNextMonth, "this month's " + used
                    + " tokens reached this tenant's monthly_tokens of " + q.monthlyTokens());
        }
    }

    /**
     * Checks what a batch asks of its tenant before it is stored: every line's n within {@code max_n} (the first line
     * over it named, and how many are), and tokens left this month. Its concurrency slots are not taken here: each
     * search takes one when it starts, and the batch's own in-flight limit bounds them.
     */
    public void checkBatch(Tenant tenant, List<BatchLine> lines) {
        long maxN = tenant.quotas().maxN();
        List<BatchLine> over = lines.stream().filter(l -> l.config().n() > maxN).toList();
        if (!over.isEmpty()) {
            BatchLine first = over.get(0);
            throwQuota("max_n", maxN, null, "the line with custom_id " + Echo.cut(String.valueOf(first.customId()))
                    + " asks for n=" + first.config().n() + ", more than this tenant's max_n of " + maxN + "; "
                    + over.size() + " of the batch's lines ask for more");
        }
        checkSubmission(tenant, 1);
    }

    /** The SHA-256 of a secret, hex: the key's id. */
    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static <T> T throwQuota(String quota, long limit, Duration retryAfter, String message) {
        throw new QuotaExceededException(quota, limit, retryAfter, message + " (quota " + quota + "=" + limit + ")");
    }
}
