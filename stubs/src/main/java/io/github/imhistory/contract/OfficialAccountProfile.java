package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;

/**
 * {@code official_account_msg_get_simple}: an official account's history by MsgSeq, pages oldest first, continued
 * by passing back {@code LastMsgKey} ({@code Seq_1_Time}) until seq 1, an empty list or {@code IsFinished=2}.
 */
public final class OfficialAccountProfile extends SeqProfile {
    static final OfficialAccountProfile INSTANCE = new OfficialAccountProfile();

    private OfficialAccountProfile() {}

    @Override
    public Api api() {
        return Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE;
    }

    private static final Set<String> FIELDS = Set.of("From_Account", "IsPlaceMsg", "MsgBody", "MsgSeq", "MsgKey",
            "MsgTimeStamp");

    @Override
    public Set<String> entryFields() {
        return FIELDS;
    }

    /** OA-HOLE-002: a hole's MsgKey has time 0. */
    @Override
    void holeFields(ObjectNode hole, long seq) {
        hole.put("MsgKey", formatKey(seq, 0));
    }

    @Override
    public Set<RuleId> clientTrafficRules() {
        return java.util.EnumSet.of(RuleId.OA_REQ_001, RuleId.OA_CONT_001, RuleId.OA_CONT_002, RuleId.OA_CONT_003);
    }

    @Override
    public boolean pageNewestFirst() {
        return false;
    }

    /** An absent ReqMsgNumber means 20 (OA-PAGE-003). */
    @Override
    public long pageLimit(JsonNode request) {
        return capped(request, SEQ_PAGE_MAX);
    }

    /** MsgKey = MsgSeq_1_MsgTimeStamp (OA-KEY-001); a hole's time is 0 (OA-HOLE-002). */
    public static String formatKey(long seq, long time) {
        return seq + "_1_" + time;
    }

    /** The MsgSeq a MsgKey {@code Seq_1_Time} names; empty unless seq and time are decimal uint32 values. */
    public static OptionalLong parseKey(String key) {
        if (key == null) {
            return OptionalLong.empty();
        }
        String[] parts = key.split("_", -1);
        if (parts.length != 3 || !parts[1].equals("1")) {
            return OptionalLong.empty();
        }
        long seq = Uint32.parse(parts[0]);
        return seq < 0 || Uint32.parse(parts[2]) < 0 ? OptionalLong.empty() : OptionalLong.of(seq);
    }

    @Override
    public Optional<ObjectNode> next(JsonNode request, JsonNode answer) { // OA-CONT-001, OA-CONT-002
        return answer.path("IsFinished").asInt() == 2 ? Optional.empty() : super.next(request, answer);
    }

    @Override
    void continueFrom(ObjectNode next, JsonNode answer, long smallest) {
        next.put("LastMsgKey", answer.path("LastMsgKey").asText());
    }

    @Override
    public String endReason(JsonNode answer) {
        return !answer.path("RspMsgList").isEmpty() && answer.path("IsFinished").asInt() == 2 ? "IsFinished=2"
                : super.endReason(answer);
    }

    @Override
    public boolean hasCursor(JsonNode body) {
        return !body.path("LastMsgKey").asText("").isEmpty();
    }

    @Override
    public boolean isContinuation(JsonNode body, JsonNode first) {
        return hasCursor(body);
    }

    @Override
    public String walkKey(JsonNode body) {
        return body.path("Official_Account").asText("?");
    }

    @Override
    public List<Difference> continuationDifferences(JsonNode expected, JsonNode actual) {
        List<Difference> out = differences();
        String key = expected.path("LastMsgKey").asText();
        if (!actual.path("LastMsgKey").asText("").equals(key)) {
            out.add(new Difference(RuleId.OA_CONT_001, "sends LastMsgKey " + actual.get("LastMsgKey") + " instead of the"
                    + " previous answer's \"" + key + "\""));
        }
        recalled(expected, actual, RuleId.OA_CONT_003, out);
        return out;
    }

    @Override
    public Optional<RuleId> rule(Role role) {
        return Optional.ofNullable(switch (role) {
            case REQUEST -> RuleId.OA_REQ_001;
            case CONTINUATION -> RuleId.OA_CONT_001;
            case WHOLE_HISTORY -> RuleId.OA_CONT_002;
            case FIRST_PAGE -> RuleId.OA_PAGE_001;
            case NEXT_PAGE -> RuleId.OA_PAGE_005;
            case ECHO -> RuleId.OA_RESP_001;
            case PAGE_LIMIT -> RuleId.OA_PAGE_003;
            case CURSOR_BOUND -> RuleId.OA_PAGE_002;
            case PAGE_ORDER -> RuleId.OA_ORDER_001;
            case ENTRY_SHAPE -> RuleId.OA_MSG_001;
            case UINT32 -> null; // the official-account page documents no MsgRandom and no range for MsgSeq
            case IS_FINISHED -> RuleId.OA_FIN_001;
            case FINISHED_WHOLE -> RuleId.OA_FIN_002;
            case FINISHED_CUT -> RuleId.OA_FIN_003;
            case FINISHED_EXPIRED -> RuleId.OA_FIN_004;
            case HOLE -> RuleId.OA_HOLE_001;
            case HOLE_SHAPE -> RuleId.OA_HOLE_002;
            case RECALL_HIDDEN, RECALL_SHOWN -> RuleId.OA_RECALL_001;
            case RECALLED_BODY -> RuleId.OA_RECALL_002;
            case INTERNAL_ERROR -> RuleId.OA_ERR_005;
            case KEY_KEPT, PAGE_SIZE_KEPT, REQUEST_PAGE_LIMIT -> null;
        });
    }
}
