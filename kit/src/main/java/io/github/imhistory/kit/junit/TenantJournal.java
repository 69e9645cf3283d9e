package io.github.imhistory.kit.junit;

import io.github.imhistory.wiremock.ImHistoryExtension;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.imhistory.contract.traffic.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Records every request of the kit's tenants as WireMock serves it, keyed by the sdkappid query parameter. Unlike
 * the engine's own journal it also sees what never reaches a tenant's API (another method than POST, an unknown
 * path), and knows about network faults and added delays. A request is recorded when it arrives and completed once
 * its answer is computed, before any scripted delay. Bounded per tenant.
 */
final class TenantJournal implements ServeEventListener {
    static final String NAME = "im-history-kit-journal";

    private final int capacity;
    private final ConcurrentMap<Long, Log> logs = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, Entry> inFlight = new ConcurrentHashMap<>();

    TenantJournal(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    @Override
    public String getName() {
        return NAME;
    }

    void open(long sdkappid) {
        logs.put(sdkappid, new Log(capacity));
    }

    void close(long sdkappid) {
        logs.remove(sdkappid);
    }

    Log log(long sdkappid) {
        Log log = logs.get(sdkappid);
        if (log == null) {
            throw new IllegalStateException("no tenant " + sdkappid + " in this stub (closed?)");
        }
        return log;
    }

    @Override
    public void beforeMatch(ServeEvent event, Parameters parameters) {
        LoggedRequest request = event.getRequest();
        String url = request.getUrl();
        int q = url.indexOf('?');
        Map<String, String> query = parseQuery(q < 0 ? "" : url.substring(q + 1));
        Log log = tenantLog(query.get("sdkappid"));
        if (log == null) {
            return;
        }
        byte[] body = request.getBody();
        Entry e = new Entry(log.nextSequence(), Instant.now(), request.getMethod().getName(),
                q < 0 ? url : url.substring(0, q), query,
                body == null ? "" : new String(body, StandardCharsets.UTF_8), log);
        inFlight.put(event.getId(), e);
        log.add(e);
    }

    /** Called once the answer is computed and before a scripted delay holds it back, so a client that gave up still sees it. */
    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        Entry e = inFlight.remove(event.getId());
        if (e == null) {
            return;
        }
        LoggedResponse response = event.getResponse();
        Integer delay = event.getTiming() == null ? null : event.getTiming().getAddedDelay();
        if (response == null) {
            e.log.complete(e, 0, "", "NO_RESPONSE", delay == null ? 0 : delay);
        } else {
            e.log.complete(e, response.getStatus(), response.getBodyAsString(),
                    response.getFault() == null ? null : response.getFault().name(), delay == null ? 0 : delay);
        }
    }

    /** A request that ended before an answer was computed (e.g. the connection dropped) still completes. */
    @Override
    public void afterComplete(ServeEvent event, Parameters parameters) {
        beforeResponseSent(event, parameters);
    }

    private Log tenantLog(String sdkappid) {
        if (sdkappid == null || !sdkappid.matches("[0-9]{1,10}")) {
            return null;
        }
        return logs.get(Long.parseLong(sdkappid));
    }

    /** The stub's own query parsing, so the journal reads a query exactly as the engine did. */
    static Map<String, String> parseQuery(String raw) {
        return ImHistoryExtension.parseQuery(raw);
    }

    /** A request, completed once its answer is sent. */
    static final class Entry {
        final long sequence;
        final Instant at;
        final String method;
        final String path;
        final Map<String, String> query;
        final String body;
        final Log log;
        int status = RecordedRequest.PENDING;
        Instant answeredAt;
        String answer = "";
        String fault;
        long delay;
        boolean inLog = true;

        Entry(long sequence, Instant at, String method, String path, Map<String, String> query, String body, Log log) {
            this.sequence = sequence;
            this.at = at;
            this.method = method;
            this.path = path;
            this.query = query;
            this.body = body;
            this.log = log;
        }

        RecordedRequest snapshot() {
            return new RecordedRequest(sequence, at, answeredAt, method, path, query, body, status, answer, fault, delay);
        }
    }

    /** One tenant's requests, oldest first, at most {@code capacity}. */
    static final class Log {
        private final int capacity;
        private final ArrayDeque<Entry> entries = new ArrayDeque<>();
        private long dropped;
        private int pending;
        private long sequence;

        Log(int capacity) {
            this.capacity = capacity;
        }

        /** Requests are numbered per tenant: #1 is the tenant's first. */
        synchronized long nextSequence() {
            return ++sequence;
        }

        synchronized void add(Entry e) {
            if (entries.size() == capacity) {
                Entry old = entries.removeFirst();
                if (old.status == RecordedRequest.PENDING) {
                    pending--;
                }
                old.inLog = false;
                dropped++;
            }
            entries.addLast(e);
            pending++;
        }

        synchronized void complete(Entry e, int status, String answer, String fault, long delay) {
            if (e.status == RecordedRequest.PENDING && e.inLog) {
                pending--;
            }
            e.status = status;
            e.answeredAt = Instant.now();
            e.answer = answer == null ? "" : answer;
            e.fault = fault;
            e.delay = delay;
            notifyAll();
        }

        synchronized List<RecordedRequest> snapshot() {
            List<RecordedRequest> out = new ArrayList<>(entries.size());
            entries.forEach(e -> out.add(e.snapshot()));
            return out;
        }

        synchronized long dropped() {
            return dropped;
        }

        synchronized void clear() {
            entries.forEach(e -> e.inLog = false);
            entries.clear();
            dropped = 0;
            pending = 0;
        }

        synchronized boolean awaitAnswered(Duration timeout) {
            long end = System.nanoTime() + timeout.toNanos();
            while (pending > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
