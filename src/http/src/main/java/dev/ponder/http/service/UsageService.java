package dev.ponder.http.service;

import dev.ponder.engine.bill.Metered;
import dev.ponder.http.view.BillView;
import dev.ponder.http.view.UsageReport;
import dev.ponder.http.view.UsageView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;

/** The caller's usage over a range of days, and what it costs. */
@ApplicationScoped
public class UsageService {

    private final EngineHolder engine;
    private final Caller caller;

    @Inject
    public UsageService(EngineHolder engine, Caller caller) {
        this.engine = engine;
        this.caller = caller;
    }

    /** Summed over {@code from}..{@code to}, UTC days, inclusive. */
    public UsageReport usage(LocalDate from, LocalDate to) {
        ApiEngine e = engine.get();
        String tenant = caller.tenant().name();
        Metered m = e.accounts().usage(tenant, from, to);
        return new UsageReport(tenant, from, to, UsageView.of(m), BillView.of(e.prices().bill(m)));
    }
}
