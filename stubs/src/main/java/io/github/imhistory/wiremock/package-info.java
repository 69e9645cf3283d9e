/**
 * Adapts the engine to WireMock 3: one extension that serves {@code /v4/...} from the engine and {@code /__imhistory/...}
 * as the admin API. The only package (with the kit's JUnit extension) that imports WireMock.
 */
package io.github.imhistory.wiremock;
