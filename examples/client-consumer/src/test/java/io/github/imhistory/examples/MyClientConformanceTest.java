package io.github.imhistory.examples;

import io.github.imhistory.kit.client.ClientConformanceSuite;
import io.github.imhistory.kit.client.ImHistoryClientAdapter;

/**
 * TinyHistoryClient against every applicable walk of the im-history client conformance suite. The report lists one
 * test per rule and walk; official-account walks are skipped with the adapter's reason.
 */
class MyClientConformanceTest extends ClientConformanceSuite {
    @Override
    protected ImHistoryClientAdapter createAdapter() {
        return new TinyClientAdapter();
    }
}
