package dev.ponder.http.service;

import dev.ponder.engine.account.Accounts;
import dev.ponder.engine.bill.PriceTable;
import dev.ponder.engine.stage.Batches;
import dev.ponder.engine.stage.Searches;
import dev.ponder.engine.store.FrontierStore;

/**
 * The engine the API serves from, built by each deployable: the Lambda app at start-up from its configuration,
 * {@code ponder serve} once its embedded stack is up.
 *
 * @param sampleChunk the pipeline's prompts per policy call (what a dry run's estimate assumes)
 * @param scoreChunk  the pipeline's candidates per PRM call
 */
public record ApiEngine(Searches searches, Batches batches, FrontierStore store, PriceTable prices, int sampleChunk,
                        int scoreChunk) {

    /** The tenants and API keys, in the same table. */
    public Accounts accounts() {
        return searches.accounts();
    }
}
