package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.Walker;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.oracle.EngineTransport;
import java.time.Clock;
import java.util.Optional;

/**
 * The few facts about a walk's history that no choice of a client changes, from the scenario walked once in-process
 * with the one {@link Walker}: whether a walk of it fits the suite's bounds at all, and its newest entry, which every
 * whole-history walk must be served (a client that starts below it hands back less than the history). What a client
 * gets is never taken from here: it is judged against what the stub served it ({@link Served}), so its page size,
 * start point and retries are its own business.
 */
final class Oracle {
    private static final long ORACLE_SDKAPPID = 1_400_000_000L;

    /**
     * @param pages     how many pages the walk took at the scenario's own page size
     * @param newestKey the key of the history's newest entry, or empty when the walk ends in a failure first
     */
    record Facts(int pages, Optional<String> newestKey) {}

    private Oracle() {}

    /** Empty when the walk is not one a client can make within {@code maxPages} (or loops). */
    static Optional<Facts> walk(Scenario scenario, Api api, ObjectNode firstBody, int maxPages) {
        Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false).withJournalSize(0));
        tenants.load(scenario, ORACLE_SDKAPPID);
        EngineTransport engine = EngineTransport.of(new Engine(tenants, Clock.systemUTC())).withoutDelays();
        CallFactory calls = CallFactory.signing(scenario.tenant().withSdkappid(ORACLE_SDKAPPID),
                () -> System.currentTimeMillis() / 1000);
        Walker.Result r = new Walker(calls, engine).walk(api, firstBody, maxPages);
        if (r.end() == Walker.End.TOO_LONG || r.end() == Walker.End.LOOPED) {
            return Optional.empty();
        }
        ApiProfile p = api.profile();
        Optional<String> newest = r.answers().stream().findFirst().map(p::entries)
                .map(p::oldestFirst).filter(l -> !l.isEmpty()).map(l -> p.key(l.get(l.size() - 1)));
        return Optional.of(new Facts(r.pages().size(), newest));
    }
}
