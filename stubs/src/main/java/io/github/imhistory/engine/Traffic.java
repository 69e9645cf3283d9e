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

    public record Entry(long number, Instant at, String method, String path, Map<String, String> query,
                        String body, int bodyBytes, int status, int errorCode, String answer) {}

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

    static String truncate(String s) {
        return s.length() <= MAX_BODY_CHARS ? s : s.substring(0, MAX_BODY_CHARS);
    }
}
