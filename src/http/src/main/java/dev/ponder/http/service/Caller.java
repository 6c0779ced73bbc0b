package dev.ponder.http.service;

import dev.ponder.engine.account.Tenant;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling: set by the API key filter on every {@code /v1} request, read by the services. */
@RequestScoped
public class Caller {

    private Tenant tenant;

    void admitted(Tenant admitted) {
        this.tenant = admitted;
    }

    /** The caller's tenant, with its quotas as they stood when the request was admitted. */
    public Tenant tenant() {
        if (tenant == null) {
            throw new IllegalStateException("no caller: the API key filter did not run for this request");
        }
        return tenant;
    }
}
