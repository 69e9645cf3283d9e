package io.github.imhistory.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.ContractException;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Uint32;
import io.github.imhistory.contract.check.Reference;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineRequest;
import io.github.imhistory.engine.EngineResponse;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The refusals a request earns by its form alone: the engine over a tenant made from the request itself (its
 * sdkappid, its identifier as admin, every account, group, topic and official account it names existing), so that
 * what the engine still refuses is refused whatever the server stores: a malformed query or body, another method, a
 * bad UserSig when the key is known. What depends on stored data (an unknown group, a non-admin identifier, an
 * account that does not exist) is accepted here, and so never judged. A checking proxy and the probe judge
 * answers to such requests against this reference; anything the engine accepts gets no reference. The probe also
 * asks for a tenant that holds no group or official account ({@link #refusalOfUnknownTarget}).
 */
public final class RequestOracle {
    private RequestOracle() {}

    /**
     * The engine's refusal of {@code call}, or empty when it accepts the call (or cannot tell).
     *
     * @param secretKey the app's key when known: UserSigs are then judged too
     */
    public static Optional<Reference> refusal(HttpCall call, Optional<String> secretKey, Clock clock) {
        return refusal(call, secretKey, clock, true);
    }

    /**
     * The engine's refusal of {@code call} when the tenant holds no group and no official account: the reference for
     * a request naming a GroupId or Official_Account no server holds (one the probe made up), so that its documented
     * code (10010) is due whatever else the server stores.
     */
    public static Optional<Reference> refusalOfUnknownTarget(HttpCall call, Optional<String> secretKey, Clock clock) {
        return refusal(call, secretKey, clock, false);
    }

    private static Optional<Reference> refusal(HttpCall call, Optional<String> secretKey, Clock clock, boolean targets) {
        long app = Uint32.parse(call.query().get("sdkappid"));
        Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false)
                .withVerifyUserSig(secretKey.isPresent()).withJournalSize(0));
        if (app >= 0) {
            try {
                tenants.load(tenantFor(call, app, secretKey, targets), app);
            } catch (ContractException e) {
                return Optional.empty(); // names the request cannot stand for in a scenario: nothing to judge by
            }
        }
        EngineResponse r = new Engine(tenants, clock).answer(new EngineRequest(call.method(), call.path(), call.query(),
                call.body()));
        if (r.status() != 200 || r.fault() != EngineResponse.Fault.NONE || r.errorCode() == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Reference.answer(Json.WIRE.readTree(r.body())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode tenantFor(HttpCall call, long app, Optional<String> secretKey, boolean targets) {
        JsonNode body = bodyOf(call);
        ObjectNode s = Json.object();
        s.put("id", "request-only");
        s.put("title", "what a request names, existing");
        s.put("source", "inferred: the request alone");
        s.putArray("rules").add(RuleId.COM_ENV_001.id());
        ObjectNode tenant = s.putObject("tenant");
        tenant.put("sdkappid", app);
        String identifier = call.query().getOrDefault("identifier", "");
        tenant.putArray("admins").add(identifier.isEmpty() ? "admin" : identifier);
        secretKey.ifPresent(k -> tenant.put("secretKey", k));
        tenant.put("verifyUserSig", secretKey.isPresent());
        tenant.put("rateLimit", false);
        ArrayNode accounts = tenant.putArray("accounts");
        for (String field : new String[] {"From_Account", "To_Account", "Operator_Account", "Peer_Account"}) {
            if (!body.path(field).asText("").isEmpty()) {
                accounts.add(body.path(field).asText());
            }
        }
        ObjectNode dataset = s.putObject("dataset");
        if (!targets) {
            return s;
        }
        String group = body.path("GroupId").asText("");
        if (!group.isEmpty()) {
            ObjectNode g = dataset.putArray("groups").addObject().put("GroupId", group);
            String topic = body.path("TopicId").isTextual() ? body.path("TopicId").asText() : "";
            g.put("Type", topic.isEmpty() ? "Public" : "Community");
            if (!topic.isEmpty()) {
                g.put("TopicsEnabled", true);
                g.putArray("topics").addObject().put("TopicId", topic);
            }
        }
        String account = body.path("Official_Account").asText("");
        if (!account.isEmpty()) {
            dataset.putArray("officialAccounts").addObject().put("Official_Account", account);
        }
        return s;
    }

    private static JsonNode bodyOf(HttpCall call) {
        try {
            JsonNode n = Json.WIRE.readTree(call.body());
            return n != null && n.isObject() ? n : Json.object();
        } catch (IOException e) {
            return Json.object();
        }
    }
}
