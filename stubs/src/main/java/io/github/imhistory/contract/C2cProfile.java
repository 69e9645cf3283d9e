package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code admin_getroammsg}: a window of one-to-one history, paged backwards in time by {@code MaxTime :=
 * LastMsgTime} plus {@code LastMsgKey} until {@code Complete=1}; each page ascending, at most MaxCnt messages and
 * 13312 bytes. An entry is named by MsgKey {@code Seq_Random_Time} (C2C-MSG-003).
 */
public final class C2cProfile implements ApiProfile {
    static final C2cProfile INSTANCE = new C2cProfile();

    private static final Comparator<JsonNode> ORDER = Comparator
            .comparingLong((JsonNode e) -> Uint32.masked(e.path("MsgTimeStamp")))
            .thenComparingLong(e -> Uint32.masked(e.path("MsgSeq")))
            .thenComparingLong(e -> Uint32.masked(e.path("MsgRandom")));

    private C2cProfile() {}

    @Override
    public Api api() {
        return Api.ADMIN_GETROAMMSG;
    }

    @Override
    public String entriesField() {
        return "MsgList";
    }

    @Override
    public String keyName() {
        return "MsgKey";
    }

    @Override
    public String key(JsonNode e) {
        if (e.path("MsgSeq").isIntegralNumber() && e.path("MsgRandom").isIntegralNumber()
                && e.path("MsgTimeStamp").isIntegralNumber()) {
            return formatKey(Uint32.masked(e.path("MsgSeq")), Uint32.masked(e.path("MsgRandom")),
                    Uint32.masked(e.path("MsgTimeStamp")));
        }
        return e.path("MsgKey").asText("?");
    }

    /** MsgKey = MsgSeq_MsgRandom_MsgTimeStamp (C2C-MSG-003). */
    public static String formatKey(long seq, long random, long time) {
        return seq + "_" + random + "_" + time;
    }

    /**
     * A MsgKey as its position in the order, {@code {time, seq, random}}; empty unless it is three decimal uint32
     * values joined by {@code _}.
     */
    public static Optional<long[]> parseKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String[] parts = key.split("_", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        long seq = Uint32.parse(parts[0]);
        long random = Uint32.parse(parts[1]);
        long time = Uint32.parse(parts[2]);
        return seq < 0 || random < 0 || time < 0 ? Optional.empty() : Optional.of(new long[] {time, seq, random});
    }

    /** An entry's position in the order, {@code {time, seq, random}} (unsigned). */
    public static long[] position(JsonNode e) {
        return new long[] {Uint32.masked(e.path("MsgTimeStamp")), Uint32.masked(e.path("MsgSeq")),
                Uint32.masked(e.path("MsgRandom"))};
    }

    /** Compares two positions of {@link #position} or {@link #parseKey}. */
    public static int compare(long[] x, long[] y) {
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static final java.util.Set<String> FIELDS = java.util.Set.of("From_Account", "To_Account", "MsgSeq",
            "MsgRandom", "MsgTimeStamp", "MsgFlagBits", "MsgKey", "MsgBody", "CloudCustomData", "IsPeerRead");

    @Override
    public java.util.Set<String> entryFields() {
        return FIELDS;
    }

    @Override
    public int notAdminCode() {
        return 90009;
    }

    @Override
    public int internalErrorCode() {
        return 91000;
    }

    @Override
    public java.util.Set<RuleId> clientTrafficRules() {
        return java.util.EnumSet.of(RuleId.C2C_REQ_001, RuleId.C2C_REQ_003, RuleId.C2C_REQ_004, RuleId.C2C_CONT_001,
                RuleId.C2C_CONT_002,
                RuleId.C2C_CONT_003);
    }

    @Override
    public Comparator<JsonNode> order() {
        return ORDER;
    }

    @Override
    public boolean pageNewestFirst() {
        return false;
    }

    @Override
    public long pageLimit(JsonNode request) {
        return request.path("MaxCnt").asLong();
    }

    /**
     * The perspective account and the peer of a request, each side from either revision, the current name first:
     * Operator_Account else From_Account, Peer_Account else To_Account (C2C-REQ-002, C2C-REQ-005).
     */
    public static String[] accounts(JsonNode body) {
        return new String[] {body.path(body.has("Operator_Account") ? "Operator_Account" : "From_Account").asText("?"),
                body.path(body.has("Peer_Account") ? "Peer_Account" : "To_Account").asText("?")};
    }

    @Override
    public Optional<ObjectNode> next(JsonNode request, JsonNode answer) { // C2C-CONT-001, C2C-CONT-002
        if (answer.path("Complete").asInt(1) == 1) {
            return Optional.empty();
        }
        ObjectNode next = request.deepCopy();
        next.put("MaxTime", answer.path("LastMsgTime").asLong());
        next.put("LastMsgKey", answer.path("LastMsgKey").asText());
        return Optional.of(next);
    }

    @Override
    public String endReason(JsonNode answer) {
        return "Complete=1";
    }

    @Override
    public String continueReason(JsonNode answer) {
        return "Complete=" + answer.path("Complete");
    }

    @Override
    public boolean hasCursor(JsonNode body) {
        return !body.path("LastMsgKey").asText("").isEmpty();
    }

    @Override
    public boolean isContinuation(JsonNode body, JsonNode first) {
        return !body.path("LastMsgKey").asText("").isEmpty()
                || body.path("MaxTime").asLong() < first.path("MaxTime").asLong();
    }

    @Override
    public String walkKey(JsonNode body) {
        String[] accounts = accounts(body);
        return accounts[0] + ">" + accounts[1] + " from " + body.path("MinTime").asText("?");
    }

    @Override
    public List<Difference> continuationDifferences(JsonNode expected, JsonNode actual) {
        List<Difference> out = new ArrayList<>();
        String key = expected.path("LastMsgKey").asText();
        JsonNode sent = actual.get("LastMsgKey");
        if (sent == null || sent.asText("").isEmpty()) {
            out.add(new Difference(RuleId.C2C_CONT_001, "sends no LastMsgKey; send the previous LastMsgKey \"" + key + "\""));
        } else if (!sent.isTextual() || !sent.asText().equals(key)) {
            out.add(new Difference(RuleId.C2C_CONT_001, "sends LastMsgKey " + sent + " instead of \"" + key
                    + "\", the previous one passed back unchanged"));
        }
        if (!ApiProfile.sameNumber(actual.get("MaxTime"), expected.get("MaxTime"))) {
            out.add(new Difference(RuleId.C2C_CONT_001, "sends MaxTime " + actual.get("MaxTime")
                    + " instead of the previous LastMsgTime " + expected.get("MaxTime")));
        }
        if (!ApiProfile.sameNumber(actual.get("MaxCnt"), expected.get("MaxCnt"))) { // C2C-CONT-003
            out.add(new Difference(RuleId.C2C_CONT_003, "changes MaxCnt from " + expected.get("MaxCnt") + " to "
                    + actual.get("MaxCnt") + " between pages; keep it"));
        }
        return out;
    }

    private static final Marked RECALLED = new Marked("MsgFlagBits", "recalled messages (MsgFlagBits=8)",
            "keep them, marked as recalled", RuleId.C2C_RECALL_003, RuleId.C2C_RECALL_002);

    @Override
    public Optional<Marked> marked(JsonNode entry) {
        return entry.path("MsgFlagBits").asInt() == 8 ? Optional.of(RECALLED) : Optional.empty();
    }

    /**
     * Besides the roles' rules, the C2C rules only some pages give an occasion: a recalled message (C2C-RECALL-001,
     * MsgFlagBits=8), a page the 13K limit cut short (C2C-PAGE-005), an empty page (C2C-PAGE-010), two messages of
     * equal MsgTimeStamp and MsgSeq (C2C-ORDER-002); and C2C-PERSP-002, which no page gives one: whether a message
     * was sent with SyncOtherMachine=2 is stored, never served.
     */
    @Override
    public java.util.Set<RuleId> occasional() {
        java.util.Set<RuleId> out = ApiProfile.super.occasional();
        out.addAll(List.of(RuleId.C2C_RECALL_001, RuleId.C2C_PAGE_005, RuleId.C2C_PAGE_010, RuleId.C2C_ORDER_002,
                RuleId.C2C_PERSP_002));
        return out;
    }

    @Override
    public java.util.Set<RuleId> occasions(JsonNode request, JsonNode answer) {
        java.util.Set<RuleId> out = ApiProfile.super.occasions(request, answer);
        JsonNode list = entries(answer);
        if (list.isEmpty()) {
            out.add(RuleId.C2C_PAGE_010);
        } else if (answer.path("Complete").asInt(-1) == 0 && list.size() < request.path("MaxCnt").asLong()) {
            out.add(RuleId.C2C_PAGE_005); // fewer than MaxCnt and more to come: the 13K limit cut it
        }
        JsonNode previous = null;
        for (JsonNode e : list) {
            if (marked(e).isPresent()) {
                out.add(RuleId.C2C_RECALL_001);
            }
            if (previous != null && ApiProfile.sameNumber(previous.get("MsgTimeStamp"), e.get("MsgTimeStamp"))
                    && ApiProfile.sameNumber(previous.get("MsgSeq"), e.get("MsgSeq"))) {
                out.add(RuleId.C2C_ORDER_002);
            }
            previous = e;
        }
        return out;
    }

    @Override
    public Optional<RuleId> rule(Role role) {
        return Optional.ofNullable(switch (role) {
            case REQUEST -> RuleId.C2C_REQ_001;
            case CONTINUATION -> RuleId.C2C_CONT_001;
            case WHOLE_HISTORY -> RuleId.C2C_CONT_002;
            case FIRST_PAGE, NEXT_PAGE -> RuleId.C2C_PAGE_001;
            case PAGE_LIMIT -> RuleId.C2C_PAGE_004;
            case CURSOR_BOUND -> RuleId.C2C_PAGE_008;
            case PAGE_ORDER -> RuleId.C2C_ORDER_003;
            case ENTRY_SHAPE -> RuleId.C2C_MSG_001;
            case UINT32 -> RuleId.C2C_MSG_002;
            case INTERNAL_ERROR -> RuleId.C2C_ERR_005;
            case KEY_KEPT -> RuleId.C2C_MSG_003;
            case PAGE_SIZE_KEPT -> RuleId.C2C_CONT_003;
            case REQUEST_PAGE_LIMIT, ECHO, IS_FINISHED, FINISHED_WHOLE, FINISHED_CUT, FINISHED_EXPIRED, HOLE, HOLE_SHAPE, RECALL_HIDDEN, RECALL_SHOWN,
                    RECALLED_BODY -> null;
        });
    }

    @Override
    public String toString() {
        return api().command();
    }
}
