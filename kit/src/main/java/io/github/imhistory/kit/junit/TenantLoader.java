package io.github.imhistory.kit.junit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Makes fresh tenants on a running stub, each with its own SDKAppID, e.g. one per scenario walk of a suite.
 * Injected by {@link ImHistoryStubExtension}.
 */
public interface TenantLoader {
    /**
     * A new tenant holding a scenario: a bundled scenario ID ({@code c2c-doc-two-pages}), a classpath resource
     * or a file path.
     */
    StubTenant load(String scenario);

    /** A new tenant holding this scenario document (validated against scenario.schema.json first). */
    StubTenant load(JsonNode scenario);

    /** The stub's base URL. */
    String baseUrl();
}
