package io.github.imhistory.engine;

import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;

import java.util.List;

/** Pages of group and official-account history over a {@link SeqStore}. */
final class SeqPager {
    private SeqPager() {}

    static EngineResponse groupPage(SeqStore store, String groupId, long reqSeq, long number, boolean withRecalled, long sdkappid) {
        int n = (int) Math.min(number, ApiProfile.SEQ_PAGE_MAX); // GRP-PAGE-003
        List<SeqStore.Slot> page = reqSeq == 0 ? List.of() : store.pageDown(reqSeq, n, withRecalled); // GRP-PAGE-001/002/004
        boolean cut = cut(store, page, number, withRecalled);
        JsonOut out = new JsonOut(256 + page.size() * 256);
        out.ch('{').key("ActionStatus").str("OK")
                .comma().key("ErrorInfo").str("")
                .comma().key("ErrorCode").num(0)
                .comma().key("GroupId").str(groupId) // GRP-RESP-001
                .comma().key("IsFinished").num(groupIsFinished(page, cut))
                .comma().key("RspMsgList").ch('[');
        for (int i = 0; i < page.size(); i++) { // GRP-ORDER-002: descending
            if (i > 0) {
                out.comma();
            }
            writeGroupItem(out, page.get(i));
        }
        out.ch(']').ch('}');
        return new EngineResponse(200, out.bytes(), EngineResponse.Fault.NONE, 0, Api.GROUP_MSG_GET_SIMPLE, sdkappid, 0);
    }

    static EngineResponse officialAccountPage(SeqStore store, String account, long start, long number, boolean withRecalled, long sdkappid) {
        int n = (int) Math.min(number, ApiProfile.SEQ_PAGE_MAX);
        List<SeqStore.Slot> page = start < 1 ? List.of() : store.pageDown(start, n, withRecalled);
        boolean cut = cut(store, page, number, withRecalled);
        String lastKey = page.isEmpty() ? "" : key(page.get(page.size() - 1)); // OA-PAGE-004: the oldest
        JsonOut out = new JsonOut(256 + page.size() * 256);
        out.ch('{').key("ActionStatus").str("OK")
                .comma().key("ErrorInfo").str("")
                .comma().key("ErrorCode").num(0)
                .comma().key("Official_Account").str(account) // OA-RESP-001
                .comma().key("IsFinished").num(oaIsFinished(store, page, cut))
                .comma().key("LastMsgKey").str(lastKey)
                .comma().key("RspMsgList").ch('[');
        for (int i = page.size() - 1; i >= 0; i--) { // OA-ORDER-001: ascending
            if (i < page.size() - 1) {
                out.comma();
            }
            writeOaItem(out, page.get(i));
        }
        out.ch(']').ch('}');
        return new EngineResponse(200, out.bytes(), EngineResponse.Fault.NONE, 0, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE, sdkappid, 0);
    }

    /**
     * Whether the cap left out entries of the requested interval that exist (GRP-FIN-003, OA-FIN-003): more were asked
     * than came back, and something that would be returned lies below the smallest returned seq. A page that reaches
     * the start of the stream withholds nothing (seed 002: 0 is for when length or interval 导致无法返回全部消息).
     */
    private static boolean cut(SeqStore store, List<SeqStore.Slot> page, long number, boolean withRecalled) {
        return !page.isEmpty() && number > page.size()
                && store.returnableBelow(page.get(page.size() - 1).seq(), withRecalled);
    }

    /** GRP-FIN-002..004: 1 nothing withheld; 0 withheld; 2 instead of 0 when every returned entry is an expired hole. */
    static int groupIsFinished(List<SeqStore.Slot> page, boolean cut) {
        if (!cut) {
            return 1;
        }
        return page.stream().allMatch(SeqStore.Slot::expiredHole) ? 2 : 0;
    }

    /** OA-FIN-002..004: 0 withheld; else 2 when every seq below the page is an expired hole; else 1. */
    static int oaIsFinished(SeqStore store, List<SeqStore.Slot> page, boolean cut) {
        if (page.isEmpty()) {
            return 1;
        }
        if (cut) {
            return 0;
        }
        return store.allExpiredBelow(page.get(page.size() - 1).seq()) ? 2 : 1;
    }

    private static String key(SeqStore.Slot slot) { // OA-KEY-001, OA-HOLE-002
        SeqEntry e = slot.entry();
        boolean hole = e == null || e.state() == SeqEntry.State.DELETED || e.state() == SeqEntry.State.EXPIRED;
        return slot.seq() + "_1_" + (hole ? 0 : e.time);
    }

    /** GRP-MSG-001, GRP-HOLE-001/003, GRP-RECALL-002/003, GRP-MSG-003. */
    private static void writeGroupItem(JsonOut out, SeqStore.Slot slot) {
        SeqEntry e = slot.entry();
        SeqEntry.State state = e == null ? SeqEntry.State.EXPIRED : e.state();
        if (state == SeqEntry.State.EXPIRED || state == SeqEntry.State.DELETED) {
            out.ch('{').key("From_Account").str("").comma().key("IsPlaceMsg").num(1)
                    .comma().key("MsgBody").raw("[]").comma().key("MsgRandom").num(0)
                    .comma().key("MsgSeq").num(slot.seq()).comma().key("MsgTimeStamp").num(0).ch('}');
            return;
        }
        boolean recalled = writeHead(out, e, state, true);
        if (e.priority > 0) {
            out.comma().key("MsgPriority").num(e.priority);
        }
        out.comma().key("MsgRandom").num(e.random)
                .comma().key("MsgSeq").num(e.seq)
                .comma().key("MsgTimeStamp").num(e.time);
        if (e.system) {
            out.comma().key("IsSystemMsg").num(1);
        }
        if (!recalled) {
            out.raw(e.extras);
        }
        out.ch('}');
    }

    /**
     * Opens a stored entry: From_Account, IsPlaceMsg (0, or 2 if recalled) and MsgBody (empty if recalled). An
     * official-account message stored without a sender has no From_Account (OA-MSG-002); a group entry always has one.
     */
    private static boolean writeHead(JsonOut out, SeqEntry e, SeqEntry.State state, boolean alwaysFrom) {
        boolean recalled = state == SeqEntry.State.RECALLED;
        out.ch('{');
        if (alwaysFrom || !e.from.isEmpty()) {
            out.key("From_Account").str(e.from).comma();
        }
        out.key("IsPlaceMsg").num(recalled ? 2 : 0)
                .comma().key("MsgBody").raw(recalled ? EMPTY : e.body);
        return recalled;
    }

    private static final byte[] EMPTY = {'[', ']'};

    /** OA-MSG-001, OA-HOLE-001/002, OA-RECALL-001. */
    private static void writeOaItem(JsonOut out, SeqStore.Slot slot) {
        SeqEntry e = slot.entry();
        SeqEntry.State state = e == null ? SeqEntry.State.EXPIRED : e.state();
        if (state == SeqEntry.State.EXPIRED || state == SeqEntry.State.DELETED) {
            out.ch('{').key("From_Account").str("").comma().key("IsPlaceMsg").num(1)
                    .comma().key("MsgBody").raw("[]").comma().key("MsgSeq").num(slot.seq())
                    .comma().key("MsgKey").str(slot.seq() + "_1_0").comma().key("MsgTimeStamp").num(0).ch('}');
            return;
        }
        boolean recalled = writeHead(out, e, state, false);
        out.comma().key("MsgSeq").num(e.seq)
                .comma().key("MsgKey").str(key(slot))
                .comma().key("MsgTimeStamp").num(e.time);
        if (!recalled) {
            out.raw(e.extras);
        }
        out.ch('}');
    }
}
