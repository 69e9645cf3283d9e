package io.github.imhistory.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.C2cProfile;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.KitError;
import io.github.imhistory.contract.OfficialAccountProfile;
import io.github.imhistory.contract.Uint32;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.contract.Scenario.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three history APIs: the answer to a request, computed from the tenant's history and the clock. Checks run in
 * the order of COM-ERR-001: path, method, sdkappid, scripted deviations, rate limit, other query parameters, UserSig,
 * admin, then the API's own body checks and answer. Besides its history a tenant keeps state a request changes: the
 * request counters scripted deviations fire on, the rate limiters and a bounded journal of its traffic. The engine
 * never sleeps: a scripted latency is returned with the answer, for the HTTP layer (or the oracle) to apply.
 */
public final class Engine {
    static final String C2C_PARSE_INFO = "Fail to Parse json data of body, Please check it"; // seed 000 异常应答
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());
    private static final Pattern PATH = Pattern.compile("^/v4/([^/]+)/([^/]+)/?$");

    private final Tenants tenants;
    private final Clock clock;
    private final Map<Api, BiFunction<Tenant, JsonNode, EngineResponse>> apis = new EnumMap<>(Api.class);

    public Engine(Tenants tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
        apis.put(Api.ADMIN_GETROAMMSG, this::c2c);
        apis.put(Api.GROUP_MSG_GET_SIMPLE, this::group);
        apis.put(Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE, this::officialAccount);
    }

    public Tenants tenants() {
        return tenants;
    }

    /**
     * The stub's entry: never throws. An unexpected failure is logged and answered with the API's documented
     * internal-error code (91000, 10002), as the real service would answer a fault of its own.
     */
    public EngineResponse handle(EngineRequest request) {
        try {
            return route(request);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "internal error answering " + request.method() + " " + request.path(), e);
            boolean c2c = request.path().contains("/openim/");
            return fail(null, -1, (c2c ? Api.ADMIN_GETROAMMSG : Api.GROUP_MSG_GET_SIMPLE).profile().internalErrorCode(),
                    "internal error in the stub: " + e);
        }
    }

    /**
     * The oracle's entry: the same answer as {@link #handle}, but an unexpected failure is a {@link KitError}: a bug of
     * the engine must never become an "expected 91000" against a server or client under test.
     */
    public EngineResponse answer(EngineRequest request) {
        try {
            return route(request);
        } catch (RuntimeException e) {
            throw new KitError("the engine failed on " + request.method() + " " + request.path() + ": " + e, e);
        }
    }

    private EngineResponse route(EngineRequest request) {
        Instant at = clock.instant();
        Matcher path = PATH.matcher(request.path());
        Api api = path.matches() ? Api.byCommand(path.group(2)).filter(a -> a.service().equals(path.group(1))).orElse(null) : null;
        if (api == null) { // COM-PATH-001
            boolean seqService = path.matches() && Api.isSeqService(path.group(1));
            return journaled(request, at, fail(null, -1, seqService ? ErrorCodes.SEQ_BAD_COMMAND : ErrorCodes.UNKNOWN_RESOURCE,
                    "unknown command " + request.path()));
        }
        if (!"POST".equals(request.method())) { // COM-METHOD-002
            return journaled(request, at, fail(api, -1, ErrorCodes.BAD_HTTP_FORMAT,
                    "method " + request.method() + " not allowed; use POST"));
        }
        long app = Uint32.parse(request.query().get("sdkappid"));
        if (app < 0) { // COM-QRY-006
            return fail(api, -1, ErrorCodes.SDKAPPID_REQUIRED, 
                    "sdkappid is missing or not a decimal uint32 (1 to 10 digits, at most 4294967295)");
        }
        Tenant tenant = tenants.get(app).orElse(null);
        if (tenant == null) {
            return fail(api, -1, ErrorCodes.SDKAPPID_UNKNOWN, "sdkappid " + app + " does not exist");
        }
        Traffic traffic = tenant.traffic();
        traffic.begin();
        try {
            EngineResponse response = handleForTenant(api, tenant, request);
            traffic.record(at, clock.instant(), request, response);
            return response;
        } finally {
            traffic.end();
        }
    }

    /**
     * Records a request refused before its tenant was looked at in that tenant's journal when its sdkappid names one:
     * a client's GET or wrong path is part of the traffic it is judged by. The answer stays what it was.
     */
    private EngineResponse journaled(EngineRequest request, Instant at, EngineResponse response) {
        long app = Uint32.parse(request.query().get("sdkappid"));
        if (app >= 0) {
            tenants.get(app).ifPresent(t -> t.traffic().record(at, clock.instant(), request, response));
        }
        return response;
    }

    private EngineResponse handleForTenant(Api api, Tenant tenant, EngineRequest request) {
        long delay = 0;
        for (Deviation d : tenant.arrive(api)) {
            Action action = d.action();
            if (action instanceof Action.ErrorCode e) {
                return fail(api, tenant.sdkappid(), e.code(), "scripted deviation");
            } else if (action instanceof Action.HttpStatus h) {
                byte[] body = ("<html><body><h1>" + h.status() + "</h1>scripted deviation</body></html>")
                        .getBytes(StandardCharsets.UTF_8);
                return new EngineResponse(h.status(), body, EngineResponse.Fault.NONE, 0, api, tenant.sdkappid(), -1);
            } else if (action instanceof Action.Fault f) {
                EngineResponse.Fault fault = switch (f.kind()) {
                    case "connection-reset" -> EngineResponse.Fault.CONNECTION_RESET;
                    case "empty-response" -> EngineResponse.Fault.EMPTY_RESPONSE;
                    default -> EngineResponse.Fault.MALFORMED_RESPONSE;
                };
                return new EngineResponse(200, new byte[0], fault, 0, api, tenant.sdkappid(), -1);
            } else if (action instanceof Action.Latency l) {
                delay += l.millis();
            } else {
                Mutations.apply(tenant, d.change());
            }
        }
        EngineResponse answer = answer(api, tenant, request);
        return delay > 0 ? answer.withDelay(delay) : answer;
    }

    private EngineResponse answer(Api api, Tenant tenant, EngineRequest request) {
        long app = tenant.sdkappid();
        if (!tenant.withinRate(api, clock.millis())) { // COM-RATE-002
            return fail(api, app, ErrorCodes.RATE_LIMITED, "more than 200 calls per second to " + api.command());
        }
        Map<String, String> q = request.query();
        if (Uint32.parse(q.get("random")) < 0) { // COM-QRY-002
            return fail(api, app, ErrorCodes.HTTP_PARSE, "random must be an unsigned 32-bit integer");
        }
        String identifier = q.get("identifier");
        if (identifier == null || identifier.isEmpty()) {
            return fail(api, app, ErrorCodes.HTTP_PARSE, "identifier is missing");
        }
        String contentType = q.get("contenttype");
        if (contentType != null && !contentType.equals("json")) { // COM-QRY-004
            return fail(api, app, ErrorCodes.HTTP_PARSE, "contenttype must be json");
        }
        if (tenant.verifiesUserSig()) { // SIG-VER-*
            UserSig.Verdict v = UserSig.verify(q.get("usersig"), identifier, Long.toString(app), tenant.secretKey(),
                    clock.instant().getEpochSecond());
            if (!v.valid()) {
                return fail(api, app, v.code(), v.info());
            }
        }
        if (!tenant.admins().contains(identifier)) { // COM-ADMIN-001
            return fail(api, app, api.profile().notAdminCode(),
                    "identifier " + identifier + " is not an App admin");
        }
        JsonNode body = parseObject(request.body());
        tenant.lock.readLock().lock();
        try {
            return apis.get(api).apply(tenant, body);
        } finally {
            tenant.lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- admin_getroammsg

    private EngineResponse c2c(Tenant tenant, JsonNode body) {
        Api api = Api.ADMIN_GETROAMMSG;
        long app = tenant.sdkappid();
        if (body == null) { // C2C-ERR-001
            return fail(api, app, ErrorCodes.C2C_JSON, C2C_PARSE_INFO);
        }
        // C2C-REQ-002, C2C-REQ-005: each side from either revision, the current name first
        String peerName = body.has("Peer_Account") ? "Peer_Account" : "To_Account";
        String operatorName = body.has("Operator_Account") ? "Operator_Account" : "From_Account";
        JsonNode peer = body.get(peerName);
        JsonNode operator = body.get(operatorName);
        if (peer == null || !peer.isTextual()) { // C2C-ERR-002, C2C-ERR-008
            return fail(api, app, ErrorCodes.C2C_TO_ACCOUNT, peer == null ? "neither To_Account nor Peer_Account is given"
                    : peerName + " is not a string");
        }
        History history = tenant.history();
        if (operator == null || !operator.isTextual() || !history.accounts.contains(operator.asText())) { // C2C-ERR-003
            return fail(api, app, ErrorCodes.C2C_FROM_ACCOUNT, operator == null
                    ? "neither From_Account nor Operator_Account is given"
                    : !operator.isTextual() ? operatorName + " is not a string"
                    : operatorName + " " + operator.asText() + " is not an existing account");
        }
        long maxCnt = uint32Field(body, "MaxCnt");
        long minTime = uint32Field(body, "MinTime");
        long maxTime = uint32Field(body, "MaxTime");
        if (maxCnt < 1 || minTime < 0 || maxTime < 0) { // C2C-ERR-006
            return fail(api, app, ErrorCodes.C2C_JSON, "MaxCnt, MinTime and MaxTime must be integers (MaxCnt >= 1, times 0..4294967295)");
        }
        long[] cursor = null;
        JsonNode lastKey = body.get("LastMsgKey");
        if (lastKey != null && !(lastKey.isTextual() && lastKey.asText().isEmpty())) {
            // C2C-PAGE-009: the key positions the cursor even if it names no stored message.
            cursor = lastKey.isTextual() ? C2cProfile.parseKey(lastKey.asText()).orElse(null) : null;
            if (cursor == null) {
                return fail(api, app, ErrorCodes.C2C_JSON, "LastMsgKey must be a MsgKey of the form Seq_Random_Time");
            }
        }
        Conversation conversation = history.conversation(operator.asText(), peer.asText());
        C2cView view = conversation == null ? C2cView.EMPTY : conversation.view(operator.asText());
        return C2cPager.page(view, minTime, maxTime, cursor, (int) Math.min(maxCnt, Integer.MAX_VALUE), app);
    }

    // ---------------------------------------------------------------- group_msg_get_simple

    private EngineResponse group(Tenant tenant, JsonNode body) {
        Api api = Api.GROUP_MSG_GET_SIMPLE;
        long app = tenant.sdkappid();
        if (body == null) { // GRP-ERR-006
            return fail(api, app, ErrorCodes.SEQ_JSON, "the body is not a JSON object");
        }
        JsonNode id = body.get("GroupId");
        if (id == null || !id.isTextual()) { // GRP-ERR-001
            return fail(api, app, ErrorCodes.SEQ_BAD_PARAMETER, "GroupId is missing or not a string");
        }
        if (!wellFormedId(id.asText())) { // GRP-ERR-003
            return fail(api, app, ErrorCodes.SEQ_BAD_ID, "GroupId is empty, longer than 48 bytes or not printable ASCII");
        }
        long number = uint32Field(body, "ReqMsgNumber");
        if (number < 1) {
            return fail(api, app, ErrorCodes.SEQ_BAD_PARAMETER, "ReqMsgNumber is missing or not an integer >= 1");
        }
        long reqSeq = body.has("ReqMsgSeq") ? uint32Field(body, "ReqMsgSeq") : Long.MAX_VALUE;
        if (reqSeq < 0) {
            return fail(api, app, ErrorCodes.SEQ_BAD_PARAMETER, "ReqMsgSeq must be an integer in 0..4294967295");
        }
        int withRecalled = flag(body, "WithRecalledMsg");
        if (withRecalled < 0) {
            return fail(api, app, ErrorCodes.SEQ_BAD_PARAMETER, "WithRecalledMsg must be 0 or 1");
        }
        JsonNode topicId = body.get("TopicId");
        if (topicId != null && !topicId.isTextual()) {
            return fail(api, app, ErrorCodes.SEQ_BAD_PARAMETER, "TopicId must be a string");
        }
        Group group = tenant.history().groups.get(id.asText());
        if (group == null || group.dismissed) { // GRP-ERR-002
            return fail(api, app, ErrorCodes.SEQ_NOT_FOUND, "group " + id.asText() + " does not exist or was dismissed");
        }
        if (Group.UNSUPPORTED_TYPES.contains(group.type)) { // GRP-TYPE-002
            return fail(api, app, ErrorCodes.SEQ_NO_PERMISSION, group.type + " groups keep no message history");
        }
        SeqStore store = group.messages;
        if (topicId != null) { // GRP-TOPIC-001, GRP-TOPIC-002
            if (!group.topicsEnabled) {
                return fail(api, app, ErrorCodes.SEQ_BAD_PARAMETER, "group " + group.id + " has no topics");
            }
            store = group.topics.get(topicId.asText());
            if (store == null) {
                return fail(api, app, ErrorCodes.SEQ_NOT_FOUND, "topic " + topicId.asText() + " does not exist");
            }
        }
        return SeqPager.groupPage(store, id.asText(), reqSeq, number, withRecalled == 1, app);
    }

    // ---------------------------------------------------------------- official_account_msg_get_simple

    private EngineResponse officialAccount(Tenant tenant, JsonNode body) {
        Api api = Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE;
        long app = tenant.sdkappid();
        if (body == null) { // OA-ERR-006
            return fail(api, app, ErrorCodes.SEQ_JSON, "the body is not a JSON object");
        }
        JsonNode id = body.get("Official_Account");
        if (id == null || !id.isTextual()) { // OA-ERR-001
            return fail(api, app, ErrorCodes.SEQ_BAD_PARAMETER, "Official_Account is missing or not a string");
        }
        if (!wellFormedId(id.asText())) { // OA-ERR-003
            return fail(api, app, ErrorCodes.SEQ_BAD_ID, "Official_Account is empty, longer than 48 bytes or not printable ASCII");
        }
        long number = body.has("ReqMsgNumber") ? uint32Field(body, "ReqMsgNumber") : ApiProfile.SEQ_PAGE_MAX; // OA-PAGE-003
        if (number < 1) {
            return fail(api, app, ErrorCodes.SEQ_BAD_PARAMETER, "ReqMsgNumber must be an integer >= 1");
        }
        long start = Long.MAX_VALUE;
        JsonNode lastKey = body.get("LastMsgKey");
        if (lastKey != null && !(lastKey.isTextual() && lastKey.asText().isEmpty())) {
            OptionalLong seq = lastKey.isTextual() ? OfficialAccountProfile.parseKey(lastKey.asText()) : OptionalLong.empty();
            if (seq.isEmpty()) {
                return fail(api, app, ErrorCodes.SEQ_BAD_PARAMETER, "LastMsgKey must be a MsgKey of the form Seq_1_Time");
            }
            start = seq.getAsLong() - 1; // OA-PAGE-002: strictly earlier
        }
        int withRecalled = flag(body, "WithRecalledMsg");
        if (withRecalled < 0) {
            return fail(api, app, ErrorCodes.SEQ_BAD_PARAMETER, "WithRecalledMsg must be 0 or 1");
        }
        SeqStore store = tenant.history().officialAccounts.get(id.asText());
        if (store == null) { // OA-ERR-002
            return fail(api, app, ErrorCodes.SEQ_NOT_FOUND, "official account " + id.asText() + " does not exist");
        }
        return SeqPager.officialAccountPage(store, id.asText(), start, number, withRecalled == 1, app);
    }

    // ---------------------------------------------------------------- helpers

    /** The body as a JSON object, or null when it is empty, not JSON, or not an object (COM-BODY-001). */
    static JsonNode parseObject(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = Json.WIRE.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException e) {
            return null; // includes stream constraint violations (deep nesting, huge numbers)
        }
    }

    /** An integer field in 0..4294967295, or -1 when missing, not an integer, or out of range. */
    static long uint32Field(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            return -1;
        }
        return Uint32.is(v) ? v.asLong() : -1;
    }

    /** 0 or 1 (absent means 0), or -1 when present with another value. */
    private static int flag(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null) {
            return 0;
        }
        return v.isIntegralNumber() && (v.asLong() == 0 || v.asLong() == 1) ? v.asInt() : -1;
    }

    /** GRP-ERR-003, OA-ERR-003: non-empty, at most 48 bytes, printable ASCII. */
    static boolean wellFormedId(String id) {
        if (id.isEmpty() || id.length() > 48) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    static EngineResponse fail(Api api, long sdkappid, int code, String info) {
        byte[] body = new JsonOut(96 + info.length())
                .ch('{').key("ActionStatus").str("FAIL")
                .comma().key("ErrorInfo").str(info)
                .comma().key("ErrorCode").num(code).ch('}').bytes();
        return new EngineResponse(200, body, EngineResponse.Fault.NONE, 0, api, sdkappid, code);
    }

    Instant now() {
        return clock.instant();
    }
}
