package io.github.imhistory.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tenant's recent requests and answers, bounded so a flood cannot exhaust memory: the oldest entries are dropped
 * and bodies are truncated. Kits read it to judge a client's traffic.
 */
public final class Traffic {
    /** Bodies beyond this are kept truncated, with the original size recorded. */
    public static final int MAX_BODY_CHARS = 64 * 1024;

    /** One request and its answer; the texts are decoded when read, not on the request path. */
    public record Entry(long number, Instant at, String method, String path, Map<String, String> query,
                        byte[] bodyBytes, int bodySize, int status, int errorCode, byte[] answerBytes) {
        /** The request body (truncated to {@link #MAX_BODY_CHARS} bytes). */
        public String body() {
            return new String(bodyBytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The answer body (truncated to {@link #MAX_BODY_CHARS} bytes). */
        public String answer() {
            return new String(answerBytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries;
    private long dropped;

    Traffic(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.entries = new ArrayDeque<>(Math.min(this.capacity, 1024));
    }

    synchronized void record(Entry e) {
        if (capacity == 0) {
            dropped++;
            return;
        }
        if (entries.size() == capacity) {
            entries.removeFirst();
            dropped++;
        }
        entries.addLast(e);
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    public synchronized long dropped() {
        return dropped;
    }

    synchronized void clear() {
        entries.clear();
        dropped = 0;
    }

    /** The bytes themselves when short (answers are never mutated), else a truncated copy. */
    static byte[] truncate(byte[] b) {
        return b.length <= MAX_BODY_CHARS ? b : java.util.Arrays.copyOf(b, MAX_BODY_CHARS);
    }
}
