package io.github.imhistory.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A tenant's recent requests and answers, bounded so a flood cannot exhaust memory: the oldest entries are dropped
 * and bodies are truncated. The admin API shows it and judges a client from it (the traffic judge reads
 * {@link RecordedRequest}s), so it also keeps requests the API refused before
 * reaching the tenant's history (another method, an unknown path) and scripted faults and delays.
 */
public final class Traffic {
    /** By default, bodies beyond this are kept truncated, with the original size recorded. */
    public static final int MAX_BODY_CHARS = 64 * 1024;

    /**
     * One request and its answer; the texts are decoded when read, not on the request path.
     *
     * @param number      order of recording within this journal (1, 2, ...); not the deviation counter, which
     *                    counts only requests to a history API
     * @param at          when the request reached the engine
     * @param answeredAt  when the answer was computed (before any scripted delay)
     * @param answerSize  the answer's real size; {@code answerBytes} is smaller when the answer was over the
     *                    journal's body limit (see {@link #journalAnswer})
     * @param fault       the scripted network fault sent instead of the answer, or null
     * @param delayMillis how long a scripted deviation held the answer back
     */
    public record Entry(long number, Instant at, Instant answeredAt, String method, String path,
                        Map<String, String> query, byte[] bodyBytes, int bodySize, int status, int errorCode,
                        byte[] answerBytes, int answerSize, String fault, long delayMillis) {
        /** The request body (truncated to the journal's body limit). */
        public String body() {
            return new String(bodyBytes, StandardCharsets.UTF_8);
        }

        /** The answer body (see {@link #journalAnswer}). */
        public String answer() {
            return new String(answerBytes, StandardCharsets.UTF_8);
        }

        /**
         * The entry as the traffic judge reads it.
         *
         * @param addedDelayMillis a delay the HTTP layer adds to every answer (the standalone's {@code --latency})
         */
        public RecordedRequest recorded(long addedDelayMillis) {
            return new RecordedRequest(number, at, answeredAt, method, path, query, body(), status, answer(), fault,
                    delayMillis + addedDelayMillis);
        }
    }

    private final int capacity;
    private final int bodyLimit;
    private final ArrayDeque<Entry> entries;
    private long dropped;
    private long recorded;
    /** Requests whose answers are being computed: counted so a reader can wait until all are recorded. */
    private int computing;

    Traffic(int capacity, int bodyLimit) {
        this.capacity = Math.max(0, capacity);
        this.bodyLimit = Math.max(0, bodyLimit);
        this.entries = new ArrayDeque<>(Math.min(this.capacity, 1024));
    }

    /** Records a request that arrived at {@code at} and was answered by {@code response}. */
    void record(Instant at, Instant answeredAt, EngineRequest request, EngineResponse response) {
        byte[] body = request.body();
        byte[] answer = response.body();
        String fault = response.fault() == EngineResponse.Fault.NONE ? null : response.fault().name();
        byte[] kept = truncate(body, bodyLimit); // copied outside the lock
        byte[] keptAnswer = journalAnswer(answer, bodyLimit);
        synchronized (this) {
            Entry e = new Entry(++recorded, at, answeredAt, request.method(), request.path(), request.query(), kept,
                    body.length, response.status(), response.errorCode(), keptAnswer, answer.length, fault,
                    response.delayMillis());
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
    }

    synchronized void begin() {
        computing++;
    }

    synchronized void end() {
        computing--;
        notifyAll();
    }

    /**
     * Waits until no request of this tenant is still being computed, at most {@code timeout}, so that everything a
     * client sent before it returned is in the journal; returns whether none is. Scripted delays come after
     * recording, so an answer a client is still waiting for is already here.
     */
    public synchronized boolean awaitRecorded(java.time.Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (computing > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** The entries as the traffic judge reads them. */
    public List<RecordedRequest> recorded(long addedDelayMillis) {
        List<Entry> all = entries();
        List<RecordedRequest> out = new ArrayList<>(all.size());
        all.forEach(e -> out.add(e.recorded(addedDelayMillis)));
        return out;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** Forgets what was recorded so far; numbering goes on. */
    public synchronized void clear() {
        entries.clear();
        dropped = 0;
    }

    /** The bytes themselves when short (answers are never mutated), else a truncated copy. */
    static byte[] truncate(byte[] b, int limit) {
        return b.length <= limit ? b : Arrays.copyOf(b, limit);
    }

    /**
     * An answer as the journal keeps it: itself when short; when longer (twenty large group messages can be), the
     * same JSON with every {@code MsgBody} emptied, which keeps what a client's paging is judged by (ErrorCode,
     * keys, Complete, LastMsgKey, IsFinished); cut bytes only if even that is too long.
     */
    static byte[] journalAnswer(byte[] answer, int limit) {
        if (answer.length <= limit) {
            return answer;
        }
        try {
            JsonNode node = Json.WIRE.readTree(answer);
            if (node != null && node.isObject()) {
                for (String list : List.of("MsgList", "RspMsgList")) {
                    for (JsonNode entry : node.path(list)) {
                        if (entry instanceof ObjectNode o && o.has("MsgBody")) {
                            o.putArray("MsgBody");
                        }
                    }
                }
                byte[] slim = Json.WIRE.writeValueAsBytes(node);
                if (slim.length <= limit) {
                    return slim;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: keep the cut bytes
        }
        return truncate(answer, limit);
    }
}
