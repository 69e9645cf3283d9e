package io.github.imhistory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** COM-RATE-002 on a controlled clock: the sliding window and what counts. */
class RateLimiterTest {
    @Test
    void com_RATE_002_the201stCallWithinAnySecondIsRefused() {
        RateLimiter limiter = new RateLimiter();
        for (int i = 0; i < 200; i++) {
            assertThat(limiter.tryAcquire(10_000 + i)).as("call %d", i + 1).isTrue();
        }
        assertThat(limiter.tryAcquire(10_500)).isFalse();
        assertThat(limiter.tryAcquire(10_999)).as("the first call is 999 ms old").isFalse();
        assertThat(limiter.tryAcquire(11_000)).as("the first call left the window").isTrue();
    }

    @Test
    void com_RATE_002_aBurstAcrossASecondBoundaryIsStillLimited() {
        RateLimiter limiter = new RateLimiter();
        for (int i = 0; i < 200; i++) {
            assertThat(limiter.tryAcquire(10_900 + i / 2)).isTrue(); // 200 calls from 10.900 to 10.999
        }
        assertThat(limiter.tryAcquire(11_050)).as("a fixed window would wrongly accept this").isFalse();
    }

    @Test
    void com_RATE_002_refusedCallsDoNotCount() {
        RateLimiter limiter = new RateLimiter();
        for (int i = 0; i < 200; i++) {
            limiter.tryAcquire(0);
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire(500)).isFalse();
        }
        assertThat(limiter.tryAcquire(1000)).isTrue();
    }
}
