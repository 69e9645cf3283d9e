package io.github.imhistory.engine;

/**
 * SplitMix64, the generator behind generated datasets: tiny, fully specified, and easy to port, so another
 * language can regenerate the very same messages from (kind, count, seed, ...).
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextUint32() {
        return next() & 0xFFFFFFFFL;
    }
}
