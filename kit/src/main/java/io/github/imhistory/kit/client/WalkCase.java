package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import java.util.ArrayList;
import java.util.List;

/**
 * One walk the suite has an adapter make: a scenario loaded into a fresh tenant, and what to pull from it.
 *
 * @param name   the walk's name in the scenario (or the exchange it comes from)
 * @param paged  whether the suite drives it page by page through {@link ImHistoryClientAdapter#pullPage}
 * @param rate     whether it exists to show the client keeps to 200 requests per second (more than 200 pages)
 * @param expected what a correct client gets (deterministic, so computed once)
 */
record WalkCase(String scenarioId, JsonNode scenario, String name, Pull pull, boolean paged, boolean rate,
                Oracle.ExpectedWalk expected) {
    Api api() {
        return pull.api();
    }

    /** {@code c2c-doc-two-pages: walk of the documented request (user2/user1 ..., MaxCnt 100)}. */
    String displayName() {
        return scenarioId + ": " + name + " (" + Pulls.describe(pull) + (paged ? ", page by page" : "") + ")";
    }

    /** The capabilities the walk needs. */
    List<Capability> needs() {
        List<Capability> out = new ArrayList<>();
        if (pull instanceof C2cPull) {
            out.add(Capability.C2C);
        } else if (pull instanceof GroupPull g) {
            out.add(Capability.GROUP);
            if (g.topicId() != null) {
                out.add(Capability.GROUP_TOPIC);
            }
            if (g.withRecalledMsg()) {
                out.add(Capability.GROUP_WITH_RECALLED);
            }
        } else if (pull instanceof OfficialAccountPull o) {
            out.add(Capability.OFFICIAL_ACCOUNT);
            if (o.withRecalledMsg()) {
                out.add(Capability.OFFICIAL_ACCOUNT_WITH_RECALLED);
            }
        }
        if (paged) {
            out.add(Capability.SINGLE_PAGE);
        }
        return out;
    }

    /** Whether the scenario scripts a latency (COM-TIMEOUT-001) or faults and error codes. */
    boolean scripts(String action) {
        for (JsonNode d : scenario.path("deviations")) {
            if (d.path("action").has(action)) {
                return true;
            }
        }
        return false;
    }
}
