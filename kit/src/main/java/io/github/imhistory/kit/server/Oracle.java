package io.github.imhistory.kit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineRequest;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine, in-process, holding the same scenario as the server and receiving the same calls, so that its
 * request counters (and hence scripted deviations) move in step with the server's. Rate limiting is off here: the
 * suite paces itself, and the rate-limit burst is judged by its own rule.
 */
final class Oracle {
    private final JsonNode scenario;
    private final long sdkappid;
    private final String admin;
    private final Engine engine;
    private Engine probe;

    Oracle(JsonNode adaptedScenario, long sdkappid, String admin, boolean verifyUserSig) {
        this.scenario = adaptedScenario;
        this.sdkappid = sdkappid;
        this.admin = admin;
        Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false).withVerifyUserSig(verifyUserSig)
                .withJournalSize(0));
        tenants.load(adaptedScenario, sdkappid);
        this.engine = new Engine(tenants, Clock.systemUTC());
    }

    /** The engine's answer to {@code call}; scripted delays are not slept, faults are returned as such. */
    Expected answer(HttpCall call) {
        return Expected.of(engine.handle(new EngineRequest(call.method(), call.path(), call.query(), call.body())));
    }

    /**
     * A look-up for classifying a difference (e.g. "is this seq a recalled message?"): the same data without
     * deviations, in an engine of its own, so that the look-up does not move the counters of {@link #answer}.
     * Returns the success answer, or null.
     */
    JsonNode lookUp(Api api, ObjectNode body) {
        if (probe == null) {
            ObjectNode quiet = scenario.deepCopy();
            quiet.remove("deviations");
            Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false).withVerifyUserSig(false)
                    .withJournalSize(0));
            tenants.load(quiet, sdkappid);
            probe = new Engine(tenants, Clock.systemUTC());
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("sdkappid", Long.toString(sdkappid));
        query.put("identifier", admin);
        query.put("usersig", "unchecked");
        query.put("random", "1");
        query.put("contenttype", "json");
        Expected e = Expected.of(probe.handle(new EngineRequest("POST", api.path(), query,
                Json.compact(body).getBytes(StandardCharsets.UTF_8))));
        return e.success() ? e.json() : null;
    }
}
