package dev.ponder.engine.account;

/**
 * Who pays: the owner of API keys and searches.
 *
 * @param name      the tenant's name
 * @param quotas    its limits
 * @param running   searches it holds a concurrency slot for
 * @param createdMs when it was created
 */
public record Tenant(String name, Quotas quotas, long running, long createdMs) {
}
