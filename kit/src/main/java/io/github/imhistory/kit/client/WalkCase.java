package io.github.imhistory.kit.client;

import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * One walk the suite has an adapter make: a scenario loaded into a fresh tenant, and what to pull from it; usually
 * one pull, several at once (through one adapter) for the rate walk.
 *
 * @param name  the walk's name in the scenario (or the exchange it comes from)
 * @param parts what to pull, with the facts of its history no client choice changes (computed once)
 * @param paged whether the suite drives it page by page through {@link ImHistoryClientAdapter#pullPage}
 * @param rate  whether it exists to show the client keeps to 200 requests per second (more than 200 requests)
 */
record WalkCase(String scenarioId, Scenario scenario, String name, List<Part> parts, boolean paged, boolean rate) {
    record Part(Pull pull, Oracle.Facts facts) {}

    WalkCase {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a walk needs at least one pull");
        }
    }

    static WalkCase single(String scenarioId, Scenario scenario, String name, Pull pull, Oracle.Facts facts,
                           boolean paged) {
        return new WalkCase(scenarioId, scenario, name, List.of(new Part(pull, facts)), paged, false);
    }

    Api api() {
        return pull().api();
    }

    Pull pull() {
        return parts.get(0).pull();
    }

    /** {@code c2c-doc-two-pages: walk of the documented request (user2/user1 ..., MaxCnt 100)}. */
    String displayName() {
        String more = parts.size() > 1 ? " and " + (parts.size() - 1) + " more at once" : "";
        return scenarioId + ": " + name + " (" + Pulls.describe(pull()) + more + (paged ? ", page by page" : "") + ")";
    }

    /** The capabilities the walk needs. */
    List<Capability> needs() {
        List<Capability> out = new ArrayList<>();
        Pull pull = pull();
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

    /** Whether the scenario scripts a deviation of this kind (e.g. a latency). */
    boolean scripts(Class<? extends Scenario.Action> kind) {
        return scenario.scripts(kind);
    }
}
