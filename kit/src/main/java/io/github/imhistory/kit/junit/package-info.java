/**
 * The JUnit 5 extension: {@link io.github.imhistory.kit.junit.ImHistoryStub} (or
 * {@link io.github.imhistory.kit.junit.ImHistoryStubExtension#builder()}) runs a stub per test class and gives every
 * test its own tenant; tests receive an {@link io.github.imhistory.kit.junit.ImHistoryEndpoint} to point their client
 * at and a {@link io.github.imhistory.kit.junit.StubTraffic} to see what it sent.
 */
package io.github.imhistory.kit.junit;
