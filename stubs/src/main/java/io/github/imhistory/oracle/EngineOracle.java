package io.github.imhistory.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.KitError;
import io.github.imhistory.contract.check.Lookup;
import io.github.imhistory.contract.check.Reference;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineRequest;
import io.github.imhistory.engine.EngineResponse;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine holding a scenario, as the reference a server is judged against: it receives the same calls as the
 * server, so its request counters (and hence the scripted deviations) move in step. Rate limiting is off (the suite
 * paces itself; the rate-limit burst is judged on its own). Fails fast: an engine exception is a kit error.
 */
public final class EngineOracle implements Lookup {
    private final Scenario scenario;
    private final long sdkappid;
    private final Engine engine;
    private final Set<String> notSyncedToSender = new HashSet<>();
    private Engine probe;

    public EngineOracle(Scenario scenario, long sdkappid, boolean verifyUserSig) {
        this(scenario, sdkappid, verifyUserSig, Clock.systemUTC());
    }

    /** With the engine's clock given (UserSig expiry is judged by it). */
    public EngineOracle(Scenario scenario, long sdkappid, boolean verifyUserSig, Clock clock) {
        this.scenario = scenario;
        this.sdkappid = sdkappid;
        Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false).withVerifyUserSig(verifyUserSig)
                .withJournalSize(0));
        tenants.load(scenario, sdkappid);
        this.engine = new Engine(tenants, clock);
        for (JsonNode m : scenario.dataset().path("c2c")) {
            if (m.path("SyncOtherMachine").asInt(1) == 2) {
                notSyncedToSender.add(Api.ADMIN_GETROAMMSG.profile().key(m));
            }
        }
    }

    /** The engine's answer to {@code call} as a reference: scripted delays are not slept, faults are returned as such. */
    public Reference reference(HttpCall call) {
        EngineResponse r = engine.answer(new EngineRequest(call.method(), call.path(), call.query(), call.body()));
        if (r.fault() != EngineResponse.Fault.NONE) {
            return new Reference(r.status(), r.fault().name(), null);
        }
        if (r.status() != 200) {
            return new Reference(r.status(), null, null);
        }
        try {
            return Reference.answer(Json.WIRE.readTree(r.body()));
        } catch (IOException e) {
            throw new KitError("the engine answered something that is not JSON: " + r.bodyText(), e);
        }
    }

    /**
     * A look-up on the same data without the scripted deviations, in an engine of its own, so that it does not move
     * the counters of {@link #reference}.
     */
    @Override
    public synchronized Optional<JsonNode> answer(Api api, ObjectNode body) {
        if (probe == null) {
            ObjectNode quiet = scenario.json().deepCopy();
            quiet.remove("deviations");
            Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false).withVerifyUserSig(false)
                    .withJournalSize(0));
            tenants.load(quiet, sdkappid);
            probe = new Engine(tenants, Clock.systemUTC());
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("sdkappid", Long.toString(sdkappid));
        query.put("identifier", scenario.tenant().admin());
        query.put("usersig", "unchecked");
        query.put("random", "1");
        query.put("contenttype", "json");
        EngineResponse r = probe.answer(new EngineRequest("POST", api.path(), query,
                Json.compact(body).getBytes(StandardCharsets.UTF_8)));
        try {
            JsonNode json = r.status() == 200 && r.fault() == EngineResponse.Fault.NONE ? Json.WIRE.readTree(r.body()) : null;
            return json != null && json.path("ErrorCode").asInt(-1) == 0 ? Optional.of(json) : Optional.empty();
        } catch (IOException e) {
            throw new KitError("the engine answered something that is not JSON: " + r.bodyText(), e);
        }
    }

    @Override
    public Set<String> notSyncedToSender() {
        return notSyncedToSender;
    }

    public Engine engine() {
        return engine;
    }
}
