package io.github.imhistory.engine;

/** 200 calls per second per sdkappid and API (COM-RATE-002), counted in fixed one-second windows. */
final class RateLimiter {
    static final int CALLS_PER_SECOND = 200;

    private long second = Long.MIN_VALUE;
    private int count;

    synchronized boolean tryAcquire(long nowMillis) {
        long s = Math.floorDiv(nowMillis, 1000);
        if (s != second) {
            second = s;
            count = 0;
        }
        return ++count <= CALLS_PER_SECOND;
    }
}
