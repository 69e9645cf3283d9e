/**
 * Judging a client from the requests a stub received: {@link io.github.imhistory.contract.traffic.TrafficJudge}
 * over {@link io.github.imhistory.contract.traffic.RecordedRequest}s, giving a
 * {@link io.github.imhistory.contract.traffic.Verdict} of {@link io.github.imhistory.contract.traffic.Finding}s
 * and the {@link io.github.imhistory.contract.traffic.Walk}s the traffic falls into.
 *
 * <p>It depends only on {@code io.github.imhistory.contract} and Jackson. The kit's client suite and the stub's
 * per-tenant verdicts (for clients not written in Java) both judge the engine's journal of a tenant with it.
 */
package io.github.imhistory.contract.traffic;
