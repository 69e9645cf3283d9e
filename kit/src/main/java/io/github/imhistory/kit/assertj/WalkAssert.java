package io.github.imhistory.kit.assertj;

import io.github.imhistory.contract.traffic.Walk;

/** {@link AbstractWalkAssert} for a {@link Walk}; get one from {@link ImHistoryAssertions#assertThat(Walk)}. */
public class WalkAssert extends AbstractWalkAssert<WalkAssert> {
    public WalkAssert(Walk actual) {
        super(actual, WalkAssert.class);
    }
}
