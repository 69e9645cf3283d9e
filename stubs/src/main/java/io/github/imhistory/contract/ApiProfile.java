package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything that differs between the three history APIs, in one place: where a page keeps its entries, what names
 * an entry, the order of a history, how big a page may be, how a walk continues and when it ends, and which rule
 * plays each {@link Role}. The engine, the checks, the walker, the suites and the assertions ask the profile instead
 * of switching on the API, so a fourth API would be one more profile.
 */
public sealed interface ApiProfile permits C2cProfile, SeqProfile {
    /** A page of the sequence APIs holds at most this many entries (GRP-PAGE-003, OA-PAGE-003). */
    int SEQ_PAGE_MAX = 20;
    /** What the 13K answer limit of admin_getroammsg counts (C2C-PAGE-006). */
    int C2C_PAGE_BYTES = 13 * 1024;

    /** What a rule does for an API; the profile names the rule that plays it (empty where the API has none). */
    enum Role {
        /** The request body matches the API's request schema (client). */
        REQUEST,
        /** A continuation is built from the previous answer as documented (client). */
        CONTINUATION,
        /** A walk meant to reach the end of history goes on until it ends, and no further (client). */
        WHOLE_HISTORY,
        /** A first request (no cursor) gets the newest entries (server). */
        FIRST_PAGE,
        /** A continuation gets the entries that come next (server). */
        NEXT_PAGE,
        /** The answer names what was asked for (server). */
        ECHO,
        /** A page holds no more entries than allowed (server). */
        PAGE_LIMIT,
        /** Every entry comes before the request's cursor (server). */
        CURSOR_BOUND,
        /** A page lists its entries in the API's order (server). */
        PAGE_ORDER,
        /** Each entry carries the API's fields with their types (server). */
        ENTRY_SHAPE,
        /** MsgSeq and MsgRandom above 2^31 travel unchanged (both sides). */
        UINT32,
        /** IsFinished says whether the requested interval came back whole (server; the documented values). */
        IS_FINISHED,
        /** IsFinished is 1 when nothing of the requested interval was left out (server). */
        FINISHED_WHOLE,
        /** IsFinished is 0 only when the cap left out entries that exist (server). */
        FINISHED_CUT,
        /** IsFinished is 2 when its expiry condition holds (server). */
        FINISHED_EXPIRED,
        /** A deleted or expired entry keeps its seq as a hole (server). */
        HOLE,
        /** A hole has the API's hole shape (server). */
        HOLE_SHAPE,
        /** Recalled entries are hidden unless asked for, shown at their seq when asked for, with an empty body (server). */
        RECALL_HIDDEN,
        RECALL_SHOWN,
        RECALLED_BODY,
        /** An internal error has the API's code and a retry may help (server). */
        INTERNAL_ERROR,
        /** Client: passes an entry's key back unchanged and does not parse it. */
        KEY_KEPT,
        /** Client: a continuation asks for as many entries as the first request. */
        PAGE_SIZE_KEPT,
        /** Client: a request asks for no more entries than a page holds. */
        REQUEST_PAGE_LIMIT
    }

    static ApiProfile of(Api api) {
        return api.profile();
    }

    Api api();

    /** {@code MsgList} or {@code RspMsgList}. */
    String entriesField();

    /** How messages name an entry: {@code MsgKey} or {@code MsgSeq}. */
    String keyName();

    /**
     * What identifies an entry within a history, as text: C2C {@code Seq_Random_Time} built from its numbers (its
     * MsgKey when the numbers are missing), groups and official accounts the MsgSeq. Numbers are taken modulo 2^32
     * ({@link Uint32#masked}), so an entry whose values were cut to int32 is still matched and its change reported.
     */
    String key(JsonNode entry);

    /** History order, oldest first: C2C by (MsgTimeStamp, MsgSeq, MsgRandom), the others by MsgSeq. */
    Comparator<JsonNode> order();

    /** Whether a page lists its entries newest first (group pages) rather than oldest first. */
    boolean pageNewestFirst();

    /** The most entries a page may hold for {@code request}: C2C MaxCnt; groups and official accounts at most 20. */
    long pageLimit(JsonNode request);

    /** The next request of a walk that wants the whole history after {@code answer}, or empty when it ends there. */
    Optional<ObjectNode> next(JsonNode request, JsonNode answer);

    /** Why {@code answer} ends a walk, for messages (e.g. {@code Complete=1}). */
    String endReason(JsonNode answer);

    /** Why a walk goes on after {@code answer}, for messages. */
    String continueReason(JsonNode answer);

    /** Whether {@code body} carries a cursor (LastMsgKey, ReqMsgSeq): it asks for entries older than some point. */
    boolean hasCursor(JsonNode body);

    /** Whether {@code body} continues a walk that began with {@code first}, rather than starting one. */
    boolean isContinuation(JsonNode body, JsonNode first);

    /**
     * What the requests of one walk share: the accounts and MinTime (C2C), GroupId and TopicId, Official_Account.
     */
    String walkKey(JsonNode body);

    /** How {@code actual} differs from the continuation a correct client sends, {@code expected}. */
    List<Difference> continuationDifferences(JsonNode expected, JsonNode actual);

    /** One way a continuation differs, and the rule it breaks. */
    record Difference(RuleId rule, String text) {}

    /** The rule that plays {@code role} for this API, if any. */
    Optional<RuleId> rule(Role role);

    /** The rule of {@code role}, for roles every API has. */
    default RuleId ruleOf(Role role) {
        return rule(role).orElseThrow(() -> new IllegalStateException(api().command() + " has no rule for " + role));
    }

    /**
     * A served entry a client must pass on as what it is rather than as a message: a hole, a recalled message.
     *
     * @param field the entry field that marks it
     * @param what how findings name such entries
     * @param keep what a client does with them
     * @param dropped the client rule broken by leaving one out
     * @param misread the client rule broken by handing one back with the marker changed
     */
    record Marked(String field, String what, String keep, RuleId dropped, RuleId misread) {}

    /** What marks {@code entry} as other than a message, if anything does. */
    default Optional<Marked> marked(JsonNode entry) {
        return Optional.empty();
    }

    /**
     * The roles whose server rules only some served entries give an occasion to be checked: a MsgSeq or MsgRandom
     * above 2^31-1, a hole, a recalled entry. A history without one leaves the rule unchecked, not passed.
     */
    java.util.Set<Role> OCCASIONAL = java.util.Set.of(Role.UINT32, Role.HOLE, Role.HOLE_SHAPE, Role.RECALL_HIDDEN,
            Role.RECALL_SHOWN, Role.RECALLED_BODY);

    /** The server rules of this API that only some answers give an occasion: those of the {@link #OCCASIONAL} roles. */
    default java.util.Set<RuleId> occasional() {
        java.util.Set<RuleId> out = java.util.EnumSet.noneOf(RuleId.class);
        OCCASIONAL.forEach(role -> rule(role).ifPresent(out::add));
        return out;
    }

    /**
     * The rules of {@link #occasional()} that a success {@code answer} to {@code request} gives an occasion: the
     * {@link Role#UINT32} rule for a MsgSeq or MsgRandom above 2^31-1 (or one cut to a negative int32).
     */
    default java.util.Set<RuleId> occasions(JsonNode request, JsonNode answer) {
        java.util.Set<RuleId> out = java.util.EnumSet.noneOf(RuleId.class);
        for (JsonNode e : entries(answer)) {
            if (Uint32.masked(e.path("MsgSeq")) > Integer.MAX_VALUE || Uint32.masked(e.path("MsgRandom")) > Integer.MAX_VALUE) {
                rule(Role.UINT32).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The code a non-admin identifier gets (C2C-ERR-004: 90009; GRP-ERR-004, OA-ERR-004: 10007). */
    int notAdminCode();

    /** The code of an internal error (C2C-ERR-005: 91000; GRP-ERR-005, OA-ERR-005: 10002). */
    int internalErrorCode();

    /**
     * The client rules a traffic to this API is judged by besides the common ones: the request, continuation and
     * whole-history rules, and any the API has of its own.
     */
    java.util.Set<RuleId> clientTrafficRules();

    /** The fields an entry of this API documents; a server may add others (they are its business). */
    java.util.Set<String> entryFields();

    /**
     * The entry fields of {@link #entryFields()} that the history pages do not document but third-party code models
     * (group entries' CloudCustomData): a client that drops one breaks COM-RESULT-002 (SHOULD), not COM-RESULT-001.
     */
    default java.util.Set<String> modelledFields() {
        return java.util.Set.of();
    }

    /** The request schema's file name, e.g. {@code admin_getroammsg.request.schema.json}. */
    default String requestSchema() {
        return api().command() + ".request.schema.json";
    }

    default String responseSchema() {
        return api().command() + ".response.schema.json";
    }

    /** The entries of an answer, in answer order. */
    default JsonNode entries(JsonNode answer) {
        return answer.path(entriesField());
    }

    /** The keys of an answer's entries, in answer order. */
    default List<String> keys(JsonNode answer) {
        List<String> keys = new ArrayList<>();
        entries(answer).forEach(e -> keys.add(key(e)));
        return keys;
    }

    /** One page's entries oldest first. */
    default List<JsonNode> oldestFirst(JsonNode entries) {
        List<JsonNode> out = new ArrayList<>();
        entries.forEach(out::add);
        if (pageNewestFirst()) {
            Collections.reverse(out);
        }
        return out;
    }

    /** All entries of a walk's answers oldest first: pages go back in time, so the last page comes first. */
    default List<JsonNode> history(List<JsonNode> answers) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = answers.size() - 1; i >= 0; i--) {
            out.addAll(oldestFirst(entries(answers.get(i))));
        }
        return out;
    }

    /** Whether the two numbers are integers of equal value (or both absent). */
    static boolean sameNumber(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.isIntegralNumber() && b.isIntegralNumber() && a.asLong() == b.asLong();
    }
}
