package io.github.imhistory.engine;

/**
 * One stored one-to-one message. uint32 fields are kept in ints (read with {@link Integer#toUnsignedLong}) and the
 * body is kept pre-serialized, so a million messages fit the memory budget and a page is a copy of bytes.
 */
final class C2cMessage implements Comparable<C2cMessage> {
    final String from;
    final String to;
    /** The accounts, escaped for JSON once (most messages of a conversation share these arrays). */
    private final byte[] fromJson;
    private final byte[] toJson;
    private final int seq;
    private final int random;
    private final int time;
    final boolean syncOtherMachine2;
    /** {@code "MsgBody":[...]} plus any optional fields, compact JSON, no leading comma. */
    private final byte[] tail;
    private volatile boolean recalled;
    /** Compact UTF-8 size of the whole MsgList item; MsgFlagBits 0 and 8 have the same length. */
    final int itemSize;

    C2cMessage(String from, String to, long seq, long random, long time, boolean recalled, boolean syncOtherMachine2, byte[] tail) {
        this.from = from;
        this.to = to;
        this.fromJson = quoted(from);
        this.toJson = quoted(to);
        this.seq = (int) seq;
        this.random = (int) random;
        this.time = (int) time;
        this.recalled = recalled;
        this.syncOtherMachine2 = syncOtherMachine2;
        this.tail = tail;
        JsonOut out = new JsonOut(128 + tail.length);
        writeItem(out);
        this.itemSize = out.size();
    }

    /** Accounts repeat across a conversation's messages: share their escaped bytes (bounded, never read-modified). */
    private static final java.util.concurrent.ConcurrentMap<String, byte[]> QUOTED = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] quoted(String account) {
        byte[] q = QUOTED.get(account);
        if (q == null) {
            q = JsonOut.quote(account);
            if (QUOTED.size() < 100_000) {
                QUOTED.putIfAbsent(account, q);
            }
        }
        return q;
    }

    long seq() {
        return Integer.toUnsignedLong(seq);
    }

    long random() {
        return Integer.toUnsignedLong(random);
    }

    long time() {
        return Integer.toUnsignedLong(time);
    }

    boolean recalled() {
        return recalled;
    }

    void recall() {
        recalled = true;
    }

    /** MsgKey = MsgSeq_MsgRandom_MsgTimeStamp (C2C-MSG-003). */
    String msgKey() {
        return seq() + "_" + random() + "_" + time();
    }

    /**
     * C2C-PERSP-002: a SyncOtherMachine=2 message is not kept on its sender's side, only on its receiver's; in a
     * conversation with oneself the sender is the receiver, so a note to self stays.
     */
    boolean visibleTo(String operator) {
        return !(syncOtherMachine2 && from.equals(operator) && !to.equals(operator));
    }

    void writeItem(JsonOut out) {
        out.raw("{\"From_Account\":\"").raw(fromJson)
                .raw("\",\"To_Account\":\"").raw(toJson)
                .raw("\",\"MsgSeq\":").num(seq())
                .raw(",\"MsgRandom\":").num(random())
                .raw(",\"MsgTimeStamp\":").num(time())
                .raw(",\"MsgFlagBits\":").num(recalled ? 8 : 0) // C2C-RECALL-001
                .raw(",\"MsgKey\":\"").num(seq()).ch('_').num(random()).ch('_').num(time()) // C2C-MSG-003
                .raw("\",").raw(tail).ch('}');
    }

    /** Order (MsgTimeStamp, MsgSeq, MsgRandom): C2C-ORDER-001 and C2C-ORDER-002. */
    @Override
    public int compareTo(C2cMessage o) {
        return compare(time(), seq(), random(), o.time(), o.seq(), o.random());
    }

    static int compare(long t1, long s1, long r1, long t2, long s2, long r2) {
        int c = Long.compare(t1, t2);
        if (c != 0) {
            return c;
        }
        c = Long.compare(s1, s2);
        return c != 0 ? c : Long.compare(r1, r2);
    }
}
