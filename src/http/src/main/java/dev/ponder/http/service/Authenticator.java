package dev.ponder.http.service;

import dev.ponder.engine.account.ApiKey;
import dev.ponder.http.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * Admits a request by its {@code Authorization: Bearer <key>}: the key is looked up by its SHA-256 on every request
 * (a new key works at once, a revoked one stops at once), then the request counts against its tenant's requests
 * per second. Every refusal says the same to the client: no key, an unknown key, a revoked key.
 */
@ApplicationScoped
public class Authenticator {

    /** Longer than any key ponder makes; anything longer is not looked up. */
    private static final int MAX_KEY_CHARS = 256;

    private final EngineHolder engine;
    private final Caller caller;

    @Inject
    public Authenticator(EngineHolder engine, Caller caller) {
        this.engine = engine;
        this.caller = caller;
    }

    /** Sets the {@link Caller}, or throws 401 (no valid key), 429 (requests per second) or 503 (starting). */
    public void admit(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw ApiException.unauthorized("send an API key as Authorization: Bearer <key> (bin/ponder keys create "
                    + "makes one)");
        }
        String secret = authorization.substring("bearer ".length()).strip();
        ApiEngine e = engine.get();
        ApiKey key = secret.isEmpty() || secret.length() > MAX_KEY_CHARS ? null
                : e.accounts().authenticate(secret).filter(k -> !k.revoked()).orElse(null);
        if (key == null) {
            throw ApiException.unauthorized("the API key is unknown or revoked");
        }
        caller.admitted(e.accounts().admit(key.tenant()));
    }
}
