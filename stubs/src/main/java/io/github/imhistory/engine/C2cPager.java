package io.github.imhistory.engine;

import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;

/** One admin_getroammsg page over a perspective's sorted view: two binary searches, then the page itself. */
final class C2cPager {
    private C2cPager() {}

    /**
     * @param view the operator's messages, ascending by (time, seq, random)
     * @param cursor LastMsgKey as {time, seq, random}, or null on a first request
     */
    static EngineResponse page(C2cView view, long minTime, long maxTime, long[] cursor, int maxCnt, long sdkappid) {
        int lo = view.firstAtOrAfter(minTime); // C2C-WIN-001, C2C-WIN-002: MinTime inclusive
        int hi = view.lastAtOrBefore(maxTime); // MaxTime inclusive
        if (cursor != null) { // C2C-PAGE-008: strictly before LastMsgKey
            hi = Math.min(hi, view.lastBefore(cursor[0], cursor[1], cursor[2]));
        }
        // C2C-PAGE-001, -004, -006: newest first, at most MaxCnt, at most 13312 bytes unless a single message
        int i = hi;
        long bytes = 0;
        while (i >= lo && hi - i < maxCnt) {
            int size = view.get(i).itemSize;
            if (i != hi && bytes + size > ApiProfile.C2C_PAGE_BYTES) {
                break;
            }
            bytes += size;
            i--;
        }
        int first = i + 1; // the page is view[first..hi]
        int count = Math.max(0, hi - first + 1);
        boolean complete = i < lo; // C2C-PAGE-007
        JsonOut out = new JsonOut((int) Math.min(bytes + 256, 1 << 20));
        out.ch('{').key("ActionStatus").str("OK")
                .comma().key("ErrorInfo").str("")
                .comma().key("ErrorCode").num(0)
                .comma().key("Complete").num(complete ? 1 : 0)
                .comma().key("MsgCnt").num(count); // C2C-PAGE-002
        if (count == 0) { // C2C-PAGE-010
            out.comma().key("LastMsgTime").num(0).comma().key("LastMsgKey").str("");
        } else { // C2C-PAGE-003: the oldest of the page
            C2cMessage oldest = view.get(first);
            out.comma().key("LastMsgTime").num(oldest.time()).comma().key("LastMsgKey").str(oldest.msgKey());
        }
        out.comma().key("MsgList").ch('[');
        for (int k = first; k <= hi && count > 0; k++) { // C2C-ORDER-003: ascending within the page
            if (k > first) {
                out.comma();
            }
            view.get(k).writeItem(out);
        }
        out.ch(']').ch('}');
        return new EngineResponse(200, out.bytes(), EngineResponse.Fault.NONE, 0, Api.ADMIN_GETROAMMSG, sdkappid, 0);
    }
}
