package io.github.imhistory.kit.server;

import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends calls to the target with the JDK client (HTTP/1.1, as the IM REST gateway speaks it), at most
 * {@code maxPerSecond} per path in any second so that the suite itself never provokes 60007 (COM-RATE-001);
 * {@link #sendUnpaced} is for the deliberate burst.
 */
public final class ServerHttp implements Transport {
    private final ServerTarget target;
    private final HttpClient client;
    private final int maxPerSecond;
    private final Map<String, ArrayDeque<Long>> sent = new HashMap<>();
    private final RunTimings timings;

    public ServerHttp(ServerTarget target, int maxPerSecond) {
        this(target, maxPerSecond, new RunTimings());
    }

    ServerHttp(ServerTarget target, int maxPerSecond, RunTimings timings) {
        this.target = target;
        this.timings = timings;
        this.maxPerSecond = maxPerSecond;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(target.timeout().compareTo(Duration.ofSeconds(5)) < 0 ? target.timeout() : Duration.ofSeconds(5))
                .build();
    }

    /** Sends at the suite's pace. */
    @Override
    public Answer send(HttpCall call) throws IOException {
        long start = System.nanoTime();
        pace(call.path());
        timings.add(RunTimings.Part.PACING, start);
        start = System.nanoTime();
        try {
            return sendUnpaced(call);
        } finally {
            timings.add(RunTimings.Part.SERVER, start);
            timings.request();
        }
    }

    RunTimings timings() {
        return timings;
    }

    /** Sends now, whatever the pace (the deliberate burst; the probe, which paces all APIs together itself). */
    public Answer sendUnpaced(HttpCall call) throws IOException {
        HttpRequest.BodyPublisher body = call.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body());
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(target.baseUrl() + call.pathAndQuery()))
                    .timeout(target.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .method(call.method(), body)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot build the request: " + e.getMessage(), e);
        }
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Sends at the suite's pace and records what happened, as the checks read it. */
    RecordedRequest exchange(HttpCall call, long number) {
        Instant at = Instant.now();
        try {
            return record(number, at, call, send(call), null);
        } catch (IOException e) {
            return record(number, at, call, null, e);
        }
    }

    /** One request and its answer (or the transport failure instead of one), as the checks read it. */
    public static RecordedRequest record(long number, Instant at, HttpCall call, Answer answer, IOException error) {
        return new RecordedRequest(number, at, Instant.now(), call.method(), call.path(), call.query(),
                new String(call.body(), StandardCharsets.UTF_8), answer == null ? -1 : answer.status(),
                answer == null ? "" : answer.text(), error == null ? null : String.valueOf(error), 0);
    }

    /** Whether anything answers at the base URL: any HTTP status counts, only a transport failure does not. */
    void requireReachable() {
        HttpCall probe = new HttpCall("POST", "/v4/openim/admin_getroammsg", Map.of(), new byte[0]);
        try {
            sendUnpaced(probe);
        } catch (IOException e) {
            throw new IllegalStateException("target unreachable: POST " + target.baseUrl() + probe.path() + " failed: "
                    + e);
        }
    }

    /** Forgets the pace (after the stub loads a fresh tenant, whose rate limiters start at zero). */
    synchronized void resetPace() {
        sent.clear();
    }

    private void pace(String path) {
        long wait;
        synchronized (this) {
            ArrayDeque<Long> times = sent.computeIfAbsent(path, p -> new ArrayDeque<>());
            long now = System.nanoTime();
            while (!times.isEmpty() && now - times.peekFirst() >= 1_000_000_000L) {
                times.removeFirst();
            }
            wait = times.size() < maxPerSecond ? 0 : 1_000_000_000L - (now - times.peekFirst()) + 1_000_000;
            times.addLast(now + Math.max(0, wait));
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
