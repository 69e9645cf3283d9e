package io.github.imhistory.engine;

/** One stored group, topic or official-account message, addressed by its seq. */
final class SeqEntry {
    enum State { NORMAL, RECALLED, DELETED, EXPIRED }

    final long seq;
    final String from;
    final long random;
    final long time;
    /** 1..4, or 0 when the stored message has none (GRP-MSG-003). */
    final int priority;
    final boolean system;
    /** Compact JSON of the MsgBody value. */
    final byte[] body;
    /** Optional fields, compact JSON with a leading comma, or an empty array. */
    final byte[] extras;
    private volatile State state;

    SeqEntry(long seq, String from, long random, long time, int priority, boolean system, byte[] body, byte[] extras, State state) {
        this.seq = seq;
        this.from = from;
        this.random = random;
        this.time = time;
        this.priority = priority;
        this.system = system;
        this.body = body;
        this.extras = extras;
        this.state = state;
    }

    State state() {
        return state;
    }

    void recall() {
        if (state == State.NORMAL) {
            state = State.RECALLED;
        }
    }
}
