package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.kit.junit.ImHistoryEndpoint;
import java.util.List;

/**
 * The one thing a client team writes to run {@link ClientConformanceSuite}: a thin adapter that points their client
 * at the stub tenant in {@code endpoint} and pulls what it is asked for. Implement the methods your client can do;
 * every method has a default that throws {@link UnsupportedOperationException}, and a walk whose method throws it
 * before sending a request is reported as skipped with a hint, never as a failure. Declaring what the client cannot
 * do in {@link #supports} skips those walks with your reason instead.
 *
 * <p><b>What to return.</b> Every entry of the history the client walked, <em>oldest first</em> (C2C: ascending
 * MsgTimeStamp, MsgSeq, MsgRandom, the order of a conversation; groups and official accounts: ascending MsgSeq),
 * each as JSON with the wire's field names and the values as the client holds them. The suite compares each entry
 * with what the stub served the client, field by field, so a MsgRandom kept in a signed 32-bit int shows up as a
 * negative number, a dropped element or a mangled control character as a difference. Holes and recalled entries are
 * part of the history. Map your own model back with e.g. {@code Json.WIRE.valueToTree(message)}. The page size, the
 * field-name revision and how many times a failure is retried are the client's own choice where the rules allow.
 *
 * <p><b>Errors.</b> When the server answers a non-zero ErrorCode that the client does not (or no longer) retry, the
 * call throws: an {@link ImHistoryClientException}, or any exception whose message or a cause's message names the
 * code (COM-ENV-004). Network failures may throw anything. A failure must never come back as an empty or partial
 * list.
 *
 * <p><b>Threads.</b> The suite creates a fresh adapter with {@link ClientConformanceSuite#createAdapter()} for every
 * walk and interrupts it after the walk timeout. Each walk runs on a thread of its own, except the rate walk: it
 * pulls four windows of one conversation at once through the same adapter, from four threads, as an app syncing
 * several conversations would, so that a throttle shared by the client is what keeps it within 200 requests a second.
 * An adapter that cannot be used from several threads declares {@link Capability#CONCURRENT_PULLS} unsupported.
 */
public interface ImHistoryClientAdapter {
    /**
     * The whole one-to-one window of {@code pull}: every page until Complete=1.
     *
     * @return every message of the window, oldest first
     */
    default List<JsonNode> pullC2c(ImHistoryEndpoint endpoint, C2cPull pull) throws Exception {
        throw new UnsupportedOperationException("pullC2c is not implemented by " + getClass().getName());
    }

    /**
     * The whole history of a group (or of one topic of a community): the client walks from the newest message back
     * to the oldest (seq 1, or an empty page).
     *
     * @return every entry, holes included, oldest first (ascending MsgSeq)
     */
    default List<JsonNode> pullGroup(ImHistoryEndpoint endpoint, GroupPull pull) throws Exception {
        throw new UnsupportedOperationException("pullGroup is not implemented by " + getClass().getName());
    }

    /**
     * The whole history of an official account, newest back to the oldest (seq 1, an empty page or IsFinished=2).
     *
     * @return every entry, holes included, oldest first (ascending MsgSeq)
     */
    default List<JsonNode> pullOfficialAccount(ImHistoryEndpoint endpoint, OfficialAccountPull pull) throws Exception {
        throw new UnsupportedOperationException("pullOfficialAccount is not implemented by " + getClass().getName());
    }

    /**
     * Optional: one page of {@code pull}, as an app scrolling back loads it. {@code cursor} is null for the first
     * (newest) page, else the {@link PulledPage#next()} of the previous page; the suite calls again until {@code next}
     * is null. Walks that use it ({@link Capability#SINGLE_PAGE}) run only when {@link #supports} says so.
     *
     * @return the page's entries, oldest first, and the client's own cursor for the next (older) page
     */
    default PulledPage pullPage(ImHistoryEndpoint endpoint, Pull pull, Object cursor) throws Exception {
        throw new UnsupportedOperationException("pullPage is not implemented by " + getClass().getName());
    }

    /**
     * Which capabilities the suite may exercise. Walks needing an unsupported one are skipped with the reason given.
     * By default everything but {@link Capability#SINGLE_PAGE} is supported.
     */
    default Support supports(Capability capability) {
        return capability == Capability.SINGLE_PAGE
                ? Support.no("the adapter does not implement pullPage (single pages are optional)") : Support.yes();
    }
}
