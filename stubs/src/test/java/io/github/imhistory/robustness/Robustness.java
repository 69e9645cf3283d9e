package io.github.imhistory.robustness;

/**
 * Seeds and sizes of the robustness suite (GitHub issue 8). Every random choice derives from one base seed, so a
 * failure replays exactly with {@code -Dimhistory.seed=N}; the sizes are raised by {@code -Plong}.
 */
final class Robustness {
    /** The base seed; every failure message names it. */
    static final long SEED = Long.getLong("imhistory.seed", 20260808L);
    /** Requests the fuzz sends in all (over HTTP and in-process). */
    static final int FUZZ_REQUESTS = Integer.getInteger("imhistory.fuzz.requests", 100_000);
    /** Of those, how many go over real HTTP; the rest go through Engine.handle in-process. */
    static final int FUZZ_HTTP_REQUESTS = Integer.getInteger("imhistory.fuzz.httpRequests", 30_000);
    /** Requests with 100 KB bodies in the journal flood. */
    static final int FLOOD_REQUESTS = Integer.getInteger("imhistory.flood.requests", 20_000);
    /** Base UserSigs the forgery properties mutate. */
    static final int SIG_BASES = Integer.getInteger("imhistory.sig.bases", 40);
    /** One answer in this many is also validated against the contract's schemas (networknt is not cheap). */
    static final int SCHEMA_EVERY = Integer.getInteger("imhistory.fuzz.schemaEvery", 50);
    /** Client threads of the HTTP fuzz and the flood. */
    static final int THREADS = Integer.getInteger("imhistory.threads", 8);
    /** No single answer may take longer than this (CI has 2 cores and a GC now and then). */
    static final long ANSWER_BOUND_MILLIS = Long.getLong("imhistory.answerBoundMillis", 2_000);

    private Robustness() {}

    /** A well-mixed seed for item {@code index} of stream {@code stream} (SplitMix64 finaliser). */
    static long seed(String stream, long index) {
        long z = SEED ^ (stream.hashCode() * 0x9E3779B97F4A7C15L) ^ (index * 0xD1B54A32D192ED03L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** What every failure message starts with: how to replay it. */
    static String replay(String testClass) {
        return "[imhistory.seed=" + SEED + "; replay: mvn -B -ntp verify -pl stubs -DskipITs -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dtest=" + testClass + " -Dimhistory.seed=" + SEED + "]";
    }
}
