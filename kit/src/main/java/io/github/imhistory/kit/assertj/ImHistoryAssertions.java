package io.github.imhistory.kit.assertj;

import io.github.imhistory.contract.traffic.Page;
import io.github.imhistory.contract.traffic.Walk;
import io.github.imhistory.kit.junit.StubTraffic;

/**
 * Entry point of the im-history assertions:
 * <pre>
 * assertThat(traffic.walk()).hasPages(2).followsTheContinuationProtocol().hasNoDuplicateKeys().reachesTheEnd();
 * assertThat(traffic.walk().pages().get(1)).isSuccess().hasKeys("1_1_1584669601", ...);
 * </pre>
 */
public final class ImHistoryAssertions {
    private ImHistoryAssertions() {}

    public static PageAssert assertThat(Page page) {
        return new PageAssert(page);
    }

    public static WalkAssert assertThat(Walk walk) {
        return new WalkAssert(walk);
    }

    /** The only walk of a tenant's traffic. */
    public static WalkAssert assertThat(StubTraffic traffic) {
        return new WalkAssert(traffic.walk());
    }
}
