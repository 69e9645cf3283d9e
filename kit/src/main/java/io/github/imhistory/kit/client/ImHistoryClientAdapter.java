package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.kit.junit.ImHistoryEndpoint;
import java.util.List;

/**
 * The one thing a client team writes to run {@link ClientConformanceSuite}: a thin adapter that points their client
 * at the stub tenant in {@code endpoint} and pulls what it is asked for.
 *
 * <p><b>What to return.</b> Every entry of the history the client walked, <em>oldest first</em> (C2C: ascending
 * MsgTimeStamp, MsgSeq, MsgRandom, the order of a conversation; groups and official accounts: ascending MsgSeq),
 * each as JSON with the wire's field names and the values as the client holds them. The suite compares each entry
 * with the answer the server sent, field by field, so a MsgRandom kept in a signed 32-bit int shows up as a negative
 * number, a dropped element or a mangled control character as a difference. Holes and recalled entries are part of
 * the history. Map your own model back with e.g. {@code Json.WIRE.valueToTree(message)}.
 *
 * <p><b>Errors.</b> When the server answers a non-zero ErrorCode that the client does not (or no longer) retry, the
 * call throws: an {@link ImHistoryClientException}, or any exception whose message or a cause's message names the
 * code (COM-ENV-004). Network failures may throw anything. A failure must never come back as an empty or partial
 * list.
 *
 * <p>The suite calls a fresh adapter from {@link ClientConformanceSuite#createAdapter()} for every walk, on a
 * thread of its own, and interrupts it after the walk timeout.
 */
public interface ImHistoryClientAdapter {
    /** The whole window: every page until Complete=1. */
    List<JsonNode> pullC2c(ImHistoryEndpoint endpoint, C2cPull pull) throws Exception;

    /** The whole group history (or topic), newest page first, down to seq 1. */
    List<JsonNode> pullGroup(ImHistoryEndpoint endpoint, GroupPull pull) throws Exception;

    /** The whole official-account history. */
    List<JsonNode> pullOfficialAccount(ImHistoryEndpoint endpoint, OfficialAccountPull pull) throws Exception;

    /**
     * Optional: one page of {@code pull}; {@code cursor} is null for the first (newest) page, else the
     * {@link PulledPage#next()} of the previous page. Declare {@link Capability#SINGLE_PAGE} supported when
     * implemented.
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
