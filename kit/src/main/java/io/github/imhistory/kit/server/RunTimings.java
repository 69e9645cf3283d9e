package io.github.imhistory.kit.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a run's time went (wall-clock milliseconds summed over scenarios): seeding, waiting for the server, the
 * suite's own pacing, cool-downs after rate bursts, and everything else (the oracle, the checks). Reported in
 * {@code conformance.json} so that a slow gate run can be explained without a profiler.
 */
public final class RunTimings {
    public enum Part { SEED, SERVER, PACING, COOL_DOWN, CLEAN_UP }

    /** The keys under which the suite publishes its timings as JUnit report entries. */
    public static final String REPORT_PREFIX = "imhistory.timings.";

    private final Map<Part, LongAdder> nanos = new LinkedHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    public RunTimings() {
        for (Part p : Part.values()) {
            nanos.put(p, new LongAdder());
        }
    }

    void add(Part part, long startNanos) {
        nanos.get(part).add(System.nanoTime() - startNanos);
    }

    void request() {
        requests.incrementAndGet();
    }

    public long millis(Part part) {
        return nanos.get(part).sum() / 1_000_000;
    }

    /** Requests sent to the server (bursts included). */
    public long requests() {
        return requests.get();
    }

    public Map<String, Long> asMap() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Part p : Part.values()) {
            out.put(p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "Ms", millis(p));
        }
        out.put("requests", requests());
        return out;
    }
}
