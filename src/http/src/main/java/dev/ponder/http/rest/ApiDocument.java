package dev.ponder.http.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's head: what the API is, and its one security scheme (API keys as bearer tokens). SmallRye
 * OpenAPI reads these annotations from the JAX-RS application class; it adds no path and keeps every resource.
 */
@OpenAPIDefinition(info = @Info(title = "ponder", version = "1", description = "Test-time-compute search for "
        + "LLMs, pay per request: submit a search, poll it, list, cancel; usage and its bill. Errors are RFC 9457 "
        + "problem details (application/problem+json)."))
@SecurityScheme(securitySchemeName = ApiDocument.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key from bin/ponder keys create: Authorization: Bearer <key>")
public class ApiDocument extends Application {

    /** The security scheme's name, which every /v1 resource requires. */
    static final String BEARER = "api_key";
}
