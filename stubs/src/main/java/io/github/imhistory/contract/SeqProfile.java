package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What group and official-account history share: entries addressed by MsgSeq in {@code RspMsgList}, at most 20 a
 * page, holes ({@code IsPlaceMsg=1}) and recalled entries ({@code IsPlaceMsg=2} with {@code WithRecalledMsg=1}).
 */
public abstract sealed class SeqProfile implements ApiProfile permits GroupProfile, OfficialAccountProfile {
    private static final Comparator<JsonNode> ORDER = Comparator.comparingLong(e -> Uint32.masked(e.path("MsgSeq")));

    @Override
    public String entriesField() {
        return "RspMsgList";
    }

    @Override
    public String keyName() {
        return "MsgSeq";
    }

    @Override
    public String key(JsonNode entry) {
        JsonNode seq = entry.path("MsgSeq");
        return seq.isIntegralNumber() ? Long.toString(Uint32.masked(seq)) : seq.asText("?");
    }

    @Override
    public int notAdminCode() {
        return 10007;
    }

    @Override
    public int internalErrorCode() {
        return 10002;
    }

    @Override
    public Comparator<JsonNode> order() {
        return ORDER;
    }

    /** A hole (IsPlaceMsg=1) gives the hole rules an occasion, a recalled entry (IsPlaceMsg=2) the recall rules. */
    @Override
    public java.util.Set<RuleId> occasions(JsonNode request, JsonNode answer) {
        java.util.Set<RuleId> out = ApiProfile.super.occasions(request, answer);
        for (JsonNode e : entries(answer)) {
            int place = e.path("IsPlaceMsg").asInt();
            for (Role role : place == 1 ? List.of(Role.HOLE, Role.HOLE_SHAPE)
                    : place == 2 ? List.of(Role.RECALL_HIDDEN, Role.RECALL_SHOWN, Role.RECALLED_BODY) : List.<Role>of()) {
                rule(role).ifPresent(out::add);
            }
        }
        return out;
    }

    /** What a hole at {@code seq} looks like: every field of it, exactly (GRP-HOLE-003, OA-HOLE-002). */
    public final ObjectNode holeShape(JsonNode seq) {
        ObjectNode hole = Json.object();
        hole.put("From_Account", "");
        hole.put("IsPlaceMsg", 1);
        hole.putArray("MsgBody");
        hole.set("MsgSeq", seq);
        hole.put("MsgTimeStamp", 0);
        holeFields(hole, seq.asLong());
        return hole;
    }

    /** The hole fields only this API has. */
    abstract void holeFields(ObjectNode hole, long seq);

    /** The smallest MsgSeq of an answer; 0 for an empty list, so that callers stop. */
    public static long smallestSeq(JsonNode answer) {
        JsonNode list = answer.path("RspMsgList");
        long smallest = Long.MAX_VALUE;
        for (JsonNode e : list) {
            smallest = Math.min(smallest, e.path("MsgSeq").asLong());
        }
        return list.isEmpty() ? 0 : smallest;
    }

    /** The requested entry count, capped at 20; {@code absent} when the request has none. */
    static long capped(JsonNode request, long absent) {
        long n = request.has("ReqMsgNumber") ? request.path("ReqMsgNumber").asLong() : absent;
        return Math.min(n, SEQ_PAGE_MAX);
    }

    @Override
    public String continueReason(JsonNode answer) {
        return "the smallest MsgSeq returned is " + smallestSeq(answer);
    }

    @Override
    public String endReason(JsonNode answer) {
        return answer.path("RspMsgList").isEmpty() ? "an empty RspMsgList" : "MsgSeq 1 returned";
    }

    @Override
    public Optional<ObjectNode> next(JsonNode request, JsonNode answer) {
        long smallest = smallestSeq(answer);
        if (smallest <= 1) {
            return Optional.empty();
        }
        ObjectNode next = request.deepCopy();
        continueFrom(next, answer, smallest);
        return Optional.of(next);
    }

    /** Sets the cursor of {@code next}, the request after {@code answer} whose smallest MsgSeq is {@code smallest}. */
    abstract void continueFrom(ObjectNode next, JsonNode answer, long smallest);

    /** WithRecalledMsg is kept across a walk (GRP-CONT-003, OA-CONT-003). */
    static void recalled(JsonNode expected, JsonNode actual, RuleId rule, List<Difference> out) {
        if (actual.path("WithRecalledMsg").asInt(0) != expected.path("WithRecalledMsg").asInt(0)) {
            out.add(new Difference(rule, "changes WithRecalledMsg from " + expected.path("WithRecalledMsg").asInt(0)
                    + " to " + actual.path("WithRecalledMsg").asInt(0)));
        }
    }

    static List<Difference> differences() {
        return new ArrayList<>();
    }

    @Override
    public String toString() {
        return api().command();
    }
}
