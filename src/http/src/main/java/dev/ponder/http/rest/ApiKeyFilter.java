package dev.ponder.http.rest;

import dev.ponder.http.service.Authenticator;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /v1} request needs an API key, checked before matching, so an unknown {@code /v1} path tells a
 * caller without a key nothing either. {@code /q/*} (health, metrics, OpenAPI) are not JAX-RS routes and need none.
 */
public class ApiKeyFilter {

    private final Authenticator authenticator;

    @Inject
    public ApiKeyFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @ServerRequestFilter(preMatching = true)
    public void authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().normalize().getPath().toLowerCase(Locale.ROOT);
        if (path.equals("/v1") || path.startsWith("/v1/")) {
            authenticator.admit(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        }
    }
}
