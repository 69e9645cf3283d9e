package io.github.imhistory.engine;

import java.util.List;

/**
 * One side's view of a conversation: messages sorted by (time, seq, random), with their timestamps copied into a
 * primitive array. Window bounds are binary searches over that array, which stays in cache, instead of over a million
 * scattered message objects; message objects are only read inside the cursor's own second.
 */
final class C2cView {
    static final C2cView EMPTY = new C2cView(List.of());

    final List<C2cMessage> messages;
    /** Unsigned MsgTimeStamp of each message, in the same order. */
    private final int[] times;

    C2cView(List<C2cMessage> messages) {
        this.messages = messages;
        this.times = new int[messages.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = (int) messages.get(i).time();
        }
    }

    int size() {
        return times.length;
    }

    C2cMessage get(int i) {
        return messages.get(i);
    }

    /** Index of the first message with time >= {@code time}. */
    int firstAtOrAfter(long time) {
        int lo = 0, hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Integer.toUnsignedLong(times[mid]) < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the last message with time <= {@code time}, or -1. */
    int lastAtOrBefore(long time) {
        return time >= 0xFFFFFFFFL ? times.length - 1 : firstAtOrAfter(time + 1) - 1;
    }

    /** Index of the last message strictly before (time, seq, random), or -1. */
    int lastBefore(long time, long seq, long random) {
        int i = firstAtOrAfter(time); // messages of earlier seconds all come before
        int end = lastAtOrBefore(time);
        while (i <= end) { // within the cursor's second: usually a handful of messages
            C2cMessage m = messages.get(i);
            if (C2cMessage.compare(m.time(), m.seq(), m.random(), time, seq, random) >= 0) {
                break;
            }
            i++;
        }
        return i - 1;
    }
}
