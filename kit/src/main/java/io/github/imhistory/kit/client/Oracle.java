package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.Walker;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.oracle.EngineTransport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a correct client gets from a walk: the same scenario walked in-process on the engine with the one
 * {@link Walker}, as a fresh stub tenant would answer it. Scripted delays are not slept (the answers are the same);
 * rate limiting is off (a correct client never meets it, and the oracle is faster than one).
 */
final class Oracle {
    private static final long ORACLE_SDKAPPID = 1_400_000_000L;

    /**
     * @param answers   the successful answers, in walk order
     * @param entries   every entry, oldest first
     * @param errorCode 0 when the walk reached the end; the code that ended it; -1 for a network failure or HTTP error
     *                  that outlasted the retries
     * @param failures  why each failed attempt failed ("ErrorCode 91000", "HTTP 502", "network fault")
     * @param permanent whether a failure was one a retry cannot help
     */
    record ExpectedWalk(Api api, List<JsonNode> answers, List<JsonNode> entries, int errorCode, List<String> failures,
                        boolean permanent, int requests) {
        boolean succeeded() {
            return errorCode == 0;
        }

        /** The pages' entries, each page oldest first, pages in walk order (newest page first). */
        List<List<JsonNode>> pageEntries() {
            List<List<JsonNode>> out = new ArrayList<>();
            answers.forEach(a -> out.add(api.profile().oldestFirst(api.profile().entries(a))));
            return out;
        }
    }

    private Oracle() {}

    /**
     * @param maxPages the walk is abandoned (empty) after this many pages: a group whose newest seq is in the
     *                 billions is not a whole-history walk anybody makes
     */
    static Optional<ExpectedWalk> walk(Scenario scenario, Api api, ObjectNode firstBody, int maxPages) {
        Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false).withJournalSize(0));
        tenants.load(scenario, ORACLE_SDKAPPID);
        EngineTransport engine = EngineTransport.of(new Engine(tenants, Clock.systemUTC())).withoutDelays();
        CallFactory calls = CallFactory.signing(scenario.tenant().withSdkappid(ORACLE_SDKAPPID),
                () -> System.currentTimeMillis() / 1000);
        Walker.Result r = new Walker(calls, engine).walk(api, firstBody, maxPages);
        if (r.end() == Walker.End.TOO_LONG || r.end() == Walker.End.LOOPED) {
            return Optional.empty();
        }
        List<String> failures = new ArrayList<>();
        boolean permanent = false;
        for (Walker.Attempt a : r.failures()) {
            failures.add(a.answer() == null || a.json() == null || a.answer().status() != 200
                    ? "a network fault or HTTP error" : "ErrorCode " + a.errorCode());
            permanent |= !a.transientFailure();
        }
        int code = r.end() == Walker.End.COMPLETE ? 0 : r.last().json() == null || r.last().answer().status() != 200
                ? -1 : r.last().errorCode();
        return Optional.of(new ExpectedWalk(api, r.answers(), r.history(), code, failures, permanent,
                r.attempts().size()));
    }
}
