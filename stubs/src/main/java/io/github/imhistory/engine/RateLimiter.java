package io.github.imhistory.engine;

/**
 * 200 calls per second per sdkappid and API (COM-RATE-002), as a sliding window: a call is refused when 200 calls
 * were accepted in the 1000 ms before it. A fixed per-second window would let a burst straddling a second boundary
 * through at twice the rate, and make the refusal depend on where the boundary falls. Refused calls do not count.
 */
final class RateLimiter {
    static final int CALLS_PER_SECOND = 200;

    /** Acceptance times of the last 200 accepted calls, as a ring. */
    private final long[] accepted = new long[CALLS_PER_SECOND];
    private int next;

    RateLimiter() {
        java.util.Arrays.fill(accepted, Long.MIN_VALUE / 2);
    }

    synchronized boolean tryAcquire(long nowMillis) {
        if (nowMillis - accepted[next] < 1000) {
            return false;
        }
        accepted[next] = nowMillis;
        next = (next + 1) % CALLS_PER_SECOND;
        return true;
    }
}
