package io.github.imhistory.wiremock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.engine.Holdings;
import io.github.imhistory.engine.Tenant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What a scenario holds, as a frontend developer needs it to ask for something: the accounts, the one-to-one
 * conversations with their time windows, the groups (and topics) and official accounts with their newest MsgSeq, the
 * scripted deviations, and one ready request per API, with when its walk ends. {@code GET /__imhistory/scenarios/{id}}
 * and {@code GET /__imhistory/tenants/{sdkappid}/scenario} answer it; the admin page shows it.
 */
public final class ScenarioSummary {
    /** When each API's walk ends: the continuation and the stop condition of its profile, for people. */
    static final Map<Api, String> WALK_ENDS = Map.of(
            Api.ADMIN_GETROAMMSG, "Continue with MaxTime := LastMsgTime and LastMsgKey := LastMsgKey (same accounts and"
                    + " MinTime) until an answer says Complete: 1.",
            Api.GROUP_MSG_GET_SIMPLE, "Continue with ReqMsgSeq := the smallest MsgSeq returned - 1 until an answer"
                    + " returns MsgSeq 1 or an empty RspMsgList. IsFinished is 1 on ordinary pages: it says the requested"
                    + " interval was answered, not that history ended.",
            Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE, "Continue with LastMsgKey := the answer's LastMsgKey until an answer"
                    + " returns MsgSeq 1, an empty RspMsgList or IsFinished: 2. IsFinished is 1 on ordinary pages.");

    /** Groups of these types answer an error, so they get a ready request only when nothing else does. */
    private static final Set<String> NO_HISTORY_TYPES = Set.of("AVChatRoom", "BChatRoom");

    private ScenarioSummary() {}

    /**
     * @param tenant  a tenant holding the scenario (its data as loaded, its settings)
     * @param servedOn every sdkappid serving this scenario, for a bundled scenario's summary; empty for a tenant's own
     */
    static ObjectNode of(Tenant tenant, Collection<Long> servedOn) {
        Scenario s = tenant.scenario();
        Holdings h = tenant.holdings();
        ObjectNode o = Json.object();
        o.put("scenario", s.id()).put("title", s.title()).put("source", s.source());
        if (s.json().hasNonNull("description")) {
            o.put("description", s.json().get("description").asText());
        }
        o.put("sdkappid", tenant.sdkappid());
        if (!servedOn.isEmpty()) {
            ArrayNode served = o.putArray("servedOn");
            servedOn.stream().sorted().forEach(served::add);
        }
        ArrayNode rules = o.putArray("rules");
        s.rules().stream().map(RuleId::id).forEach(rules::add);
        o.set("admins", Json.WIRE.valueToTree(s.tenant().admins()));
        o.put("verifyUserSig", tenant.verifiesUserSig()).put("rateLimit", tenant.limitsRate());
        o.set("accounts", Json.WIRE.valueToTree(h.accounts()));
        ArrayNode conversations = o.putArray("conversations");
        for (Holdings.ConversationHolding c : h.conversations()) {
            conversations.addObject().put("account", c.account()).put("peer", c.peer()).put("messages", c.messages())
                    .put("firstTime", c.firstTime()).put("lastTime", c.lastTime());
        }
        ArrayNode groups = o.putArray("groups");
        for (Holdings.SeqHolding g : h.groups()) {
            ObjectNode go = groups.addObject().put("GroupId", g.id()).put("Type", g.type()).put("dismissed", g.dismissed())
                    .put("newestSeq", g.newestSeq()).put("entries", g.entries());
            ArrayNode topics = go.putArray("topics");
            g.topics().forEach(t -> topics.addObject().put("TopicId", t.id()).put("newestSeq", t.newestSeq())
                    .put("entries", t.entries()));
        }
        ArrayNode accounts = o.putArray("officialAccounts");
        h.officialAccounts().forEach(a -> accounts.addObject().put("Official_Account", a.id())
                .put("newestSeq", a.newestSeq()).put("entries", a.entries()));
        o.put("exchanges", s.exchanges().size()).put("walks", s.walks().size());
        o.set("deviations", s.json().path("deviations").isArray() ? s.json().get("deviations").deepCopy() : Json.NODES.arrayNode());
        o.set("requests", requests(tenant, h));
        return o;
    }

    /**
     * One ready request per API the data can answer (api, path, query without {@code random}, body, walkEnds): what the
     * admin page sends and the standalone's banner prints.
     */
    public static ArrayNode readyRequests(Tenant tenant) {
        return requests(tenant, tenant.holdings());
    }

    /** One ready request per API the data can answer: the first conversation's window, the first group, the first account. */
    private static ArrayNode requests(Tenant tenant, Holdings h) {
        ArrayNode out = Json.NODES.arrayNode();
        if (!h.conversations().isEmpty()) {
            Holdings.ConversationHolding c = h.conversations().get(0);
            add(out, tenant, Api.ADMIN_GETROAMMSG, Json.object().put("From_Account", c.account()).put("To_Account", c.peer())
                    .put("MaxCnt", 20).put("MinTime", c.firstTime()).put("MaxTime", c.lastTime()));
        }
        h.groups().stream().filter(g -> !g.dismissed() && !NO_HISTORY_TYPES.contains(g.type())).findFirst()
                .or(() -> h.groups().stream().findFirst())
                .ifPresent(g -> add(out, tenant, Api.GROUP_MSG_GET_SIMPLE, Json.object().put("GroupId", g.id()).put("ReqMsgNumber", 20)));
        h.officialAccounts().stream().findFirst().ifPresent(a -> add(out, tenant, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE,
                Json.object().put("Official_Account", a.id()).put("ReqMsgNumber", 20)));
        return out;
    }

    private static void add(ArrayNode out, Tenant tenant, Api api, ObjectNode body) {
        String admin = tenant.scenario().tenant().admin();
        ObjectNode r = out.addObject().put("api", api.command()).put("path", api.path());
        // random is left out on purpose: whoever sends the request draws a fresh one (COM-QRY-007)
        r.putObject("query").put("sdkappid", Long.toString(tenant.sdkappid())).put("identifier", admin)
                .put("usersig", usersig(tenant, admin)).put("contenttype", "json");
        r.set("body", body);
        r.put("walkEnds", WALK_ENDS.get(api));
    }

    /** Any text when the tenant does not check UserSigs; otherwise one valid for a day, as the banner prints. */
    private static String usersig(Tenant tenant, String admin) {
        return tenant.verifiesUserSig()
                ? UserSig.generate(tenant.sdkappid(), admin, tenant.secretKey(), System.currentTimeMillis() / 1000, 86_400)
                : "any";
    }
}
