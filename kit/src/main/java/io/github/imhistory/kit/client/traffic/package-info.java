/**
 * Judging a client from the requests a stub received: {@link io.github.imhistory.kit.client.traffic.TrafficJudge}
 * over {@link io.github.imhistory.kit.client.traffic.RecordedRequest}s, giving a
 * {@link io.github.imhistory.kit.client.traffic.Verdict} of {@link io.github.imhistory.kit.client.traffic.Finding}s
 * and the {@link io.github.imhistory.kit.client.traffic.Walk}s the traffic falls into.
 *
 * <p>This package depends only on {@code io.github.imhistory.contract} and Jackson, so that it can move into the
 * stubs module as it is and serve the standalone stub's per-tenant verdicts to clients not written in Java.
 */
package io.github.imhistory.kit.client.traffic;
