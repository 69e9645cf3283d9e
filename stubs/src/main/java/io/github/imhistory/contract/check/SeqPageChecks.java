package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.ApiProfile.Role;
import io.github.imhistory.contract.JsonMatch;
import io.github.imhistory.contract.OfficialAccountProfile;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.SeqProfile;
import io.github.imhistory.contract.Side;
import io.github.imhistory.contract.Uint32;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The rules of one group_msg_get_simple or official_account_msg_get_simple page, each checked here and nowhere
 * else: what the two APIs share is checked once, under the rule each API's profile names for the {@link Role}.
 * Every check judges the page on its own and, when a reference answer is given, against it.
 */
public final class SeqPageChecks {
    private SeqPageChecks() {}

    /** A success answer; {@code reference} may be null. */
    static void judge(ServerAnswer a, Reference reference, Lookup lookup, Findings f) {
        echo(a, f);
        isFinished(a, reference, f);
        if (a.api().profile() instanceof OfficialAccountProfile) {
            lastMsgKey(a, f);
        }
        if (!entries(a, reference, f)) {
            return;
        }
        limit(a, f);
        cursorBound(a, f);
        for (JsonNode entry : list(a)) {
            if (entry.path("IsPlaceMsg").asInt(-1) == 1) {
                holeShape(a, entry, null, f);
            }
        }
        recalled(a, null, List.of(), List.of(), f);
        order(a, f);
        ContentChecks.content(a, reference, lookup, f);
    }

    static JsonNode list(ServerAnswer a) {
        return a.answer().path("RspMsgList");
    }

    private static RuleId rule(ServerAnswer a, Role role) {
        return a.profile().ruleOf(role);
    }

    @Verifies(roles = Role.ECHO, apis = {Api.GROUP_MSG_GET_SIMPLE, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE},
            side = Side.SERVER)
    static void echo(ServerAnswer a, Findings f) {
        String field = a.profile() instanceof OfficialAccountProfile ? "Official_Account" : "GroupId";
        JsonNode s = a.answer();
        if (!s.path(field).isTextual() || !s.path(field).asText().equals(a.body().path(field).asText())) {
            a.add(f, rule(a, Role.ECHO), field + " is " + (s.has(field) ? s.get(field) : "missing")
                    + " but the request asked for " + a.body().path(field));
        }
    }

    /**
     * IsFinished is one of the documented values 1, 0, 2 ({@link Role#IS_FINISHED}) and, with a reference, the value
     * the chosen reading gives: a wrong value breaks the inferred rule of the value that is due (1
     * {@link Role#FINISHED_WHOLE}, 0 {@link Role#FINISHED_CUT}, 2 {@link Role#FINISHED_EXPIRED}).
     */
    @Verifies(roles = {Role.IS_FINISHED, Role.FINISHED_WHOLE, Role.FINISHED_CUT, Role.FINISHED_EXPIRED},
            apis = {Api.GROUP_MSG_GET_SIMPLE, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE}, side = Side.SERVER)
    static void isFinished(ServerAnswer a, Reference reference, Findings f) {
        JsonNode v = a.answer().get("IsFinished");
        if (v == null || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > 2) {
            a.add(f, rule(a, Role.IS_FINISHED), "IsFinished is " + (v == null ? "missing" : v)
                    + "; it is 1, 0 or 2");
            return;
        }
        int due = reference == null ? v.asInt() : reference.json().path("IsFinished").asInt();
        if (v.asInt() != due) {
            Role role = due == 1 ? Role.FINISHED_WHOLE : due == 0 ? Role.FINISHED_CUT : Role.FINISHED_EXPIRED;
            a.add(f, rule(a, role), "IsFinished is " + v + " where it is " + due + " (ReqMsgNumber "
                    + a.body().path("ReqMsgNumber").asText("absent") + ", " + list(a).size() + " entries returned)");
        }
    }

    /** OA-PAGE-004: LastMsgKey is the MsgKey of the oldest entry, "" for an empty answer. */
    @Verifies(value = RuleId.OA_PAGE_004, apis = {Api.GROUP_MSG_GET_SIMPLE, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE},
            side = Side.SERVER)
    static void lastMsgKey(ServerAnswer a, Findings f) {
        JsonNode key = a.answer().get("LastMsgKey");
        if (key == null || !key.isTextual()) {
            a.add(f, RuleId.OA_PAGE_004, "LastMsgKey is missing or not a string");
            return;
        }
        JsonNode list = list(a);
        if (!list.isArray()) {
            return;
        }
        // the oldest by seq, not by position: a list in the wrong order is the order rule's finding
        String expected = list.isEmpty() ? "" : java.util.stream.StreamSupport.stream(list.spliterator(), false)
                .min(a.profile().order()).orElseThrow().path("MsgKey").asText();
        if (!key.asText().equals(expected)) {
            a.add(f, RuleId.OA_PAGE_004, "LastMsgKey is " + key + " but " + (list.isEmpty()
                    ? "an empty answer has \"\"" : "the oldest entry has MsgKey \"" + expected + "\""));
        }
    }

    /**
     * Each entry's fields and types (MsgSeq and MsgRandom as uint32, the official account's MsgKey form, IsSystemMsg
     * only as 1) and, with a reference, each field of each message as stored: whether there is a list to judge further.
     */
    @Verifies(value = {RuleId.GRP_MSG_003, RuleId.OA_KEY_001, RuleId.OA_MSG_002}, roles = {Role.ENTRY_SHAPE, Role.UINT32},
            apis = {Api.GROUP_MSG_GET_SIMPLE, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE},
            side = Side.SERVER)
    static boolean entries(ServerAnswer a, Reference reference, Findings f) {
        ApiProfile p = a.profile();
        RuleId shape = rule(a, Role.ENTRY_SHAPE);
        JsonNode list = a.answer().get("RspMsgList");
        if (list == null || !list.isArray()) {
            a.add(f, shape, "RspMsgList is " + (list == null ? "missing" : "not an array"));
            return false;
        }
        boolean oa = p instanceof OfficialAccountProfile;
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String at = "RspMsgList[" + i + "]";
            if (!entry.isObject()) {
                a.add(f, shape, at + " is not an object");
                continue;
            }
            long seq = Uint32.masked(entry.path("MsgSeq"));
            if (!entry.path("MsgSeq").isIntegralNumber()) {
                a.add(f, shape, at + ": MsgSeq is missing or not an integer");
            }
            int place = entry.path("IsPlaceMsg").asInt(-1);
            if (!entry.path("IsPlaceMsg").isIntegralNumber() || place < 0 || place > 2) {
                a.add(f, shape, at + ": IsPlaceMsg is " + entry.path("IsPlaceMsg") + " (0 message, 1 hole, 2 recalled)");
            }
            if (!entry.has("MsgBody")) {
                a.add(f, shape, at + ": MsgBody is missing");
            } else {
                ElementChecks.shape(a, "entry seq " + seq, entry.get("MsgBody"), f);
            }
            // an official-account message stored without a sender has none (OA-MSG-002); a group entry always has one
            if (oa ? entry.has("From_Account") && !entry.get("From_Account").isTextual()
                    : !entry.path("From_Account").isTextual()) {
                a.add(f, oa ? RuleId.OA_MSG_002 : shape, "entry seq " + seq + ": From_Account is " + (oa ? "not a string"
                        : "missing or not a string"));
            }
            if (!entry.path("MsgTimeStamp").isIntegralNumber()
                    || (oa ? !entry.path("MsgKey").isTextual() : !entry.path("MsgRandom").isIntegralNumber())) {
                a.add(f, shape, "entry seq " + seq + ": " + (oa ? "MsgKey (string)" : "MsgRandom (integer)")
                        + " and MsgTimeStamp (integer) are required");
            }
            p.rule(Role.UINT32).ifPresent(uint32 -> {
                for (String field : List.of("MsgSeq", "MsgRandom")) {
                    if (entry.path(field).isIntegralNumber() && !Uint32.is(entry.path(field))) {
                        a.add(f, uint32, "entry seq " + seq + ": " + field + " is " + entry.path(field)
                                + ", not an unsigned 32-bit value");
                    }
                }
            });
            if (oa && entry.path("MsgKey").isTextual() && place != 1) {
                String key = OfficialAccountProfile.formatKey(entry.path("MsgSeq").asLong(),
                        entry.path("MsgTimeStamp").asLong());
                if (!entry.path("MsgKey").asText().equals(key)) {
                    a.add(f, RuleId.OA_KEY_001, "entry seq " + seq + " has MsgKey " + entry.path("MsgKey")
                            + ", not MsgSeq_1_MsgTimeStamp " + key);
                }
            }
            if (!oa && entry.has("IsSystemMsg") && entry.path("IsSystemMsg").asInt() != 1) {
                a.add(f, RuleId.GRP_MSG_003, "entry seq " + seq + " carries IsSystemMsg " + entry.get("IsSystemMsg")
                        + "; it appears only on system messages, as 1");
            }
        }
        if (reference != null) {
            Map<Long, JsonNode> actual = bySeq(list);
            for (Map.Entry<Long, JsonNode> x : bySeq(reference.json().path("RspMsgList")).entrySet()) {
                JsonNode e = x.getValue();
                JsonNode got = actual.get(x.getKey());
                if (got != null && e.path("IsPlaceMsg").asInt() == 0 && got.path("IsPlaceMsg").asInt(-1) == 0) {
                    fields(a, x.getKey(), e, got, f);
                }
            }
        }
        return true;
    }

    private static void fields(ServerAnswer a, long seq, JsonNode e, JsonNode got, Findings f) {
        ApiProfile p = a.profile();
        for (String field : PageText.union(e, got)) {
            JsonNode ev = e.get(field);
            JsonNode av = got.get(field);
            if ((ev != null && av != null && JsonMatch.exact(ev, av).isEmpty())
                    || (ev == null && !p.entryFields().contains(field))) {
                continue;
            }
            if (ev != null && av != null && ("MsgBody".equals(field) || "CloudCustomData".equals(field))) {
                ElementChecks.roundTrip(a, "seq " + seq, field, ev, av, f);
                continue;
            }
            boolean uint32Cut = ("MsgSeq".equals(field) || "MsgRandom".equals(field))
                    && ((ev != null && ev.asLong() > Integer.MAX_VALUE) || (av != null && av.asLong() < 0));
            RuleId rule;
            if (uint32Cut && p.rule(Role.UINT32).isPresent()) {
                rule = p.ruleOf(Role.UINT32);
            } else if ("MsgKey".equals(field) && p instanceof OfficialAccountProfile) {
                rule = RuleId.OA_KEY_001;
            } else if ("From_Account".equals(field) && p instanceof OfficialAccountProfile) {
                rule = RuleId.OA_MSG_002;
            } else if (!(p instanceof OfficialAccountProfile) && ("MsgPriority".equals(field)
                    || "IsSystemMsg".equals(field) || "CloudCustomData".equals(field)) && (ev == null || av == null)) {
                rule = RuleId.GRP_MSG_003;
            } else {
                rule = p.ruleOf(Role.ENTRY_SHAPE);
            }
            a.add(f, rule, "seq " + seq + ": " + field + " " + PageText.describe(ev, av));
        }
    }

    /** At most 20 entries, whatever ReqMsgNumber says (and for official accounts at most ReqMsgNumber). */
    @Verifies(roles = Role.PAGE_LIMIT, apis = {Api.GROUP_MSG_GET_SIMPLE, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE},
            side = Side.SERVER)
    static void limit(ServerAnswer a, Findings f) {
        int n = list(a).size();
        long limit = a.profile() instanceof OfficialAccountProfile ? a.profile().pageLimit(a.body()) : ApiProfile.SEQ_PAGE_MAX;
        if (n > limit) {
            a.add(f, rule(a, Role.PAGE_LIMIT), "the answer holds " + n + " entries; at most " + limit
                    + (limit == ApiProfile.SEQ_PAGE_MAX ? " are returned whatever ReqMsgNumber says"
                    : " (min(ReqMsgNumber, 20))"));
            // the entries past the limit (the oldest) are this finding's, not the content's
            List<JsonNode> oldestFirst = a.profile().oldestFirst(list(a));
            oldestFirst.subList(0, (int) (n - limit)).forEach(e -> a.explain(a.profile().key(e)));
        }
    }

    /** Every entry at or below ReqMsgSeq (groups), strictly before the LastMsgKey's seq (official accounts). */
    @Verifies(roles = Role.CURSOR_BOUND, apis = {Api.GROUP_MSG_GET_SIMPLE, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE},
            side = Side.SERVER)
    static void cursorBound(ServerAnswer a, Findings f) {
        JsonNode body = a.body();
        boolean oa = a.profile() instanceof OfficialAccountProfile;
        long bound;
        if (oa) {
            OptionalLong seq = OfficialAccountProfile.parseKey(body.path("LastMsgKey").asText(""));
            if (seq.isEmpty()) {
                return;
            }
            bound = seq.getAsLong() - 1;
        } else {
            if (!body.has("ReqMsgSeq")) {
                return;
            }
            bound = body.path("ReqMsgSeq").asLong();
        }
        for (JsonNode entry : list(a)) {
            long seq = Uint32.masked(entry.path("MsgSeq"));
            if (seq > bound) {
                a.add(f, rule(a, Role.CURSOR_BOUND), "entry seq " + seq + (oa ? " is not earlier than LastMsgKey "
                        + body.path("LastMsgKey").asText() : " is above ReqMsgSeq " + bound));
                a.explain(Long.toString(seq));
            }
        }
    }

    /** A hole has the API's hole shape, exactly (compared with the reference's hole when there is one). */
    @Verifies(roles = Role.HOLE_SHAPE, apis = {Api.GROUP_MSG_GET_SIMPLE, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE},
            side = Side.SERVER)
    static void holeShape(ServerAnswer a, JsonNode entry, JsonNode referenceHole, Findings f) {
        SeqProfile p = (SeqProfile) a.profile();
        JsonNode shape = referenceHole != null ? referenceHole : p.holeShape(entry.path("MsgSeq"));
        JsonMatch.subset(shape, entry).ifPresent(d -> a.add(f, rule(a, Role.HOLE_SHAPE), "hole seq "
                + Uint32.masked(entry.path("MsgSeq")) + " is not " + PageText.brief(shape) + ": " + d));
    }

    /** Holes the reference holds that the answer leaves out or does not mark as holes. */
    @Verifies(roles = Role.HOLE, apis = {Api.GROUP_MSG_GET_SIMPLE, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE},
            side = Side.SERVER)
    static void holes(ServerAnswer a, List<Long> leftOut, Map<Long, JsonNode> notMarked, Findings f) {
        for (long seq : leftOut) {
            a.add(f, rule(a, Role.HOLE), "hole seq " + seq + " (IsPlaceMsg=1) is left out; a hole keeps its seq");
        }
        notMarked.forEach((seq, got) -> a.add(f, rule(a, Role.HOLE), "seq " + seq + " has IsPlaceMsg "
                + got.path("IsPlaceMsg") + " where it is a hole (1)"));
    }

    /**
     * Recalled entries: none without WithRecalledMsg=1 (an IsPlaceMsg=2 entry, or a seq the reference knows as
     * recalled, {@code hiddenButReturned}); with it, each at its seq ({@code shownButMissing}) with an empty MsgBody.
     */
    @Verifies(roles = {Role.RECALL_HIDDEN, Role.RECALL_SHOWN, Role.RECALLED_BODY}, apis = {Api.GROUP_MSG_GET_SIMPLE, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE},
            side = Side.SERVER)
    static void recalled(ServerAnswer a, Map<Long, Integer> notMarked, List<Long> shownButMissing,
                         List<Long> hiddenButReturned, Findings f) {
        boolean withRecalled = a.body().path("WithRecalledMsg").asInt(0) == 1;
        if (notMarked == null) { // the answer on its own
            for (JsonNode entry : list(a)) {
                if (entry.path("IsPlaceMsg").asInt(-1) != 2) {
                    continue;
                }
                long seq = Uint32.masked(entry.path("MsgSeq"));
                if (!withRecalled) {
                    a.add(f, rule(a, Role.RECALL_HIDDEN), "recalled message seq " + seq
                            + " is returned although WithRecalledMsg is not 1");
                    a.explain(Long.toString(seq));
                }
                if (!entry.path("MsgBody").isArray() || !entry.path("MsgBody").isEmpty()) {
                    a.add(f, rule(a, Role.RECALLED_BODY), "recalled entry seq " + seq + " has a non-empty MsgBody");
                }
            }
            return;
        }
        for (long seq : shownButMissing) {
            a.add(f, rule(a, Role.RECALL_SHOWN), "recalled message seq " + seq
                    + " is left out although WithRecalledMsg is 1");
        }
        notMarked.forEach((seq, place) -> a.add(f, rule(a, place == 2 ? Role.RECALL_HIDDEN : Role.RECALL_SHOWN),
                "seq " + seq + " has IsPlaceMsg " + place + " where it is " + (place == 2 ? "a message (0)"
                        : "a recalled message (2)")));
        for (long seq : hiddenButReturned) {
            a.add(f, rule(a, Role.RECALL_HIDDEN), "recalled message seq " + seq
                    + " is returned although WithRecalledMsg is not 1");
        }
    }

    /** Groups list entries newest first, official accounts oldest first. */
    @Verifies(roles = Role.PAGE_ORDER, apis = {Api.GROUP_MSG_GET_SIMPLE, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE},
            side = Side.SERVER)
    static void order(ServerAnswer a, Findings f) {
        JsonNode list = list(a);
        boolean descending = a.profile().pageNewestFirst();
        for (int i = 0; i + 1 < list.size(); i++) {
            long x = Uint32.masked(list.get(i).path("MsgSeq"));
            long y = Uint32.masked(list.get(i + 1).path("MsgSeq"));
            if (descending ? x <= y : x >= y) {
                a.add(f, rule(a, Role.PAGE_ORDER), "RspMsgList[" + i + "] seq " + x + " comes before RspMsgList["
                        + (i + 1) + "] seq " + y + "; the list is in " + (descending ? "descending" : "ascending")
                        + " MsgSeq order");
            }
        }
    }

    static Map<Long, JsonNode> bySeq(JsonNode list) {
        Map<Long, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode entry : list) {
            out.putIfAbsent(Uint32.masked(entry.path("MsgSeq")), entry);
        }
        return out;
    }
}
