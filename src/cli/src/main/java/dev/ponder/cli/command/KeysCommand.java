package dev.ponder.cli.command;

import dev.ponder.cli.io.BadInputException;
import dev.ponder.cli.pipeline.EmbeddedPipeline;
import dev.ponder.engine.account.Accounts;
import dev.ponder.engine.account.ApiKey;
import dev.ponder.engine.account.NewKey;
import dev.ponder.engine.account.Quotas;
import dev.ponder.engine.account.Tenant;
import dev.ponder.engine.store.AccountStore;
import jakarta.enterprise.context.Dependent;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * {@code ponder keys}: the API keys of the store's tenants. Each subcommand joins the stack a running
 * {@code ponder serve} keeps on the store folder (or starts one), so a new key works on the server at once; with
 * {@code --aws-table} it works on a deployed stack's table instead, with the AWS SDK's credentials.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Create, list and revoke API keys (only a key's SHA-256 is stored).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public class KeysCommand {

    /** What every subcommand shares: the accounts of the store (as {@code searches} opens it) or of a table. */
    abstract static class OnAccounts extends OnStore {

        @Option(names = "--aws-table", paramLabel = "NAME", description = "A deployed stack's DynamoDB table "
                + "(Terraform's table_name output) instead of the store; credentials and region from the AWS "
                + "SDK's default chains (AWS_PROFILE, AWS_REGION, ...).")
        String awsTable;

        @Option(names = "--aws-region", paramLabel = "REGION", description = "The table's region (default: the "
                + "SDK's, e.g. AWS_REGION).")
        String awsRegion;

        @Option(names = "--aws-endpoint", paramLabel = "URL", description = "DynamoDB's endpoint (default: AWS's "
                + "for the region; e.g. a VPC endpoint, or DynamoDB Local).")
        URI awsEndpoint;

        /**
         * The accounts to work on and where they live, closed after the command.
         *
         * @param where    where they live, for messages ({@code the store <dir>}, {@code the DynamoDB table <t>})
         * @param resource what to close: the embedded pipeline, or the DynamoDB client
         */
        record Opened(Accounts accounts, String where, AutoCloseable resource) implements AutoCloseable {
            @Override
            public void close() throws Exception {
                resource.close();
            }
        }

        Opened accounts() {
            if (awsTable != null) {
                DynamoDbClientBuilder builder = DynamoDbClient.builder()
                        .httpClientBuilder(UrlConnectionHttpClient.builder());
                if (awsRegion != null) {
                    builder.region(Region.of(awsRegion));
                }
                if (awsEndpoint != null) {
                    builder.endpointOverride(awsEndpoint);
                }
                DynamoDbClient dynamo = builder.build();
                return new Opened(new Accounts(new AccountStore(dynamo, awsTable), Clock.systemUTC()),
                        "the DynamoDB table " + awsTable, dynamo);
            }
            EmbeddedPipeline pipeline = open();
            return new Opened(pipeline.searches().accounts(), "the store " + pipeline.storeDescription(), pipeline);
        }
    }

    @Dependent
    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = "A new key for a tenant (created with default quotas if new; the options change its "
                    + "quotas). The key is printed once: only its SHA-256 is kept.")
    public static class Create extends OnAccounts implements Callable<Integer> {

        @Option(names = "--tenant", required = true, paramLabel = "NAME",
                description = "The tenant: 1 to 64 letters, digits, '.', '-' or '_'.")
        String tenant;

        @Option(names = "--max-concurrent", paramLabel = "N", description = "Searches at once (default 4).")
        Integer maxConcurrent;

        @Option(names = "--max-n", paramLabel = "N", description = "The largest n of one search (default 256).")
        Integer maxN;

        @Option(names = "--monthly-tokens", paramLabel = "N",
                description = "Tokens a calendar month, UTC (default 20,000,000).")
        Long monthlyTokens;

        @Option(names = "--rps", paramLabel = "N", description = "API requests a second (default 10).")
        Integer rps;

        @Override
        public Integer call() throws Exception {
            try (Opened opened = accounts()) {
                Accounts accounts = opened.accounts();
                NewKey created = accounts.createKey(tenant, new Quotas.Overrides(maxConcurrent, maxN, monthlyTokens,
                        rps));
                Quotas q = accounts.tenant(tenant).map(Tenant::quotas).orElseThrow(() -> new IllegalStateException(
                        "tenant " + tenant + " was not stored"));
                PrintWriter out = out();
                out.println(created.secret());
                out.flush();
                spec.commandLine().getErr().printf("key %s for tenant %s (max_concurrent=%d max_n=%d "
                                + "monthly_tokens=%d requests_per_second=%d) in %s. It is shown only "
                                + "this once: keep it.%n", created.key().id().substring(0, 12), tenant,
                        q.maxConcurrent(), q.maxN(), q.monthlyTokens(), q.requestsPerSecond(), opened.where());
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }

    @Dependent
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every key, newest first.")
    public static class ListKeys extends OnAccounts implements Callable<Integer> {

        @Override
        public Integer call() throws Exception {
            try (Opened opened = accounts()) {
                List<ApiKey> keys = opened.accounts().keys();
                PrintWriter out = out();
                out.printf("%-16s  %-20s  %-16s  %-19s  %s%n", "ID", "TENANT", "KEY", "CREATED", "REVOKED");
                for (ApiKey k : keys) {
                    out.printf("%-16s  %-20s  %-16s  %-19s  %s%n", k.id().substring(0, 16), k.tenant(), k.hint(),
                            time(k.createdMs()), k.revokedMs() == null ? "-" : time(k.revokedMs()));
                }
                if (keys.isEmpty()) {
                    out.println("(no keys in " + opened.where() + ")");
                }
                out.flush();
            }
            return 0;
        }
    }

    @Dependent
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key: the server refuses it from the next request on.")
    public static class Revoke extends OnAccounts implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "ID", description = "The key's id, or its first 8 or more characters "
                + "(keys list shows them).")
        String id;

        @Override
        public Integer call() throws Exception {
            try (Opened opened = accounts()) {
                ApiKey key = opened.accounts().revoke(id).orElseThrow(() -> new BadInputException("no key " + id
                        + " in " + opened.where()));
                out().printf("key %s of tenant %s revoked%n", key.id().substring(0, 16), key.tenant());
                out().flush();
            }
            return 0;
        }
    }
}
