package dev.ponder.engine.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ponder.engine.store.AccountStore;
import dev.ponder.engine.store.SearchTable;
import dev.ponder.local.AwsClients;
import dev.ponder.local.EmbeddedStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** API keys and tenants on DynamoDB Local: keys work at once and stop at once, quotas, the request rate. */
class AccountsTest {

    private static final AtomicInteger TABLES = new AtomicInteger();
    /** 12:00:00.250 on a fixed day: every request of a test falls in the same second. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00.250Z"), ZoneOffset.UTC);

    private static EmbeddedStack stack;
    private static DynamoDbClient dynamo;
    private AccountStore store;
    private Accounts accounts;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(EmbeddedStack.Options.inMemory());
        dynamo = AwsClients.dynamo(stack.endpoints());
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        stack.close();
    }

    @BeforeEach
    void table() {
        String table = "accounts-" + TABLES.incrementAndGet();
        SearchTable.createIfAbsent(dynamo, table);
        store = new AccountStore(dynamo, table);
        accounts = new Accounts(store, CLOCK);
    }

    @Test
    void aNewKeyWorksAtOnceAndOnlyItsHashIsStored() {
        NewKey created = accounts.createKey("acme", Quotas.Overrides.NONE);

        assertThat(created.secret()).startsWith("pndr_").hasSizeGreaterThan(40);
        assertThat(accounts.authenticate(created.secret())).contains(created.key());
        assertThat(created.key().id()).hasSize(64).doesNotContain(created.secret());
        assertThat(created.key().hint()).startsWith(created.secret().substring(0, 9))
                .endsWith(created.secret().substring(created.secret().length() - 4)).hasSize(14);
        assertThat(accounts.tenant("acme")).get().extracting(Tenant::quotas).isEqualTo(Quotas.defaults());
    }

    @Test
    void unknownMalformedAndRevokedKeysAreRefused() {
        NewKey created = accounts.createKey("acme", Quotas.Overrides.NONE);

        assertThat(accounts.authenticate(created.secret() + "x")).isEmpty();
        assertThat(accounts.authenticate("sk-" + created.secret())).isEmpty();
        assertThat(accounts.authenticate(null)).isEmpty();
        assertThat(accounts.authenticate("pndr_" + "a".repeat(500))).isEmpty();

        assertThat(accounts.revoke(created.key().id().substring(0, 10))).get().extracting(ApiKey::revoked)
                .isEqualTo(true);
        assertThat(accounts.authenticate(created.secret())).isEmpty();
        assertThat(accounts.keys()).singleElement().extracting(ApiKey::revoked).isEqualTo(true);
    }

    @Test
    void revokingNeedsAnUnambiguousIdOfAtLeastEightCharacters() {
        accounts.createKey("acme", Quotas.Overrides.NONE);

        assertThatThrownBy(() -> accounts.revoke("abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 8 characters");
        assertThat(accounts.revoke("ffffffffffffffffff")).isEmpty();
    }

    @Test
    void keysAreListedNewestFirstAndAnotherKeyChangesOnlyTheQuotasItNames() {
        Clock later = Clock.offset(CLOCK, Duration.ofSeconds(5));
        NewKey first = accounts.createKey("acme", new Quotas.Overrides(2, null, null, null));
        NewKey second = new Accounts(store, later).createKey("acme", new Quotas.Overrides(null, 64, null, null));

        assertThat(accounts.keys()).extracting(ApiKey::id).containsExactly(second.key().id(), first.key().id());
        assertThat(accounts.tenant("acme")).get().extracting(Tenant::quotas)
                .isEqualTo(new Quotas(2, 64, Quotas.defaults().monthlyTokens(), Quotas.defaults().requestsPerSecond()));
    }

    @Test
    void badTenantNamesAndQuotasAreRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> accounts.createKey("a b", Quotas.Overrides.NONE))
                .hasMessageContaining("tenant must be 1 to 64 letters");
        assertThatThrownBy(() -> accounts.createKey("acme", new Quotas.Overrides(0, null, null, null)))
                .hasMessage("max_concurrent must be at least 1 (got 0)");
        assertThat(accounts.keys()).isEmpty();
        assertThat(accounts.tenant("acme")).isEmpty();
    }

    @Test
    void requestsBeyondTheRatePerSecondAreRefusedUntilTheNextSecond() {
        accounts.createKey("acme", new Quotas.Overrides(null, null, null, 3));

        for (int i = 0; i < 3; i++) {
            assertThat(accounts.admit("acme").name()).isEqualTo("acme");
        }
        assertThatThrownBy(() -> accounts.admit("acme")).isInstanceOfSatisfying(QuotaExceededException.class, e -> {
            assertThat(e.quota()).isEqualTo("requests_per_second");
            assertThat(e.limit()).isEqualTo(3);
            assertThat(e.retryAfter()).contains(Duration.ofMillis(750));
            assertThat(e.getMessage()).contains("requests_per_second=3");
        });
        Accounts nextSecond = new Accounts(store, Clock.offset(CLOCK, Duration.ofSeconds(1)));
        assertThat(nextSecond.admit("acme").name()).isEqualTo("acme");
    }

    @Test
    void aSearchAskingMoreThanMaxNIsRefusedWithoutAWait() {
        accounts.createKey("acme", new Quotas.Overrides(null, 16, null, null));
        Tenant acme = accounts.tenant("acme").orElseThrow();

        accounts.checkSubmission(acme, 16);
        assertThatThrownBy(() -> accounts.checkSubmission(acme, 17))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.quota()).isEqualTo("max_n");
                    assertThat(e.retryAfter()).isEmpty();
                    assertThat(e.getMessage()).isEqualTo("n=17 is more than this tenant's max_n of 16 (quota max_n=16)");
                });
    }
}
