package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code group_msg_get_simple}: a group's (or topic's) history by MsgSeq, pages newest first, continued with
 * {@code ReqMsgSeq := smallest returned - 1} until seq 1 or an empty list.
 */
public final class GroupProfile extends SeqProfile {
    static final GroupProfile INSTANCE = new GroupProfile();

    private GroupProfile() {}

    @Override
    public Api api() {
        return Api.GROUP_MSG_GET_SIMPLE;
    }

    private static final Set<String> FIELDS = Set.of("From_Account", "IsPlaceMsg", "MsgBody", "MsgPriority",
            "MsgRandom", "MsgSeq", "MsgTimeStamp", "IsSystemMsg", "CloudCustomData");

    @Override
    public Set<String> entryFields() {
        return FIELDS;
    }

    /** GRP-MSG-003: CloudCustomData on group entries is modelled by third-party code only (ref §5). */
    @Override
    public Set<String> modelledFields() {
        return Set.of("CloudCustomData");
    }

    /** GRP-HOLE-003: a hole's MsgRandom is 0. */
    @Override
    void holeFields(ObjectNode hole, long seq) {
        hole.put("MsgRandom", 0);
    }

    @Override
    public Set<RuleId> clientTrafficRules() {
        return java.util.EnumSet.of(RuleId.GRP_REQ_001, RuleId.GRP_REQ_002, RuleId.GRP_CONT_001, RuleId.GRP_CONT_002,
                RuleId.GRP_CONT_003);
    }

    @Override
    public boolean pageNewestFirst() {
        return true;
    }

    @Override
    public long pageLimit(JsonNode request) {
        return capped(request, 0);
    }

    @Override
    void continueFrom(ObjectNode next, JsonNode answer, long smallest) { // GRP-CONT-001
        next.put("ReqMsgSeq", smallest - 1);
    }

    @Override
    public boolean hasCursor(JsonNode body) {
        return body.has("ReqMsgSeq");
    }

    @Override
    public boolean isContinuation(JsonNode body, JsonNode first) {
        return hasCursor(body);
    }

    @Override
    public String walkKey(JsonNode body) {
        return body.path("GroupId").asText("?") + (body.has("TopicId") ? " topic " + body.path("TopicId").asText() : "");
    }

    @Override
    public List<Difference> continuationDifferences(JsonNode expected, JsonNode actual) {
        List<Difference> out = differences();
        if (!ApiProfile.sameNumber(actual.get("ReqMsgSeq"), expected.get("ReqMsgSeq"))) {
            out.add(new Difference(RuleId.GRP_CONT_001, "sends ReqMsgSeq " + actual.get("ReqMsgSeq") + " instead of "
                    + expected.get("ReqMsgSeq") + ", the smallest MsgSeq returned minus 1"));
        }
        recalled(expected, actual, RuleId.GRP_CONT_003, out);
        return out;
    }

    private static final Marked HOLE_ENTRY = new Marked("IsPlaceMsg", "holes (IsPlaceMsg=1)",
            "holes are reported as holes", RuleId.GRP_HOLE_002, RuleId.GRP_HOLE_002);

    @Override
    public Optional<Marked> marked(JsonNode entry) {
        return entry.path("IsPlaceMsg").asInt() == 1 ? Optional.of(HOLE_ENTRY) : Optional.empty();
    }

    @Override
    public Optional<RuleId> rule(Role role) {
        return Optional.ofNullable(switch (role) {
            case REQUEST -> RuleId.GRP_REQ_001;
            case CONTINUATION -> RuleId.GRP_CONT_001;
            case WHOLE_HISTORY -> RuleId.GRP_CONT_002;
            case FIRST_PAGE -> RuleId.GRP_PAGE_001;
            case NEXT_PAGE -> RuleId.GRP_PAGE_004;
            case ECHO -> RuleId.GRP_RESP_001;
            case PAGE_LIMIT -> RuleId.GRP_PAGE_003;
            case CURSOR_BOUND -> RuleId.GRP_PAGE_002;
            case PAGE_ORDER -> RuleId.GRP_ORDER_002;
            case ENTRY_SHAPE -> RuleId.GRP_MSG_001;
            case UINT32 -> RuleId.GRP_MSG_002;
            case IS_FINISHED -> RuleId.GRP_FIN_001;
            case FINISHED_WHOLE -> RuleId.GRP_FIN_002;
            case FINISHED_CUT -> RuleId.GRP_FIN_003;
            case FINISHED_EXPIRED -> RuleId.GRP_FIN_004;
            case HOLE -> RuleId.GRP_HOLE_001;
            case HOLE_SHAPE -> RuleId.GRP_HOLE_003;
            case RECALL_HIDDEN -> RuleId.GRP_RECALL_001;
            case RECALL_SHOWN -> RuleId.GRP_RECALL_002;
            case RECALLED_BODY -> RuleId.GRP_RECALL_003;
            case INTERNAL_ERROR -> RuleId.GRP_ERR_005;
            case REQUEST_PAGE_LIMIT -> RuleId.GRP_REQ_002;
            case KEY_KEPT, PAGE_SIZE_KEPT -> null;
        });
    }
}
