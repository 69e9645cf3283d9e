package io.github.imhistory.kit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.ErrorCode;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.JsonMatch;
import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleCatalog;
import io.github.imhistory.engine.EngineResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges one answer of the server against the reference answer to the same request, and names the rule each
 * difference breaks.
 *
 * <p>First the answer is checked on its own (envelope, field types, page limits, order, window, cursor, the
 * LastMsg* fields, hole and recall shapes), because those checks name their rule precisely. Then it is compared with
 * the reference entry by entry (matched by MsgKey or MsgSeq), and each difference is attributed by field. Values a
 * server legitimately chooses are not compared: ErrorInfo never is, and a failure is judged by ActionStatus and
 * ErrorCode only; fields a server adds beyond the documented ones are ignored. A difference no specific check
 * explains is reported against the rules the exchange names.
 */
final class Judge {
    static final long UINT32_MAX = 0xFFFFFFFFL;
    /** C2C-PAGE-006. */
    static final int PAGE_BYTES = 13 * 1024;
    /**
     * How much earlier than the reference a server may cut a page by bytes (C2C-PAGE-005, -006): its own measure of
     * the 13K limit (envelope, escaping) may differ a little from the compact-JSON sum of the rule.
     */
    static final int BYTE_CUT_TOLERANCE = 1024;
    /** GRP-PAGE-003, OA-PAGE-003. */
    static final int SEQ_PAGE_MAX = 20;
    private static final int MAX_MESSAGES_PER_RULE = 4;
    private static final Set<String> PRECEDENCE = Set.of("COM-ERR-001", "COM-ERR-002", "SIG-VER-007");
    private static final Set<String> C2C_ITEM_FIELDS = Set.of("From_Account", "To_Account", "MsgSeq", "MsgRandom",
            "MsgTimeStamp", "MsgFlagBits", "MsgKey", "MsgBody", "CloudCustomData", "IsPeerRead");
    private static final Set<String> GRP_ITEM_FIELDS = Set.of("From_Account", "IsPlaceMsg", "MsgBody", "MsgPriority",
            "MsgRandom", "MsgSeq", "MsgTimeStamp", "IsSystemMsg", "CloudCustomData");
    private static final Set<String> OA_ITEM_FIELDS = Set.of("From_Account", "IsPlaceMsg", "MsgBody", "MsgSeq",
            "MsgKey", "MsgTimeStamp");
    private static final Pattern C2C_KEY = Pattern.compile("^([0-9]{1,10})_([0-9]{1,10})_([0-9]{1,10})$");
    private static final Pattern OA_KEY = Pattern.compile("^([0-9]{1,10})_1_([0-9]{1,10})$");

    /**
     * One request to judge.
     *
     * @param named     the server-binding rules the exchange or walk names (fallback attribution)
     * @param where     for messages, e.g. {@code exchange 'page 2'}
     */
    record Request(Api api, HttpCall call, List<String> named, String where, String reproduce) {
        /** The request body as a JSON object, or an empty object when it is not one. */
        JsonNode body() {
            try {
                JsonNode n = Json.WIRE.readTree(call.body());
                return n != null && n.isObject() ? n : Json.object();
            } catch (java.io.IOException | RuntimeException e) {
                return Json.object();
            }
        }
    }

    private final RuleCatalog rules;
    private final ErrorCatalog errors;
    private final Oracle oracle;
    /** MsgKeys of the dataset's C2C messages stored with SyncOtherMachine=2 (C2C-PERSP-002). */
    private final Set<String> notSyncedToSender = new HashSet<>();

    Judge(RuleCatalog rules, ErrorCatalog errors, Oracle oracle, JsonNode scenario) {
        this.rules = rules;
        this.errors = errors;
        this.oracle = oracle;
        for (JsonNode m : scenario.path("dataset").path("c2c")) {
            if (m.path("SyncOtherMachine").asInt(1) == 2) {
                notSyncedToSender.add(m.path("MsgSeq").asLong() + "_" + m.path("MsgRandom").asLong() + "_"
                        + m.path("MsgTimeStamp").asLong());
            }
        }
    }

    /** Collects findings of one request: at most a few messages per rule, in the order found. */
    private final class Sink {
        final Request request;
        final Map<String, List<String>> byRule = new LinkedHashMap<>();
        final Map<String, Integer> more = new HashMap<>();
        /** Set when a difference from the reference is one the server may choose, so it is not reported by diff. */
        boolean tolerated;

        Sink(Request request) {
            this.request = request;
        }

        void add(String ruleId, String message) {
            rules.get(ruleId); // a typo in a rule ID is a bug of the suite, not of the server
            List<String> list = byRule.computeIfAbsent(ruleId, k -> new ArrayList<>());
            if (list.contains(message)) {
                return;
            }
            if (list.size() < MAX_MESSAGES_PER_RULE) {
                list.add(message);
            } else {
                more.merge(ruleId, 1, Integer::sum);
            }
        }

        void addAll(Iterable<String> ruleIds, String message) {
            for (String id : ruleIds) {
                add(id, message);
            }
        }

        boolean isEmpty() {
            return byRule.isEmpty();
        }

        boolean has(String ruleId) {
            return byRule.containsKey(ruleId);
        }

        List<Finding> findings() {
            List<Finding> out = new ArrayList<>();
            byRule.forEach((rule, messages) -> {
                String text = String.join("; ", messages);
                int n = more.getOrDefault(rule, 0);
                if (n > 0) {
                    text += "; and " + n + " more";
                }
                out.add(new Finding(rule, request.where(), text, request.reproduce()));
            });
            return out;
        }
    }

    // ------------------------------------------------------------------------------------------------ entry point

    List<Finding> judge(Request r, Observed server, Expected expected) {
        Sink f = new Sink(r);
        judge(r, server, expected, f);
        return f.findings();
    }

    private void judge(Request r, Observed server, Expected expected, Sink f) {
        if (expected.fault() != EngineResponse.Fault.NONE) {
            if (server.error() == null) {
                f.addAll(orDefault(r.named(), List.of("COM-HTTP-001")), "the scenario scripts " + expected.describe()
                        + " for this request, but the server answered " + server.brief());
            }
            return;
        }
        if (server.error() != null) {
            f.add("COM-HTTP-001", "no HTTP answer (" + server.error() + ") where " + expected.describe() + " is due");
            return;
        }
        if (expected.json() == null) { // a scripted non-200 page
            if (server.status() != expected.status()) {
                f.addAll(orDefault(r.named(), List.of("COM-HTTP-001")), "HTTP " + server.status()
                        + " where the scenario scripts HTTP " + expected.status());
            }
            return;
        }
        JsonNode e = expected.json();
        int eCode = expected.errorCode();
        if (server.status() != 200) {
            f.add("COM-HTTP-001", "HTTP " + server.status() + " where every answer is HTTP 200 with the result in the body"
                    + (eCode != 0 ? " (here ErrorCode " + eCode + ")" : "") + ": " + server.brief());
            if (eCode != 0) {
                f.addAll(errorRules(r, eCode), "ErrorCode " + eCode + " is due, but the answer is HTTP " + server.status()
                        + " without an IM body");
            }
            return;
        }
        JsonNode s = server.json();
        if (s == null || !s.isObject()) {
            f.add("COM-ENV-001", "the answer is not a JSON object: " + server.brief());
            return;
        }
        envelope(s, f);
        int sCode = s.path("ErrorCode").isIntegralNumber() ? s.path("ErrorCode").asInt() : Integer.MIN_VALUE;
        if (eCode != 0) {
            if (sCode != eCode) {
                String got = sCode == 0 ? "accepted the request (ErrorCode 0)" : "answered ErrorCode "
                        + (sCode == Integer.MIN_VALUE ? s.path("ErrorCode") : sCode);
                f.addAll(errorRules(r, eCode), got + " where ErrorCode " + eCode + " is due"
                        + errors.find(eCode).map(c -> " (" + c.en() + ")").orElse(""));
            }
            return;
        }
        if (sCode != 0) {
            f.addAll(successRules(r), "refused a valid request with ErrorCode " + s.path("ErrorCode") + " ("
                    + s.path("ErrorInfo").asText() + ")");
            return;
        }
        JsonNode body = r.body();
        switch (r.api()) {
            case ADMIN_GETROAMMSG -> c2c(body, e, s, f);
            case GROUP_MSG_GET_SIMPLE -> group(body, e, s, f);
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> officialAccount(body, e, s, f);
            default -> throw new IllegalStateException(r.api().toString());
        }
        if (f.isEmpty() && !f.tolerated) {
            // every field of the reference, exactly; fields the server adds beyond the documented ones are its business
            Optional<String> diff = JsonMatch.exact(withoutInfo(e), projected(s, withoutInfo(e)));
            diff.ifPresent(d -> f.addAll(successRules(r), "the answer differs from the reference answer: " + d));
        }
    }

    /** COM-ENV-001, COM-ENV-002. */
    private static void envelope(JsonNode s, Sink f) {
        JsonNode status = s.get("ActionStatus");
        JsonNode code = s.get("ErrorCode");
        JsonNode info = s.get("ErrorInfo");
        if (status == null || !status.isTextual()) {
            f.add("COM-ENV-001", "ActionStatus is " + (status == null ? "missing" : "not a string: " + status));
        }
        if (code == null || !code.isIntegralNumber()) {
            f.add("COM-ENV-001", "ErrorCode is " + (code == null ? "missing" : "not an integer: " + code));
        }
        if (info == null || !info.isTextual()) {
            f.add("COM-ENV-001", "ErrorInfo is " + (info == null ? "missing" : "not a string: " + info));
        }
        if (status != null && status.isTextual() && code != null && code.isIntegralNumber()) {
            boolean ok = "OK".equals(status.asText());
            boolean fail = "FAIL".equals(status.asText());
            if (!(ok && code.asLong() == 0) && !(fail && code.asLong() != 0)) {
                f.add("COM-ENV-002", "ActionStatus " + status + " with ErrorCode " + code
                        + "; \"OK\" goes with 0 and \"FAIL\" with a non-zero code");
            }
        }
    }

    /**
     * The rules a wrong ErrorCode breaks: the rules the catalogue gives for the due code, narrowed to those the
     * exchange names when it names some, plus any precedence rule the exchange names.
     */
    private List<String> errorRules(Request r, int code) {
        List<String> catalogue = errors.find(code).map(ErrorCode::rules).orElse(List.of()).stream()
                .filter(id -> rules.find(id).map(Rule::bindsServer).orElse(false))
                .filter(id -> relevant(id, r.api()))
                .toList();
        Set<String> out = new LinkedHashSet<>();
        r.named().stream().filter(catalogue::contains).forEach(out::add);
        if (out.isEmpty()) {
            out.addAll(catalogue);
        }
        if (out.isEmpty()) {
            out.addAll(r.named().stream().filter(id -> !PRECEDENCE.contains(id)).toList());
        }
        if (out.isEmpty()) {
            out.add("COM-ENV-002");
        }
        r.named().stream().filter(PRECEDENCE::contains).forEach(out::add);
        return List.copyOf(out);
    }

    /** The named rules about successful answers; an API's paging rule when the exchange names none. */
    private List<String> successRules(Request r) {
        List<String> out = r.named().stream()
                .filter(id -> !id.contains("-ERR-") && !PRECEDENCE.contains(id) && !id.startsWith("SIG-")
                        && !id.startsWith("COM-"))
                .toList();
        if (!out.isEmpty()) {
            return out;
        }
        return List.of(switch (r.api()) {
            case ADMIN_GETROAMMSG -> "C2C-PAGE-001";
            case GROUP_MSG_GET_SIMPLE -> "GRP-PAGE-004";
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> "OA-PAGE-001";
        });
    }

    private static boolean relevant(String ruleId, Api api) {
        return switch (ruleId.substring(0, ruleId.indexOf('-'))) {
            case "C2C" -> api == Api.ADMIN_GETROAMMSG;
            case "GRP" -> api == Api.GROUP_MSG_GET_SIMPLE;
            case "OA" -> api == Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE;
            default -> true;
        };
    }

    private static List<String> orDefault(List<String> named, List<String> fallback) {
        return named.isEmpty() ? fallback : named;
    }

    // ------------------------------------------------------------------------------------------------ admin_getroammsg

    private void c2c(JsonNode body, JsonNode e, JsonNode s, Sink f) {
        requireField(s, "Complete", "C2C-PAGE-007", true, f);
        requireField(s, "MsgCnt", "C2C-PAGE-002", true, f);
        requireField(s, "LastMsgTime", "C2C-PAGE-003", true, f);
        JsonNode lastKey = s.get("LastMsgKey");
        if (lastKey == null || !lastKey.isTextual()) {
            f.add("C2C-PAGE-003", "LastMsgKey is " + (lastKey == null ? "missing" : "not a string: " + lastKey));
        }
        JsonNode list = s.get("MsgList");
        if (list == null || !list.isArray()) {
            f.add("C2C-MSG-001", "MsgList is " + (list == null ? "missing" : "not an array"));
            return;
        }
        boolean current = body.has("Operator_Account") || body.has("Peer_Account"); // C2C-REQ-002
        String from = body.path(current ? "Operator_Account" : "From_Account").asText();
        String to = body.path(current ? "Peer_Account" : "To_Account").asText();
        long maxCnt = body.path("MaxCnt").asLong();
        long minTime = body.path("MinTime").asLong();
        long maxTime = body.path("MaxTime").asLong();
        long[] cursor = c2cCursor(body.path("LastMsgKey").asText(""));
        int n = list.size();

        if (!s.path("MsgCnt").isIntegralNumber() || s.path("MsgCnt").asLong() != n) {
            f.add("C2C-PAGE-002", "MsgCnt is " + s.path("MsgCnt") + " but MsgList holds " + n + " messages");
        }
        if (n > maxCnt) {
            f.add("C2C-PAGE-004", "the page holds " + n + " messages, more than MaxCnt " + maxCnt);
        }
        long bytes = 0;
        for (JsonNode item : list) {
            bytes += Json.compact(item).getBytes(StandardCharsets.UTF_8).length;
        }
        if (n > 1 && bytes > PAGE_BYTES) {
            f.add("C2C-PAGE-006", "the page's " + n + " messages add up to " + bytes + " bytes of compact JSON, more than "
                    + PAGE_BYTES);
        }
        Set<String> explained = new HashSet<>(); // server items a specific check already blamed
        for (int i = 0; i < n; i++) {
            JsonNode item = list.get(i);
            String label = c2cLabel(item, i);
            c2cItemShape(item, label, f);
            long t = item.path("MsgTimeStamp").asLong();
            if (item.path("MsgTimeStamp").isIntegralNumber() && (t < minTime || t > maxTime)) {
                f.add("C2C-WIN-001", "message " + label + " has MsgTimeStamp " + t + ", outside the window [" + minTime
                        + ", " + maxTime + "]");
                explained.add(c2cKey(item));
            }
            String a = item.path("From_Account").asText();
            String b = item.path("To_Account").asText();
            if (!((a.equals(from) && b.equals(to)) || (a.equals(to) && b.equals(from)))) {
                f.add("C2C-WIN-001", "message " + label + " is from " + a + " to " + b + ", not of the conversation "
                        + from + "/" + to);
                explained.add(c2cKey(item));
            }
            if (cursor != null && compare(c2cOrder(item), cursor) >= 0) {
                f.add("C2C-PAGE-008", "message " + label + " is not strictly before LastMsgKey " + body.path("LastMsgKey").asText()
                        + (compare(c2cOrder(item), cursor) == 0 ? " (it is the cursor message itself, repeated)" : ""));
                explained.add(c2cKey(item));
            }
        }
        for (int i = 0; i + 1 < n; i++) { // C2C-ORDER-003 and the order key of C2C-ORDER-001/002
            long[] x = c2cOrder(list.get(i));
            long[] y = c2cOrder(list.get(i + 1));
            if (compare(x, y) < 0) {
                continue;
            }
            String rule = x[0] != y[0] || compare(x, y) == 0 ? "C2C-ORDER-003" : x[1] != y[1] ? "C2C-ORDER-001" : "C2C-ORDER-002";
            f.add(rule, "MsgList[" + i + "] " + c2cLabel(list.get(i), i) + " comes before MsgList[" + (i + 1) + "] "
                    + c2cLabel(list.get(i + 1), i + 1) + "; a page is strictly ascending by (MsgTimeStamp, MsgSeq, MsgRandom)");
        }
        if (n > 0) {
            JsonNode oldest = list.get(0);
            if (!s.path("LastMsgKey").asText().equals(oldest.path("MsgKey").asText())
                    || s.path("LastMsgTime").asLong(-1) != oldest.path("MsgTimeStamp").asLong(-2)) {
                f.add("C2C-PAGE-003", "LastMsgTime/LastMsgKey are " + s.path("LastMsgTime") + "/" + s.path("LastMsgKey")
                        + " but the oldest message of the page, MsgList[0], has " + oldest.path("MsgTimeStamp") + "/"
                        + oldest.path("MsgKey"));
            }
        } else if (s.path("Complete").asInt(-1) != 1 || s.path("LastMsgTime").asLong(-1) != 0
                || !"".equals(s.path("LastMsgKey").asText(null))) {
            f.add("C2C-PAGE-010", "an empty page answers Complete 1, LastMsgTime 0, LastMsgKey \"\"; this one has Complete "
                    + s.path("Complete") + ", LastMsgTime " + s.path("LastMsgTime") + ", LastMsgKey " + s.path("LastMsgKey"));
        }

        // against the reference
        JsonNode eList = e.path("MsgList");
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        eList.forEach(item -> expected.put(c2cKey(item), item));
        Map<String, JsonNode> actual = new LinkedHashMap<>();
        list.forEach(item -> actual.putIfAbsent(c2cKey(item), item));
        List<String> eKeys = new ArrayList<>(expected.keySet());
        List<String> missing = eKeys.stream().filter(k -> !actual.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            List<String> aKeys = new ArrayList<>(actual.keySet());
            boolean cutShort = aKeys.size() < eKeys.size() && eKeys.subList(eKeys.size() - aKeys.size(), eKeys.size()).equals(aKeys);
            String newest = eKeys.get(eKeys.size() - 1);
            // messages that wrongly got onto the page (already blamed) push the oldest ones off a full page
            long intruders = actual.keySet().stream().filter(k -> explained.contains(k) && !expected.containsKey(k)).count();
            boolean crowdedOut = intruders >= missing.size() && eKeys.subList(0, missing.size()).equals(missing);
            // cut by bytes a little earlier than the reference: the next older message would have brought the page
            // within BYTE_CUT_TOLERANCE of the limit, and the server says more pages follow
            if (cutShort && n > 0 && e.path("Complete").asInt() == 0 && s.path("Complete").asInt(-1) == 0) {
                JsonNode nextOlder = eList.get(eKeys.size() - n - 1);
                long withNext = bytes + Json.compact(nextOlder).getBytes(StandardCharsets.UTF_8).length;
                if (withNext > PAGE_BYTES - BYTE_CUT_TOLERANCE) {
                    f.tolerated = true;
                    return;
                }
            }
            for (String k : missing) {
                if (crowdedOut) {
                    break;
                }
                String label = expected.get(k).path("MsgKey").asText(k);
                if (cursor != null && k.equals(newest)) {
                    f.add("C2C-PAGE-008", "message " + label + ", the newest before the cursor "
                            + body.path("LastMsgKey").asText() + ", is skipped");
                } else if (cutShort) {
                    f.add("C2C-PAGE-005", "the page holds " + aKeys.size() + " messages where " + eKeys.size()
                            + " fit (MaxCnt " + maxCnt + ", 13312 bytes); missing " + label);
                } else {
                    f.add("C2C-PAGE-001", "message " + label + " of the window is missing from this page");
                }
            }
        }
        for (Map.Entry<String, JsonNode> a : actual.entrySet()) {
            if (expected.containsKey(a.getKey()) || explained.contains(a.getKey())) {
                continue;
            }
            String label = a.getValue().path("MsgKey").asText(a.getKey());
            if (notSyncedToSender.contains(a.getKey())) {
                f.add("C2C-PERSP-002", "message " + label + " was sent with SyncOtherMachine=2 and is not visible from "
                        + from + "'s side");
            } else {
                f.add("C2C-PAGE-001", "message " + label + " does not belong on this page");
            }
        }
        for (Map.Entry<String, JsonNode> x : expected.entrySet()) {
            JsonNode a = actual.get(x.getKey());
            if (a != null) {
                c2cFields(x.getValue(), a, f);
            }
        }
        if (s.path("Complete").isIntegralNumber() && e.path("Complete").asInt() != s.path("Complete").asInt()) {
            f.add("C2C-PAGE-007", e.path("Complete").asInt() == 0
                    ? "Complete is " + s.path("Complete") + " but older messages of the window remain"
                    : "Complete is " + s.path("Complete") + " but no older message of the window remains");
        }
    }

    private static void c2cItemShape(JsonNode item, String label, Sink f) {
        if (!item.isObject()) {
            f.add("C2C-MSG-001", "MsgList entry " + label + " is not an object");
            return;
        }
        for (String field : List.of("From_Account", "To_Account", "MsgKey")) {
            if (!item.path(field).isTextual()) {
                f.add("C2C-MSG-001", "message " + label + ": " + field + " is missing or not a string");
            }
        }
        for (String field : List.of("MsgSeq", "MsgRandom", "MsgTimeStamp", "MsgFlagBits")) {
            if (!item.path(field).isIntegralNumber()) {
                f.add("C2C-MSG-001", "message " + label + ": " + field + " is missing or not an integer");
            }
        }
        if (!item.path("MsgBody").isArray()) {
            f.add("C2C-MSG-001", "message " + label + ": MsgBody is missing or not an array");
        }
        for (String field : List.of("MsgSeq", "MsgRandom")) {
            if (item.path(field).isIntegralNumber() && !uint32(item.path(field))) {
                f.add("C2C-MSG-002", "message " + label + ": " + field + " is " + item.path(field)
                        + ", not an unsigned 32-bit value");
            }
        }
        if (item.path("MsgTimeStamp").isIntegralNumber() && !uint32(item.path("MsgTimeStamp"))) {
            f.add("C2C-MSG-001", "message " + label + ": MsgTimeStamp " + item.path("MsgTimeStamp") + " is out of range");
        }
        JsonNode flags = item.path("MsgFlagBits");
        if (flags.isIntegralNumber() && flags.asLong() != 0 && flags.asLong() != 8) {
            f.add("C2C-RECALL-001", "message " + label + " has MsgFlagBits " + flags + " (0, or 8 when recalled)");
        }
        String key = item.path("MsgSeq").asText() + "_" + item.path("MsgRandom").asText() + "_"
                + item.path("MsgTimeStamp").asText();
        if (item.path("MsgKey").isTextual() && !item.path("MsgKey").asText().equals(key)) {
            f.add("C2C-MSG-003", "message " + label + " has MsgKey " + item.path("MsgKey") + ", not MsgSeq_MsgRandom_MsgTimeStamp "
                    + key);
        }
    }

    private static void c2cFields(JsonNode e, JsonNode a, Sink f) {
        String label = e.path("MsgKey").asText();
        for (String field : union(e, a)) {
            JsonNode ev = e.get(field);
            JsonNode av = a.get(field);
            if ((ev != null && av != null && JsonMatch.exact(ev, av).isEmpty()) || (ev == null && !C2C_ITEM_FIELDS.contains(field))) {
                continue;
            }
            String rule = switch (field) {
                case "MsgFlagBits" -> "C2C-RECALL-001";
                case "MsgSeq", "MsgRandom" -> "C2C-MSG-002";
                case "MsgBody" -> ev == null || av == null ? "C2C-MSG-001" : elementRule(ev, av);
                case "CloudCustomData" -> ev == null || av == null ? "C2C-MSG-004" : "ELEM-004";
                case "IsPeerRead" -> "C2C-MSG-004";
                case "MsgKey" -> "C2C-MSG-003";
                default -> "C2C-MSG-001";
            };
            f.add(rule, "message " + label + ": " + field + " " + describe(ev, av)
                    + ("MsgFlagBits".equals(field) && ev != null && ev.asInt() == 8 ? " (the message is recalled)" : ""));
        }
    }

    static String c2cKey(JsonNode item) {
        if (item.path("MsgSeq").isIntegralNumber() && item.path("MsgRandom").isIntegralNumber()
                && item.path("MsgTimeStamp").isIntegralNumber()) {
            // masked, so that a value cut to int32 still finds its message (the cut itself is C2C-MSG-002)
            return (item.path("MsgSeq").asLong() & UINT32_MAX) + "_" + (item.path("MsgRandom").asLong() & UINT32_MAX) + "_"
                    + (item.path("MsgTimeStamp").asLong() & UINT32_MAX);
        }
        return item.path("MsgKey").asText("?");
    }

    private static String c2cLabel(JsonNode item, int index) {
        return item.path("MsgKey").isTextual() ? item.path("MsgKey").asText() : "MsgList[" + index + "]";
    }

    /** (time, seq, random) as unsigned values. */
    private static long[] c2cOrder(JsonNode item) {
        return new long[] {item.path("MsgTimeStamp").asLong() & UINT32_MAX, item.path("MsgSeq").asLong() & UINT32_MAX,
                item.path("MsgRandom").asLong() & UINT32_MAX};
    }

    /** LastMsgKey "seq_random_time" as {time, seq, random}; null when absent or empty. */
    static long[] c2cCursor(String key) {
        Matcher m = C2C_KEY.matcher(key);
        if (!m.matches()) {
            return null;
        }
        return new long[] {Long.parseLong(m.group(3)), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    static int compare(long[] x, long[] y) {
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------------ group_msg_get_simple

    private void group(JsonNode body, JsonNode e, JsonNode s, Sink f) {
        if (!s.path("GroupId").isTextual() || !s.path("GroupId").asText().equals(body.path("GroupId").asText())) {
            f.add("GRP-RESP-001", "GroupId is " + (s.has("GroupId") ? s.get("GroupId") : "missing")
                    + " but the request asked for " + body.path("GroupId"));
        }
        requireField(s, "IsFinished", "GRP-FIN-001", true, f);
        JsonNode list = s.get("RspMsgList");
        if (list == null || !list.isArray()) {
            f.add("GRP-MSG-001", "RspMsgList is " + (list == null ? "missing" : "not an array"));
            return;
        }
        long number = body.path("ReqMsgNumber").asLong();
        boolean withRecalled = body.path("WithRecalledMsg").asInt(0) == 1;
        int n = list.size();
        if (n > SEQ_PAGE_MAX) {
            f.add("GRP-PAGE-003", "the answer holds " + n + " entries; at most 20 are returned whatever ReqMsgNumber says");
        } else if (n > number) {
            f.add("GRP-PAGE-004", "the answer holds " + n + " entries, more than ReqMsgNumber " + number);
        }
        boolean bounded = body.has("ReqMsgSeq");
        long reqSeq = body.path("ReqMsgSeq").asLong();
        Set<Long> explained = new HashSet<>();
        for (int i = 0; i < n; i++) {
            JsonNode entry = list.get(i);
            long seq = entry.path("MsgSeq").asLong() & UINT32_MAX;
            seqEntryShape(entry, i, "GRP-MSG-001", f);
            for (String field : List.of("MsgSeq", "MsgRandom")) {
                if (entry.path(field).isIntegralNumber() && !uint32(entry.path(field))) {
                    f.add("GRP-MSG-002", "entry seq " + seq + ": " + field + " is " + entry.path(field)
                            + ", not an unsigned 32-bit value");
                }
            }
            if (!entry.path("From_Account").isTextual() || !entry.path("MsgRandom").isIntegralNumber()
                    || !entry.path("MsgTimeStamp").isIntegralNumber()) {
                f.add("GRP-MSG-001", "entry seq " + seq + ": From_Account (string), MsgRandom and MsgTimeStamp (integers) are required");
            }
            if (bounded && seq > reqSeq) {
                f.add("GRP-PAGE-002", "entry seq " + seq + " is above ReqMsgSeq " + reqSeq);
                explained.add(seq);
            }
            int place = entry.path("IsPlaceMsg").asInt(-1);
            if (place == 1) {
                ObjectNode hole = Json.object();
                hole.put("From_Account", "");
                hole.put("IsPlaceMsg", 1);
                hole.putArray("MsgBody");
                hole.put("MsgRandom", 0);
                hole.set("MsgSeq", entry.path("MsgSeq"));
                hole.put("MsgTimeStamp", 0);
                JsonMatch.subset(hole, entry).ifPresent(d -> f.add("GRP-HOLE-003", "hole seq " + seq + " is not "
                        + "{From_Account:\"\", IsPlaceMsg:1, MsgBody:[], MsgRandom:0, MsgSeq, MsgTimeStamp:0}: " + d));
            } else if (place == 2) {
                if (!withRecalled) {
                    f.add("GRP-RECALL-001", "recalled message seq " + seq + " is returned although WithRecalledMsg is not 1");
                    explained.add(seq);
                }
                if (!entry.path("MsgBody").isArray() || !entry.path("MsgBody").isEmpty()) {
                    f.add("GRP-RECALL-003", "recalled entry seq " + seq + " has a non-empty MsgBody");
                }
            }
            if (entry.has("IsSystemMsg") && entry.path("IsSystemMsg").asInt() != 1) {
                f.add("GRP-MSG-003", "entry seq " + seq + " carries IsSystemMsg " + entry.get("IsSystemMsg")
                        + "; it appears only on system messages, as 1");
            }
        }
        for (int i = 0; i + 1 < n; i++) {
            long a = list.get(i).path("MsgSeq").asLong() & UINT32_MAX;
            long b = list.get(i + 1).path("MsgSeq").asLong() & UINT32_MAX;
            if (a <= b) {
                f.add("GRP-ORDER-002", "RspMsgList[" + i + "] seq " + a + " comes before RspMsgList[" + (i + 1) + "] seq " + b
                        + "; the list is in descending MsgSeq order");
            }
        }
        Map<Long, JsonNode> expected = bySeq(e.path("RspMsgList"));
        Map<Long, JsonNode> actual = bySeq(list);
        Set<Long> recalled = null;
        for (Map.Entry<Long, JsonNode> x : expected.entrySet()) {
            JsonNode a = actual.get(x.getKey());
            int ePlace = x.getValue().path("IsPlaceMsg").asInt();
            if (a == null) {
                if (ePlace == 1) {
                    f.add("GRP-HOLE-001", "hole seq " + x.getKey() + " (IsPlaceMsg=1) is left out; a hole keeps its seq");
                } else if (ePlace == 2) {
                    f.add("GRP-RECALL-002", "recalled message seq " + x.getKey() + " is left out although WithRecalledMsg is 1");
                } else {
                    f.add("GRP-PAGE-004", "message seq " + x.getKey() + " is missing from the answer");
                }
                continue;
            }
            int aPlace = a.path("IsPlaceMsg").asInt(-1);
            if (aPlace != ePlace) {
                String rule = ePlace == 1 ? "GRP-HOLE-001" : ePlace == 2 ? "GRP-RECALL-002" : aPlace == 2 ? "GRP-RECALL-001"
                        : "GRP-MSG-001";
                f.add(rule, "seq " + x.getKey() + " has IsPlaceMsg " + a.path("IsPlaceMsg") + " where it is " + ePlace);
                continue;
            }
            for (String field : union(x.getValue(), a)) {
                JsonNode ev = x.getValue().get(field);
                JsonNode av = a.get(field);
                if ((ev != null && av != null && JsonMatch.exact(ev, av).isEmpty()) || (ev == null && !GRP_ITEM_FIELDS.contains(field))) {
                    continue;
                }
                String rule;
                boolean uint32Cut = ("MsgSeq".equals(field) || "MsgRandom".equals(field))
                        && ((ev != null && ev.asLong() > Integer.MAX_VALUE) || (av != null && av.asLong() < 0));
                if (uint32Cut) {
                    rule = "GRP-MSG-002";
                } else if (ePlace == 1) {
                    rule = "GRP-HOLE-003";
                } else {
                    rule = switch (field) {
                        case "MsgBody" -> ePlace == 2 ? "GRP-RECALL-003" : ev == null || av == null ? "GRP-MSG-001" : elementRule(ev, av);
                        case "MsgSeq", "MsgRandom" -> (ev != null && ev.asLong() > Integer.MAX_VALUE) || (av != null && av.asLong() < 0)
                                ? "GRP-MSG-002" : "GRP-MSG-001";
                        case "MsgPriority", "IsSystemMsg" -> ev == null || av == null ? "GRP-MSG-003" : "GRP-MSG-001";
                        case "CloudCustomData" -> ev == null || av == null ? "GRP-MSG-003" : "ELEM-004";
                        default -> "GRP-MSG-001";
                    };
                }
                f.add(rule, "seq " + x.getKey() + ": " + field + " " + describe(ev, av));
            }
        }
        for (Map.Entry<Long, JsonNode> a : actual.entrySet()) {
            if (expected.containsKey(a.getKey()) || explained.contains(a.getKey())) {
                continue;
            }
            if (!withRecalled) {
                if (recalled == null) {
                    recalled = recalledSeqs(Api.GROUP_MSG_GET_SIMPLE, body);
                }
                if (recalled.contains(a.getKey())) {
                    f.add("GRP-RECALL-001", "recalled message seq " + a.getKey() + " is returned although WithRecalledMsg is not 1");
                    continue;
                }
            }
            f.add("GRP-PAGE-004", "seq " + a.getKey() + " does not belong in this answer");
        }
        if (s.path("IsFinished").isIntegralNumber() && s.path("IsFinished").asInt() != e.path("IsFinished").asInt()) {
            f.add("GRP-FIN-001", "IsFinished is " + s.path("IsFinished") + " where it is " + e.path("IsFinished")
                    + " (ReqMsgNumber " + number + ")");
        }
    }

    // ------------------------------------------------------------------------------------------------ official account

    private void officialAccount(JsonNode body, JsonNode e, JsonNode s, Sink f) {
        if (!s.path("Official_Account").isTextual()
                || !s.path("Official_Account").asText().equals(body.path("Official_Account").asText())) {
            f.add("OA-RESP-001", "Official_Account is " + (s.has("Official_Account") ? s.get("Official_Account") : "missing")
                    + " but the request asked for " + body.path("Official_Account"));
        }
        requireField(s, "IsFinished", "OA-FIN-001", true, f);
        if (!s.path("LastMsgKey").isTextual()) {
            f.add("OA-PAGE-004", "LastMsgKey is missing or not a string");
        }
        JsonNode list = s.get("RspMsgList");
        if (list == null || !list.isArray()) {
            f.add("OA-MSG-001", "RspMsgList is " + (list == null ? "missing" : "not an array"));
            return;
        }
        long number = body.has("ReqMsgNumber") ? body.path("ReqMsgNumber").asLong() : SEQ_PAGE_MAX;
        boolean withRecalled = body.path("WithRecalledMsg").asInt(0) == 1;
        Matcher cursor = OA_KEY.matcher(body.path("LastMsgKey").asText(""));
        long before = cursor.matches() ? Long.parseLong(cursor.group(1)) : Long.MAX_VALUE;
        int n = list.size();
        if (n > Math.min(number, SEQ_PAGE_MAX)) {
            f.add("OA-PAGE-003", "the answer holds " + n + " entries; at most min(ReqMsgNumber, 20) = "
                    + Math.min(number, SEQ_PAGE_MAX));
        }
        Set<Long> explained = new HashSet<>();
        for (int i = 0; i < n; i++) {
            JsonNode entry = list.get(i);
            long seq = entry.path("MsgSeq").asLong() & UINT32_MAX;
            seqEntryShape(entry, i, "OA-MSG-001", f);
            if (!entry.path("From_Account").isTextual() || !entry.path("MsgKey").isTextual()
                    || !entry.path("MsgTimeStamp").isIntegralNumber()) {
                f.add("OA-MSG-001", "entry seq " + seq + ": From_Account, MsgKey (strings) and MsgTimeStamp (integer) are required");
            }
            String key = entry.path("MsgSeq").asText() + "_1_" + entry.path("MsgTimeStamp").asText();
            if (entry.path("MsgKey").isTextual() && !entry.path("MsgKey").asText().equals(key)) {
                f.add("OA-KEY-001", "entry seq " + seq + " has MsgKey " + entry.path("MsgKey") + ", not MsgSeq_1_MsgTimeStamp " + key);
            }
            if (seq >= before) {
                f.add("OA-PAGE-002", "entry seq " + seq + " is not earlier than LastMsgKey " + body.path("LastMsgKey").asText());
                explained.add(seq);
            }
            int place = entry.path("IsPlaceMsg").asInt(-1);
            if (place == 1) {
                ObjectNode hole = Json.object();
                hole.put("From_Account", "");
                hole.put("IsPlaceMsg", 1);
                hole.putArray("MsgBody");
                hole.set("MsgSeq", entry.path("MsgSeq"));
                hole.put("MsgKey", entry.path("MsgSeq").asText() + "_1_0");
                hole.put("MsgTimeStamp", 0);
                JsonMatch.subset(hole, entry).ifPresent(d -> f.add("OA-HOLE-002", "hole seq " + seq + " is not "
                        + "{From_Account:\"\", IsPlaceMsg:1, MsgBody:[], MsgSeq, MsgKey:\"<seq>_1_0\", MsgTimeStamp:0}: " + d));
            } else if (place == 2) {
                if (!withRecalled) {
                    f.add("OA-RECALL-001", "recalled message seq " + seq + " is returned although WithRecalledMsg is not 1");
                    explained.add(seq);
                }
                if (!entry.path("MsgBody").isArray() || !entry.path("MsgBody").isEmpty()) {
                    f.add("OA-RECALL-001", "recalled entry seq " + seq + " has a non-empty MsgBody");
                }
            }
        }
        for (int i = 0; i + 1 < n; i++) {
            long a = list.get(i).path("MsgSeq").asLong() & UINT32_MAX;
            long b = list.get(i + 1).path("MsgSeq").asLong() & UINT32_MAX;
            if (a >= b) {
                f.add("OA-ORDER-001", "RspMsgList[" + i + "] seq " + a + " comes before RspMsgList[" + (i + 1) + "] seq " + b
                        + "; the list is in ascending MsgSeq order");
            }
        }
        String expectedKey = n == 0 ? "" : list.get(0).path("MsgKey").asText();
        if (s.path("LastMsgKey").isTextual() && !s.path("LastMsgKey").asText().equals(expectedKey)) {
            f.add("OA-PAGE-004", "LastMsgKey is " + s.path("LastMsgKey") + " but "
                    + (n == 0 ? "an empty answer has \"\"" : "the oldest entry, RspMsgList[0], has MsgKey \"" + expectedKey + "\""));
        }
        Map<Long, JsonNode> expected = bySeq(e.path("RspMsgList"));
        Map<Long, JsonNode> actual = bySeq(list);
        Set<Long> recalled = null;
        for (Map.Entry<Long, JsonNode> x : expected.entrySet()) {
            JsonNode a = actual.get(x.getKey());
            int ePlace = x.getValue().path("IsPlaceMsg").asInt();
            if (a == null) {
                if (ePlace == 1) {
                    f.add("OA-HOLE-001", "hole seq " + x.getKey() + " (IsPlaceMsg=1) is left out; a hole keeps its seq");
                } else if (ePlace == 2) {
                    f.add("OA-RECALL-001", "recalled message seq " + x.getKey() + " is left out although WithRecalledMsg is 1");
                } else {
                    f.add(cursor.matches() ? "OA-PAGE-005" : "OA-PAGE-001", "message seq " + x.getKey() + " is missing from the answer");
                }
                continue;
            }
            int aPlace = a.path("IsPlaceMsg").asInt(-1);
            if (aPlace != ePlace) {
                String rule = ePlace == 1 ? "OA-HOLE-001" : ePlace == 2 || aPlace == 2 ? "OA-RECALL-001" : "OA-MSG-001";
                f.add(rule, "seq " + x.getKey() + " has IsPlaceMsg " + a.path("IsPlaceMsg") + " where it is " + ePlace);
                continue;
            }
            for (String field : union(x.getValue(), a)) {
                JsonNode ev = x.getValue().get(field);
                JsonNode av = a.get(field);
                if ((ev != null && av != null && JsonMatch.exact(ev, av).isEmpty()) || (ev == null && !OA_ITEM_FIELDS.contains(field))) {
                    continue;
                }
                String rule = ePlace == 1 ? "OA-HOLE-002" : switch (field) {
                    case "MsgBody" -> ePlace == 2 ? "OA-RECALL-001" : ev == null || av == null ? "OA-MSG-001" : elementRule(ev, av);
                    case "MsgKey" -> "OA-KEY-001";
                    default -> "OA-MSG-001";
                };
                f.add(rule, "seq " + x.getKey() + ": " + field + " " + describe(ev, av));
            }
        }
        for (Map.Entry<Long, JsonNode> a : actual.entrySet()) {
            if (expected.containsKey(a.getKey()) || explained.contains(a.getKey())) {
                continue;
            }
            if (!withRecalled) {
                if (recalled == null) {
                    recalled = recalledSeqs(Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE, body);
                }
                if (recalled.contains(a.getKey())) {
                    f.add("OA-RECALL-001", "recalled message seq " + a.getKey() + " is returned although WithRecalledMsg is not 1");
                    continue;
                }
            }
            f.add(cursor.matches() ? "OA-PAGE-005" : "OA-PAGE-001", "seq " + a.getKey() + " does not belong in this answer");
        }
        if (s.path("IsFinished").isIntegralNumber() && s.path("IsFinished").asInt() != e.path("IsFinished").asInt()) {
            f.add("OA-FIN-001", "IsFinished is " + s.path("IsFinished") + " where it is " + e.path("IsFinished"));
        }
    }

    private static void seqEntryShape(JsonNode entry, int index, String rule, Sink f) {
        String label = "RspMsgList[" + index + "]";
        if (!entry.isObject()) {
            f.add(rule, label + " is not an object");
            return;
        }
        if (!entry.path("MsgSeq").isIntegralNumber()) {
            f.add(rule, label + ": MsgSeq is missing or not an integer");
        }
        if (!entry.path("IsPlaceMsg").isIntegralNumber() || entry.path("IsPlaceMsg").asInt() < 0 || entry.path("IsPlaceMsg").asInt() > 2) {
            f.add(rule, label + ": IsPlaceMsg is " + entry.path("IsPlaceMsg") + " (0 message, 1 hole, 2 recalled)");
        }
        if (!entry.path("MsgBody").isArray()) {
            f.add(rule, label + ": MsgBody is missing or not an array");
        }
    }

    /** Seqs the same request would show as recalled (IsPlaceMsg 2) with WithRecalledMsg=1: for attributing extras. */
    private Set<Long> recalledSeqs(Api api, JsonNode body) {
        ObjectNode probe = body.deepCopy();
        probe.put("WithRecalledMsg", 1);
        JsonNode answer = oracle.lookUp(api, probe);
        Set<Long> out = new TreeSet<>();
        if (answer != null) {
            for (JsonNode entry : answer.path("RspMsgList")) {
                if (entry.path("IsPlaceMsg").asInt() == 2) {
                    out.add(entry.path("MsgSeq").asLong());
                }
            }
        }
        return out;
    }

    private static Map<Long, JsonNode> bySeq(JsonNode list) {
        Map<Long, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode entry : list) {
            out.putIfAbsent(entry.path("MsgSeq").asLong() & UINT32_MAX, entry);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void requireField(JsonNode s, String field, String rule, boolean integer, Sink f) {
        JsonNode v = s.get(field);
        if (v == null) {
            f.add(rule, field + " is missing");
        } else if (integer && !v.isIntegralNumber()) {
            f.add(rule, field + " is not an integer: " + v);
        }
    }

    private static boolean uint32(JsonNode n) {
        return n.canConvertToLong() && n.asLong() >= 0 && n.asLong() <= UINT32_MAX;
    }

    /** ELEM-004 when the first difference is between two strings (text not kept byte for byte), else ELEM-002. */
    static String elementRule(JsonNode expected, JsonNode actual) {
        JsonNode[] d = firstDifference(expected, actual);
        return d != null && d[0] != null && d[1] != null && d[0].isTextual() && d[1].isTextual() ? "ELEM-004" : "ELEM-002";
    }

    private static JsonNode[] firstDifference(JsonNode e, JsonNode a) {
        if (JsonMatch.exact(e, a).isEmpty()) {
            return null;
        }
        if (e.isObject() && a.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = a.get(field.getKey());
                if (other == null) {
                    return new JsonNode[] {field.getValue(), null};
                }
                JsonNode[] d = firstDifference(field.getValue(), other);
                if (d != null) {
                    return d;
                }
            }
            return new JsonNode[] {null, a};
        }
        if (e.isArray() && a.isArray() && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                JsonNode[] d = firstDifference(e.get(i), a.get(i));
                if (d != null) {
                    return d;
                }
            }
        }
        return new JsonNode[] {e, a};
    }

    private static Set<String> union(JsonNode a, JsonNode b) {
        Set<String> names = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String describe(JsonNode expected, JsonNode actual) {
        if (actual == null) {
            return "is missing (expected " + brief(expected) + ")";
        }
        if (expected == null) {
            return "is present (" + brief(actual) + ") but the stored message has none";
        }
        return "is " + brief(actual) + ", expected " + brief(expected);
    }

    private static String brief(JsonNode n) {
        String s = Json.compact(n);
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    /** {@code actual} with only the object fields {@code shape} has, at every depth (arrays element by element). */
    static JsonNode projected(JsonNode actual, JsonNode shape) {
        if (actual.isObject() && shape.isObject()) {
            ObjectNode out = Json.object();
            shape.fieldNames().forEachRemaining(name -> {
                if (actual.has(name)) {
                    out.set(name, projected(actual.get(name), shape.get(name)));
                }
            });
            return out;
        }
        if (actual.isArray() && shape.isArray() && actual.size() == shape.size()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = Json.NODES.arrayNode();
            for (int i = 0; i < actual.size(); i++) {
                out.add(projected(actual.get(i), shape.get(i)));
            }
            return out;
        }
        return actual;
    }

    private static JsonNode withoutInfo(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("ErrorInfo");
        return copy;
    }
}
