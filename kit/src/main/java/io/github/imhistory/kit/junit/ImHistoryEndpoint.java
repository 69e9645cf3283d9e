package io.github.imhistory.kit.junit;

import io.github.imhistory.contract.Api;

/**
 * Where and as whom a test calls its tenant of the stub: what a client needs to be configured with.
 * Injected into test methods by {@link ImHistoryStubExtension}.
 */
public interface ImHistoryEndpoint {
    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    String baseUrl();

    /** The tenant's own SDKAppID; every test has a different one. */
    long sdkappid();

    /** The App admin account to call as (the scenario's first admin, {@code admin} by default). */
    String identifier();

    /** The tenant's secret key, for clients that sign their own UserSig. */
    String secretKey();

    /** A UserSig for {@link #identifier()} valid from now for one day (TLSSigAPIv2, SIG-ALG-001). */
    String freshUserSig();

    /**
     * The full URL of {@code api} with every query parameter a request needs: sdkappid, identifier, a fresh
     * usersig, a fresh random and contenttype=json (COM-QRY-001).
     */
    String url(Api api);

    /** The ID of the scenario the tenant was loaded from. */
    String scenarioId();
}
