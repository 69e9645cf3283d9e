package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.C2cProfile;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import io.github.imhistory.contract.Uint32;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rules of one admin_getroammsg page, each checked here and nowhere else. Every check judges the page on its own
 * (what needs no stored data) and, when a reference answer is given, against it.
 */
public final class C2cPageChecks {
    /**
     * How much earlier than the reference a server may cut a page by bytes (C2C-PAGE-005, -006): its own measure of
     * the 13K limit (envelope, escaping) may differ a little from the compact-JSON sum of the rule.
     */
    public static final int BYTE_CUT_TOLERANCE = 1024;

    private C2cPageChecks() {}

    /** A success answer; {@code reference} may be null. */
    static void judge(ServerAnswer a, Reference reference, Lookup lookup, Findings f) {
        msgCnt(a, f);
        if (!entries(a, reference, f)) {
            return;
        }
        window(a, f); // first the checks that blame single messages, so that consequences are not blamed again
        cursor(a, reference, f);
        order(a, f);
        lastMsg(a, f);
        complete(a, reference, f);
        limits(a, f);
        ContentChecks.content(a, reference, lookup, f);
    }

    static JsonNode list(ServerAnswer a) {
        return a.answer().path("MsgList");
    }

    @Verifies(value = RuleId.C2C_PAGE_002, side = Side.SERVER)
    static void msgCnt(ServerAnswer a, Findings f) {
        JsonNode cnt = a.answer().get("MsgCnt");
        JsonNode list = list(a);
        if (cnt == null || !cnt.isIntegralNumber()) {
            a.add(f, RuleId.C2C_PAGE_002, "MsgCnt is " + (cnt == null ? "missing" : "not an integer: " + cnt));
        } else if (list.isArray() && cnt.asLong() != list.size()) {
            a.add(f, RuleId.C2C_PAGE_002, "MsgCnt is " + cnt + " but MsgList holds " + list.size() + " messages");
        }
    }

    /**
     * LastMsgTime and LastMsgKey are there (C2C-PAGE-003) and name the oldest message, MsgList[0] (C2C-PAGE-011); an
     * empty page has its own shape (C2C-PAGE-010).
     */
    @Verifies(value = {RuleId.C2C_PAGE_003, RuleId.C2C_PAGE_011, RuleId.C2C_PAGE_010}, side = Side.SERVER)
    static void lastMsg(ServerAnswer a, Findings f) {
        JsonNode s = a.answer();
        JsonNode time = s.get("LastMsgTime");
        JsonNode key = s.get("LastMsgKey");
        if (time == null || !time.isIntegralNumber()) {
            a.add(f, RuleId.C2C_PAGE_003, "LastMsgTime is " + (time == null ? "missing" : "not an integer: " + time));
        }
        if (key == null || !key.isTextual()) {
            a.add(f, RuleId.C2C_PAGE_003, "LastMsgKey is " + (key == null ? "missing" : "not a string: " + key));
        }
        JsonNode list = list(a);
        if (!list.isArray()) {
            return;
        }
        if (!list.isEmpty()) {
            // the oldest by the order, not by position: a page in the wrong order is the order rules' finding
            JsonNode oldest = java.util.stream.StreamSupport.stream(list.spliterator(), false)
                    .min(a.profile().order()).orElseThrow();
            if (!s.path("LastMsgKey").asText().equals(oldest.path("MsgKey").asText())
                    || s.path("LastMsgTime").asLong(-1) != oldest.path("MsgTimeStamp").asLong(-2)) {
                a.add(f, RuleId.C2C_PAGE_011, "LastMsgTime/LastMsgKey are " + s.path("LastMsgTime") + "/"
                        + s.path("LastMsgKey") + " but the oldest message of the page has "
                        + oldest.path("MsgTimeStamp") + "/" + oldest.path("MsgKey"));
            }
        } else if (s.path("Complete").asInt(-1) != 1 || s.path("LastMsgTime").asLong(-1) != 0
                || !"".equals(s.path("LastMsgKey").asText(null))) {
            a.add(f, RuleId.C2C_PAGE_010, "an empty page answers Complete 1, LastMsgTime 0, LastMsgKey \"\"; this one"
                    + " has Complete " + s.path("Complete") + ", LastMsgTime " + s.path("LastMsgTime") + ", LastMsgKey "
                    + s.path("LastMsgKey"));
        }
    }

    /**
     * Complete is an integer, and 1 exactly when no older message of the window remains (by the reference). A page
     * that holds a message it should not (already blamed) may push an older one off: its Complete is then not judged.
     */
    @Verifies(value = RuleId.C2C_PAGE_007, side = Side.SERVER)
    static void complete(ServerAnswer a, Reference reference, Findings f) {
        JsonNode c = a.answer().get("Complete");
        if (c == null || !c.isIntegralNumber()) {
            a.add(f, RuleId.C2C_PAGE_007, "Complete is " + (c == null ? "missing" : "not an integer: " + c));
            return;
        }
        boolean intruders = a.profile().keys(a.answer()).stream().anyMatch(a::explained);
        if (reference != null && !intruders && reference.json().path("Complete").asInt() != c.asInt()) {
            a.add(f, RuleId.C2C_PAGE_007, reference.json().path("Complete").asInt() == 0
                    ? "Complete is " + c + " but older messages of the window remain"
                    : "Complete is " + c + " but no older message of the window remains");
        }
    }

    /**
     * Each entry's fields and types, and (with a reference) each field as stored: whether there is a list to judge
     * further.
     */
    @Verifies(value = {RuleId.C2C_MSG_001, RuleId.C2C_MSG_002, RuleId.C2C_MSG_003, RuleId.C2C_MSG_004,
            RuleId.C2C_MSG_005, RuleId.C2C_RECALL_001}, side = Side.SERVER)
    static boolean entries(ServerAnswer a, Reference reference, Findings f) {
        JsonNode list = a.answer().get("MsgList");
        if (list == null || !list.isArray()) {
            a.add(f, RuleId.C2C_MSG_001, "MsgList is " + (list == null ? "missing" : "not an array"));
            return false;
        }
        for (int i = 0; i < list.size(); i++) {
            shape(a, list.get(i), label(list.get(i), i), f);
        }
        if (reference != null) {
            ApiProfile p = a.profile();
            java.util.Map<String, JsonNode> actual = new java.util.LinkedHashMap<>();
            list.forEach(item -> actual.putIfAbsent(p.key(item), item));
            for (JsonNode e : reference.json().path("MsgList")) {
                JsonNode item = actual.get(p.key(e));
                if (item != null) {
                    fields(a, e, item, f);
                }
            }
        }
        return true;
    }

    private static void shape(ServerAnswer a, JsonNode item, String label, Findings f) {
        if (!item.isObject()) {
            a.add(f, RuleId.C2C_MSG_001, "MsgList entry " + label + " is not an object");
            return;
        }
        // the three fields seed 000 documents (C2C-MSG-001); the five more every entry carries (C2C-MSG-005)
        for (String field : List.of("From_Account", "To_Account", "MsgKey")) {
            if (!item.path(field).isTextual()) {
                a.add(f, field.equals("MsgKey") ? RuleId.C2C_MSG_001 : RuleId.C2C_MSG_005, "message " + label + ": "
                        + field + " is missing or not a string");
            }
        }
        for (String field : List.of("MsgSeq", "MsgRandom", "MsgTimeStamp", "MsgFlagBits")) {
            if (!item.path(field).isIntegralNumber()) {
                a.add(f, field.equals("MsgFlagBits") ? RuleId.C2C_MSG_001 : RuleId.C2C_MSG_005, "message " + label
                        + ": " + field + " is missing or not an integer");
            }
        }
        if (!item.has("MsgBody")) {
            a.add(f, RuleId.C2C_MSG_001, "message " + label + ": MsgBody is missing");
        } else {
            ElementChecks.shape(a, "message " + label, item.get("MsgBody"), f);
        }
        for (String field : List.of("MsgSeq", "MsgRandom")) {
            if (item.path(field).isIntegralNumber() && !Uint32.is(item.path(field))) {
                a.add(f, RuleId.C2C_MSG_002, "message " + label + ": " + field + " is " + item.path(field)
                        + ", not an unsigned 32-bit value");
            }
        }
        if (item.path("MsgTimeStamp").isIntegralNumber() && !Uint32.is(item.path("MsgTimeStamp"))) {
            a.add(f, RuleId.C2C_MSG_001, "message " + label + ": MsgTimeStamp " + item.path("MsgTimeStamp")
                    + " is out of range");
        }
        JsonNode flags = item.path("MsgFlagBits");
        if (flags.isIntegralNumber() && flags.asLong() != 0 && flags.asLong() != 8) {
            a.add(f, RuleId.C2C_RECALL_001, "message " + label + " has MsgFlagBits " + flags + " (0, or 8 when recalled)");
        }
        // from the values modulo 2^32: a number cut to int32 is C2C-MSG-002's finding, not a wrong MsgKey
        String key = C2cProfile.formatKey(Uint32.masked(item.path("MsgSeq")), Uint32.masked(item.path("MsgRandom")),
                Uint32.masked(item.path("MsgTimeStamp")));
        if (item.path("MsgKey").isTextual() && !item.path("MsgKey").asText().equals(key)) {
            a.add(f, RuleId.C2C_MSG_003, "message " + label + " has MsgKey " + item.path("MsgKey")
                    + ", not MsgSeq_MsgRandom_MsgTimeStamp " + key);
        }
    }

    private static void fields(ServerAnswer a, JsonNode e, JsonNode item, Findings f) {
        String label = "message " + e.path("MsgKey").asText();
        for (String field : PageText.union(e, item)) {
            JsonNode ev = e.get(field);
            JsonNode av = item.get(field);
            if ((ev != null && av != null && io.github.imhistory.contract.JsonMatch.exact(ev, av).isEmpty())
                    || (ev == null && !a.profile().entryFields().contains(field))) {
                continue;
            }
            if (ev != null && av != null && ("MsgBody".equals(field) || "CloudCustomData".equals(field))) {
                ElementChecks.roundTrip(a, label, field, ev, av, f);
                continue;
            }
            RuleId rule = switch (field) {
                case "MsgFlagBits" -> RuleId.C2C_RECALL_001;
                case "MsgSeq", "MsgRandom" -> RuleId.C2C_MSG_002;
                case "CloudCustomData", "IsPeerRead" -> RuleId.C2C_MSG_004;
                case "MsgKey" -> RuleId.C2C_MSG_003;
                case "MsgBody" -> RuleId.C2C_MSG_001;
                default -> RuleId.C2C_MSG_005;
            };
            a.add(f, rule, label + ": " + field + " " + PageText.describe(ev, av)
                    + ("MsgFlagBits".equals(field) && ev != null && ev.asInt() == 8 ? " (the message is recalled)" : ""));
        }
    }

    /** Every message is of the conversation, in both directions, within [MinTime, MaxTime]. */
    @Verifies(value = RuleId.C2C_WIN_001, side = Side.SERVER)
    static void window(ServerAnswer a, Findings f) {
        JsonNode body = a.body();
        String[] accounts = C2cProfile.accounts(body);
        long minTime = body.path("MinTime").asLong();
        long maxTime = body.path("MaxTime").asLong();
        JsonNode list = list(a);
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            long t = item.path("MsgTimeStamp").asLong();
            if (item.path("MsgTimeStamp").isIntegralNumber() && (t < minTime || t > maxTime)) {
                a.add(f, RuleId.C2C_WIN_001, "message " + label(item, i) + " has MsgTimeStamp " + t
                        + ", outside the window [" + minTime + ", " + maxTime + "]");
                a.explain(a.profile().key(item));
            }
            String x = item.path("From_Account").asText();
            String y = item.path("To_Account").asText();
            if (!((x.equals(accounts[0]) && y.equals(accounts[1])) || (x.equals(accounts[1]) && y.equals(accounts[0])))) {
                a.add(f, RuleId.C2C_WIN_001, "message " + label(item, i) + " is from " + x + " to " + y
                        + ", not of the conversation " + accounts[0] + "/" + accounts[1]);
                a.explain(a.profile().key(item));
            }
        }
    }

    /**
     * A continuation holds only messages strictly before LastMsgKey: the cursor message is not repeated, and (by the
     * reference) the newest message before it is not skipped.
     */
    @Verifies(value = RuleId.C2C_PAGE_008, side = Side.SERVER)
    static void cursor(ServerAnswer a, Reference reference, Findings f) {
        String key = a.body().path("LastMsgKey").asText("");
        long[] cursor = C2cProfile.parseKey(key).orElse(null);
        if (cursor == null) {
            return;
        }
        JsonNode list = list(a);
        JsonNode expected = reference == null ? null : reference.json().path("MsgList");
        if (expected != null && !expected.isEmpty()) {
            JsonNode newest = expected.get(expected.size() - 1);
            String newestKey = a.profile().key(newest);
            if (!a.profile().keys(a.answer()).contains(newestKey)) {
                a.add(f, RuleId.C2C_PAGE_008, "message " + newest.path("MsgKey").asText(newestKey) + ", the newest before"
                        + " the cursor " + key + ", is skipped");
                a.explain(newestKey);
            }
        }
        for (int i = 0; i < list.size(); i++) {
            int c = C2cProfile.compare(C2cProfile.position(list.get(i)), cursor);
            if (c >= 0) {
                a.add(f, RuleId.C2C_PAGE_008, "message " + label(list.get(i), i) + " is not strictly before LastMsgKey "
                        + key + (c == 0 ? " (it is the cursor message itself, repeated)" : ""));
                a.explain(a.profile().key(list.get(i)));
            }
        }
    }

    /** A page is strictly ascending by (MsgTimeStamp, MsgSeq, MsgRandom); which key is out names the rule. */
    @Verifies(value = {RuleId.C2C_ORDER_001, RuleId.C2C_ORDER_002, RuleId.C2C_ORDER_003}, side = Side.SERVER)
    static void order(ServerAnswer a, Findings f) {
        JsonNode list = list(a);
        boolean descending = list.size() > 1;
        for (int i = 0; i + 1 < list.size() && descending; i++) {
            descending = C2cProfile.compare(C2cProfile.position(list.get(i)), C2cProfile.position(list.get(i + 1))) > 0;
        }
        if (descending) { // one fault, the direction: not also every tie-break it reverses
            a.add(f, RuleId.C2C_ORDER_003, "MsgList is in descending order, newest first (" + label(list.get(0), 0)
                    + " first); a page is ascending");
            return;
        }
        for (int i = 0; i + 1 < list.size(); i++) {
            long[] x = C2cProfile.position(list.get(i));
            long[] y = C2cProfile.position(list.get(i + 1));
            int c = C2cProfile.compare(x, y);
            if (c < 0) {
                continue;
            }
            RuleId rule = x[0] != y[0] || c == 0 ? RuleId.C2C_ORDER_003 : x[1] != y[1] ? RuleId.C2C_ORDER_001
                    : RuleId.C2C_ORDER_002;
            a.add(f, rule, "MsgList[" + i + "] " + label(list.get(i), i) + " comes before MsgList[" + (i + 1) + "] "
                    + label(list.get(i + 1), i + 1) + "; a page is strictly ascending by (MsgTimeStamp, MsgSeq, MsgRandom)");
        }
    }

    /** At most MaxCnt messages, and at most 13312 bytes of compact JSON unless a single message. */
    @Verifies(value = {RuleId.C2C_PAGE_004, RuleId.C2C_PAGE_006}, side = Side.SERVER)
    static void limits(ServerAnswer a, Findings f) {
        JsonNode list = list(a);
        long maxCnt = a.body().path("MaxCnt").asLong();
        if (list.size() > maxCnt) {
            a.add(f, RuleId.C2C_PAGE_004, "the page holds " + list.size() + " messages, more than MaxCnt " + maxCnt);
        }
        long bytes = pageBytes(a);
        if (list.size() > 1 && bytes > ApiProfile.C2C_PAGE_BYTES) {
            a.add(f, RuleId.C2C_PAGE_006, "the page's " + list.size() + " messages add up to " + bytes
                    + " bytes of compact JSON, more than " + ApiProfile.C2C_PAGE_BYTES);
        }
    }

    /**
     * A page that holds only the newest of the messages the reference holds was cut short (C2C-PAGE-005), unless it
     * was cut by bytes a little earlier than the reference: the next older message would have brought it within
     * {@link #BYTE_CUT_TOLERANCE} of the limit and the server says more pages follow (its own measure may differ).
     * Returns whether the missing messages are explained so.
     */
    @Verifies(value = RuleId.C2C_PAGE_005, side = Side.SERVER)
    static boolean cutShort(ServerAnswer a, Reference reference, List<String> expectedKeys, List<String> actualKeys,
                            Findings f) {
        int n = actualKeys.size();
        boolean prefix = n < expectedKeys.size()
                && expectedKeys.subList(expectedKeys.size() - n, expectedKeys.size()).equals(actualKeys);
        if (!prefix) {
            return false;
        }
        JsonNode eList = reference.json().path("MsgList");
        if (n > 0 && reference.json().path("Complete").asInt() == 0 && a.answer().path("Complete").asInt(-1) == 0) {
            long withNext = pageBytes(a) + bytes(eList.get(expectedKeys.size() - n - 1));
            if (withNext > ApiProfile.C2C_PAGE_BYTES - BYTE_CUT_TOLERANCE) {
                a.tolerate();
                return true;
            }
        }
        a.add(f, RuleId.C2C_PAGE_005, "the page holds " + n + " messages where " + expectedKeys.size() + " fit (MaxCnt "
                + a.body().path("MaxCnt") + ", 13312 bytes); missing "
                + PageText.list(expectedKeys.subList(0, expectedKeys.size() - n)));
        return true;
    }

    /** The page's messages in UTF-8 bytes as the server wrote them (no number re-serialized), compact. */
    private static long pageBytes(ServerAnswer a) {
        java.util.List<Long> sizes = io.github.imhistory.contract.RawJson.elementSizes(a.exchange().answer(), "MsgList");
        return sizes.size() == list(a).size() ? sizes.stream().mapToLong(Long::longValue).sum() : bytes(list(a));
    }

    private static long bytes(JsonNode n) {
        if (n.isArray()) {
            long sum = 0;
            for (JsonNode item : n) {
                sum += bytes(item);
            }
            return sum;
        }
        return Json.compact(n).getBytes(StandardCharsets.UTF_8).length;
    }

    static String label(JsonNode item, int index) {
        return item.path("MsgKey").isTextual() ? item.path("MsgKey").asText() : "MsgList[" + index + "]";
    }
}
