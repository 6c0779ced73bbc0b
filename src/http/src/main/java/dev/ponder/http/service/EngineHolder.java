package dev.ponder.http.service;

import dev.ponder.http.problem.ApiException;
import jakarta.inject.Singleton;

/**
 * Where the resources find the engine. The HTTP server may take requests before the deployable has opened its
 * store (ponder serve starts its stack after Quarkus starts): those are answered 503 with {@code Retry-After}.
 */
@Singleton
public class EngineHolder {

    private volatile ApiEngine engine;

    /** Starts serving requests from {@code ready}. */
    public void serve(ApiEngine ready) {
        engine = ready;
    }

    /** Stops serving: later requests are answered 503 until {@link #serve} again. */
    public void stop() {
        engine = null;
    }

    /** The engine; throws the 503 while there is none. */
    public ApiEngine get() {
        ApiEngine e = engine;
        if (e == null) {
            throw ApiException.starting();
        }
        return e;
    }
}
