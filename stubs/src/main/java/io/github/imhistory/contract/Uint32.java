package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;

/** The unsigned 32-bit values of the wire (MsgSeq, MsgRandom, MsgTimeStamp, random, sdkappid): one definition. */
public final class Uint32 {
    public static final long MAX = 0xFFFFFFFFL;

    private Uint32() {}

    /** Whether {@code n} is an integer in 0..4294967295. */
    public static boolean is(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0 && n.asLong() <= MAX;
    }

    /**
     * The value modulo 2^32: a MsgSeq a client or server cut to a signed int32 still names its entry (the cut itself
     * is a finding of its own rule), so matching and ordering use this.
     */
    public static long masked(JsonNode n) {
        return n.asLong() & MAX;
    }

    /** A decimal text of 1 to 10 digits not above {@link #MAX}; -1 for anything else. */
    public static long parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 10) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        long v = Long.parseLong(text);
        return v <= MAX ? v : -1;
    }
}
