package io.github.imhistory.kit.junit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.traffic.TrafficJudge;
import io.github.imhistory.contract.traffic.Verdict;

/** One tenant of a running stub: its endpoint and its traffic. Closing it removes the tenant from the stub. */
public interface StubTenant extends AutoCloseable {
    ImHistoryEndpoint endpoint();

    StubTraffic traffic();

    /** The scenario the tenant holds (a copy). */
    JsonNode scenario();

    /** What {@link TrafficJudge} needs to know about this tenant. */
    TrafficJudge.TenantFacts facts();

    /** The client rules the traffic so far broke, judged for whole-history walks. */
    default Verdict verdict() {
        return TrafficJudge.of(facts(), TrafficJudge.Options.defaults().withBaseUrl(endpoint().baseUrl()))
                .judge(traffic().requests());
    }

    @Override
    void close();
}
