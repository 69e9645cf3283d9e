package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile.Role;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.check.Findings;
import io.github.imhistory.contract.check.RetryRateChecks;
import io.github.imhistory.contract.check.Verifies;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges what an adapter handed back against what a correct client gets ({@link Oracle}): exactly the expected
 * entries, once each, oldest first, every field as answered; failures surfaced, never returned as history.
 *
 * <p>Each difference is reported under the rule that explains it: a dropped hole GRP-HOLE-002, a dropped or
 * unmarked recalled message C2C-RECALL-002, a MsgSeq/MsgRandom/MsgTimeStamp changed C2C-MSG-002 or GRP-MSG-002, a
 * MsgKey changed C2C-MSG-003, an element lost or changed ELEM-002 (ELEM-005 for an element of an unknown type), a
 * string changed ELEM-004; entries missing, repeated, unexpected or out of order, and any other field, under the
 * API's whole-history rule (C2C-CONT-002, GRP-CONT-002, OA-CONT-002).
 */
final class ResultJudge {
    /** The element types of the message format (ELEM-002); others are unknown to clients (ELEM-005). */
    static final Set<String> KNOWN_ELEMENTS = Set.of("TIMTextElem", "TIMLocationElem", "TIMFaceElem", "TIMCustomElem",
            "TIMSoundElem", "TIMImageElem", "TIMFileElem", "TIMVideoFileElem", "TIMRelayElem");
    private static final int MAX_LISTED = 8;

    private final Api api;
    private final Findings findings = new Findings();

    private ResultJudge(Api api) {
        this.api = api;
    }

    /**
     * @param walkTraffic the requests of this walk, in arrival order
     */
    @Verifies(value = {RuleId.COM_RESULT_001, RuleId.COM_ENV_003, RuleId.COM_ENV_004, RuleId.ELEM_002, RuleId.ELEM_004,
            RuleId.ELEM_005, RuleId.C2C_RECALL_002, RuleId.C2C_RECALL_003, RuleId.C2C_MSG_003, RuleId.GRP_HOLE_002},
            roles = Role.UINT32, side = Side.CLIENT)
    static List<Finding> judge(Api api, Oracle.ExpectedWalk expected, WalkRun.Outcome outcome,
                               List<RecordedRequest> walkTraffic) {
        ResultJudge j = new ResultJudge(api);
        j.run(expected, outcome, walkTraffic);
        return j.findings.all();
    }

    private void run(Oracle.ExpectedWalk expected, WalkRun.Outcome outcome, List<RecordedRequest> traffic) {
        RecordedRequest last = traffic.isEmpty() ? null : traffic.get(traffic.size() - 1);
        RuleId whole = wholeRule();
        if (outcome.timedOut()) {
            add(whole, "the adapter did not return within " + outcome.took().toSeconds() + " s (" + traffic.size()
                    + " requests sent); a walk ends at the end of history", last);
            return;
        }
        if (outcome.thrown() != null) {
            judgeThrown(expected, outcome.thrown(), traffic, last);
            return;
        }
        List<RecordedRequest> ignored = ignoredFailures(traffic);
        if (!ignored.isEmpty()) {
            RecordedRequest first = ignored.get(0);
            add(RuleId.COM_ENV_003, "the adapter returned " + outcome.entries().size() + " entries although request #"
                    + first.sequence() + " got " + first.failureText() + " and was neither retried nor surfaced"
                    + (ignored.size() > 1 ? " (" + ignored.size() + " such requests)" : "")
                    + "; a failure is surfaced to the caller, never returned as an empty or partial history", first);
            return;
        }
        if (!expected.succeeded()) {
            if (last == null) {
                add(RuleId.COM_ENV_003, "the adapter returned " + outcome.entries().size() + " entries without sending a"
                        + " request, but the history ends in " + expected.failures(), null);
            }
            return; // the client got past a failure a correct client surfaces: the traffic judge says how (COM-RETRY-001)
        }
        compare(expected.entries(), outcome.entries(), "");
        if (outcome.pages() != null) {
            int want = expected.answers().size();
            if (outcome.pages().size() != want) {
                add(whole, "paging through the adapter gave " + outcome.pages().size() + " pages; the history has "
                        + want + " (the adapter's cursor must end exactly at the end)", last);
            }
        }
    }

    private void judgeThrown(Oracle.ExpectedWalk expected, Throwable thrown, List<RecordedRequest> traffic,
                             RecordedRequest last) {
        String what = thrown.getClass().getSimpleName() + ": " + brief(String.valueOf(thrown.getMessage()));
        if (!expected.succeeded() && expected.errorCode() > 0 && last != null && last.errorCode() == expected.errorCode()) {
            if (!ImHistoryClientException.surfaces(thrown, expected.errorCode())) {
                add(RuleId.COM_ENV_004, "the adapter threw " + what + ", which does not carry ErrorCode "
                        + expected.errorCode() + " (throw ImHistoryClientException or name the code in the message)", last);
            }
            return;
        }
        if (last != null && !last.succeeded()) {
            int code = last.errorCode();
            if (code > 0 && !ImHistoryClientException.surfaces(thrown, code)) {
                add(RuleId.COM_ENV_004, "the adapter threw " + what + " after request #" + last.sequence() + " got ErrorCode "
                        + code + ", but the exception does not carry the code", last);
            }
            return; // a surfaced failure; whether it should have been retried is the traffic judge's call
        }
        RetryRateChecks.timeout(traffic, "the adapter threw " + what, findings);
        String unknown = unknownElementTypes(expected.entries());
        if (!unknown.isEmpty()) {
            add(RuleId.ELEM_005, "the adapter threw " + what + " on a history with elements " + unknown
                    + "; pass unknown elements through", last);
        }
        add(wholeRule(), "the adapter threw " + what + " although every answer it got was a success"
                + (last == null ? " (it sent no request)" : " (last: request #" + last.sequence() + ")")
                + "; expected " + expected.entries().size() + " entries", last);
    }

    /** Failed requests not followed by a retry (the same body again). */
    private static List<RecordedRequest> ignoredFailures(List<RecordedRequest> traffic) {
        List<RecordedRequest> out = new ArrayList<>();
        for (int i = 0; i < traffic.size(); i++) {
            RecordedRequest r = traffic.get(i);
            if (r.succeeded()) {
                continue;
            }
            boolean retried = false;
            for (int j = i + 1; j < traffic.size() && !retried; j++) {
                retried = traffic.get(j).path().equals(r.path()) && traffic.get(j).bodyJson().equals(r.bodyJson());
            }
            if (!retried) {
                out.add(r); // ... when the adapter still returned normally: it went on as if the failure were an answer
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ entries

    private void compare(List<JsonNode> expected, List<JsonNode> actual, String where) {
        List<String> expKeys = keys(expected);
        List<String> actKeys = keys(actual);
        Map<String, Integer> expAt = firstIndex(expKeys);
        Map<String, Integer> actAt = firstIndex(actKeys);
        Map<String, List<Integer>> seen = new LinkedHashMap<>();
        for (int i = 0; i < actKeys.size(); i++) {
            seen.computeIfAbsent(actKeys.get(i), k -> new ArrayList<>()).add(i);
        }
        List<String> repeated = new ArrayList<>();
        seen.forEach((k, at) -> {
            if (at.size() > 1) {
                repeated.add(keyName() + " " + k + " at positions " + at);
            }
        });
        if (!repeated.isEmpty()) {
            add(wholeRule(), where + "the adapter returned " + repeated.size() + " entries more than once: "
                    + list(repeated) + "; each entry comes once", null);
        }
        List<String> holes = new ArrayList<>();
        List<String> recalled = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (actAt.containsKey(expKeys.get(i))) {
                continue;
            }
            JsonNode e = expected.get(i);
            if (api != Api.ADMIN_GETROAMMSG && e.path("IsPlaceMsg").asInt() == 1) {
                holes.add(expKeys.get(i));
            } else if (api == Api.ADMIN_GETROAMMSG && e.path("MsgFlagBits").asInt() == 8) {
                recalled.add(expKeys.get(i));
            } else {
                missing.add(expKeys.get(i));
            }
        }
        if (!holes.isEmpty()) {
            add(api == Api.GROUP_MSG_GET_SIMPLE ? RuleId.GRP_HOLE_002 : wholeRule(), where + "the adapter dropped "
                    + holes.size() + " holes (IsPlaceMsg=1), MsgSeq " + list(holes) + "; holes are reported as holes", null);
        }
        if (!recalled.isEmpty()) {
            add(RuleId.C2C_RECALL_003, where + "the adapter dropped " + recalled.size() + " recalled messages (MsgFlagBits=8),"
                    + " MsgKey " + list(recalled) + "; keep them, marked as recalled", null);
        }
        if (!missing.isEmpty()) {
            add(wholeRule(), where + "the adapter left out " + missing.size() + " of " + expected.size() + " entries, "
                    + keyName() + " " + list(missing), null);
        }
        List<String> unexpected = new ArrayList<>();
        for (String k : seen.keySet()) {
            if (!expAt.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (!unexpected.isEmpty()) {
            add(wholeRule(), where + "the adapter returned " + unexpected.size() + " entries that are not in the history"
                    + " walked, " + keyName() + " " + list(unexpected), null);
        }
        List<String> common = new ArrayList<>();
        for (String k : seen.keySet()) {
            if (expAt.containsKey(k)) {
                common.add(k);
            }
        }
        List<String> expCommon = expKeys.stream().filter(actAt::containsKey).toList();
        for (int i = 0; i < common.size(); i++) {
            if (!common.get(i).equals(expCommon.get(i))) {
                add(wholeRule(), where + "entries are out of order: " + keyName() + " " + common.get(i) + " comes where "
                        + expCommon.get(i) + " belongs (position " + actAt.get(common.get(i)) + "); return the history"
                        + " oldest first", null);
                break;
            }
        }
        for (int i = 0; i < expected.size(); i++) {
            Integer at = actAt.get(expKeys.get(i));
            if (at != null) {
                fields(expected.get(i), actual.get(at), where + keyName() + " " + expKeys.get(i));
            }
        }
    }

    private void fields(JsonNode expected, JsonNode actual, String entry) {
        List<String[]> diffs = new ArrayList<>();
        diff(expected, actual, "", diffs);
        Map<RuleId, List<String>> byRule = new LinkedHashMap<>();
        for (String[] d : diffs) {
            RuleId rule = classify(d[0], expected, d[1], d[2]);
            byRule.computeIfAbsent(rule, k -> new ArrayList<>()).add(d[0] + ": expected " + d[1] + " but was " + d[2]);
        }
        byRule.forEach((rule, list) -> add(rule, entry + " differs from the answer: " + list(list), null));
    }

    /** Every difference as {pointer, expected, actual}; numbers compare by value, integers must stay integers. */
    private static void diff(JsonNode e, JsonNode a, String at, List<String[]> out) {
        if (a == null || a.isMissingNode()) {
            out.add(new String[] {at, brief(e), "missing"});
            return;
        }
        if (e.isObject() && a.isObject()) {
            for (Map.Entry<String, JsonNode> f : e.properties()) {
                diff(f.getValue(), a.get(f.getKey()), at + "/" + f.getKey(), out);
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!e.has(name)) {
                    out.add(new String[] {at + "/" + name, "no such field", brief(a.get(name))});
                }
            }
            return;
        }
        if (e.isArray() && a.isArray()) {
            for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
                if (i >= e.size()) {
                    out.add(new String[] {at + "/" + i, "no element", brief(a.get(i))});
                } else {
                    diff(e.get(i), a.get(i), at + "/" + i, out);
                }
            }
            return;
        }
        if (e.isNumber() && a.isNumber()) {
            if (e.isIntegralNumber() != a.isIntegralNumber() || e.decimalValue().compareTo(a.decimalValue()) != 0) {
                out.add(new String[] {at, e.toString(), a.toString()});
            }
            return;
        }
        if (!e.equals(a)) {
            out.add(new String[] {at, brief(e), brief(a)});
        }
    }

    private RuleId classify(String pointer, JsonNode entry, String expected, String actual) {
        String top = pointer.replaceFirst("^/", "").replaceFirst("/.*$", "");
        boolean text = expected.startsWith("\"") || actual.startsWith("\"");
        switch (top) {
            case "MsgBody": {
                String[] parts = pointer.split("/");
                JsonNode element = parts.length > 2 ? entry.path("MsgBody").path(parts[2]) : entry.path("MsgBody");
                if (element.isObject() && !KNOWN_ELEMENTS.contains(element.path("MsgType").asText())) {
                    return RuleId.ELEM_005;
                }
                return text && !pointer.endsWith("/MsgType") ? RuleId.ELEM_004 : RuleId.ELEM_002;
            }
            case "MsgSeq", "MsgRandom":
                return api.profile().rule(Role.UINT32).orElse(wholeRule());
            case "MsgKey":
                return api == Api.ADMIN_GETROAMMSG ? RuleId.C2C_MSG_003 : wholeRule();
            case "MsgFlagBits":
                return api == Api.ADMIN_GETROAMMSG ? RuleId.C2C_RECALL_002 : wholeRule();
            case "IsPlaceMsg":
                return api == Api.GROUP_MSG_GET_SIMPLE && entry.path("IsPlaceMsg").asInt() == 1 ? RuleId.GRP_HOLE_002 : wholeRule();
            default:
                return text ? RuleId.ELEM_004 : wholeRule();
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<String> keys(List<JsonNode> entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(key(api, e)));
        return out;
    }

    /** How entries are matched: by the profile's key (MsgKey or MsgSeq, numbers modulo 2^32). */
    static String key(Api api, JsonNode e) {
        return api.profile().key(e);
    }

    private static Map<String, Integer> firstIndex(List<String> keys) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.putIfAbsent(keys.get(i), i);
        }
        return out;
    }

    static String unknownElementTypes(List<JsonNode> entries) {
        List<String> types = new ArrayList<>();
        for (JsonNode e : entries) {
            for (JsonNode el : e.path("MsgBody")) {
                String t = el.path("MsgType").asText();
                if (!KNOWN_ELEMENTS.contains(t) && !types.contains(t)) {
                    types.add(t);
                }
            }
        }
        return types.isEmpty() ? "" : types.toString();
    }

    private String keyName() {
        return api.profile().keyName();
    }

    /** What a client hands back against what it was served (COM-RESULT-001). */
    private RuleId wholeRule() {
        return RuleId.COM_RESULT_001;
    }

    private void add(RuleId rule, String message, RecordedRequest request) {
        findings.add(rule, message, request);
    }

    private static String list(List<String> items) {
        if (items.size() <= MAX_LISTED) {
            return items.toString();
        }
        return items.subList(0, MAX_LISTED) + " and " + (items.size() - MAX_LISTED) + " more";
    }

    private static String brief(JsonNode n) {
        return brief(Json.compact(n));
    }

    private static String brief(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
