/**
 * The packaged client conformance suite: subclass {@link io.github.imhistory.kit.client.ClientConformanceSuite},
 * implement an {@link io.github.imhistory.kit.client.ImHistoryClientAdapter} around your client, and every walk of
 * the bundled scenarios is judged rule by rule. The traffic judging itself lives in
 * {@link io.github.imhistory.contract.traffic}.
 */
package io.github.imhistory.kit.client;
