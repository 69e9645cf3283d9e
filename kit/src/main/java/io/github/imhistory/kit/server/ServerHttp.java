package io.github.imhistory.kit.server;

import io.github.imhistory.contract.HttpCall;
import java.io.IOException;
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
final class ServerHttp {
    private final ServerTarget target;
    private final HttpClient client;
    private final int maxPerSecond;
    private final Map<String, ArrayDeque<Long>> sent = new HashMap<>();

    ServerHttp(ServerTarget target, int maxPerSecond) {
        this.target = target;
        this.maxPerSecond = maxPerSecond;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(target.timeout().compareTo(Duration.ofSeconds(5)) < 0 ? target.timeout() : Duration.ofSeconds(5))
                .build();
    }

    Observed send(HttpCall call) {
        pace(call.path());
        return sendUnpaced(call);
    }

    Observed sendUnpaced(HttpCall call) {
        long start = System.nanoTime();
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
            return Observed.failed(new IOException("cannot build the request: " + e.getMessage(), e), 0);
        }
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Observed(r.statusCode(), r.body(), null, millisSince(start));
        } catch (IOException e) {
            return Observed.failed(e, millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Observed.failed(new IOException("interrupted", e), millisSince(start));
        }
    }

    /** Whether anything answers at the base URL: any HTTP status counts, only a transport failure does not. */
    void requireReachable() {
        HttpCall probe = new HttpCall("POST", "/v4/openim/admin_getroammsg", Map.of(), new byte[0]);
        Observed o = sendUnpaced(probe);
        if (o.error() != null) {
            throw new IllegalStateException("target unreachable: POST " + target.baseUrl() + probe.path() + " failed: "
                    + o.error());
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

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
