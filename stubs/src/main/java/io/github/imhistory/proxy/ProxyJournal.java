package io.github.imhistory.proxy;

import io.github.imhistory.contract.RecordedRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What passed through the proxy for one tenant: each request with the upstream's answer (or the failure instead of
 * one), the oldest dropped beyond {@code capacity} so a long session cannot exhaust memory. Judged when a report is
 * asked for, never on the request path, so forwarding stays a copy and an append.
 */
final class ProxyJournal {
    private final int capacity;
    private final ArrayDeque<RecordedRequest> entries = new ArrayDeque<>();
    private long next;
    private long dropped;

    ProxyJournal(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    synchronized RecordedRequest add(Instant at, Instant answeredAt, String method, String path, Map<String, String> query,
                                     String body, int status, String answer, String fault) {
        RecordedRequest r = new RecordedRequest(++next, at, answeredAt, method, path, query, body, status, answer, fault, 0);
        if (entries.size() == capacity) {
            entries.removeFirst();
            dropped++;
        }
        entries.addLast(r);
        return r;
    }

    synchronized List<RecordedRequest> entries() {
        return new ArrayList<>(entries);
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized void clear() {
        entries.clear();
        dropped = 0;
    }
}
