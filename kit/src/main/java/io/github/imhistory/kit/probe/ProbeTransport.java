package io.github.imhistory.kit.probe;

import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the probe's requests: at most {@code maxPerSecond} in any second (all APIs together), at most
 * {@code budget} in all (then {@link BudgetExhausted}), and keeps every request with its answer (or the failure
 * instead of one) as the checks read it.
 */
final class ProbeTransport implements Transport {
    /** The request budget is spent: the probe stops here. */
    static final class BudgetExhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExhausted(int budget) {
            super("the request budget of " + budget + " requests is spent");
        }
    }

    private final String baseUrl;
    private final Duration timeout;
    private final int maxPerSecond;
    private final int budget;
    private final HttpClient client;
    private final ArrayDeque<Long> lastSecond = new ArrayDeque<>();
    private final List<RecordedRequest> journal = new ArrayList<>();
    private long peakPerSecond;

    ProbeTransport(String baseUrl, Duration timeout, int maxPerSecond, int budget) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.maxPerSecond = maxPerSecond;
        this.budget = budget;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5)).build();
    }

    @Override
    public Answer send(HttpCall call) throws IOException {
        if (journal.size() >= budget) {
            throw new BudgetExhausted(budget);
        }
        pace();
        Instant at = Instant.now();
        Answer answer = null;
        IOException error = null;
        try {
            answer = sendNow(call);
            return answer;
        } catch (IOException e) {
            error = e;
            throw e;
        } finally {
            journal.add(new RecordedRequest(journal.size() + 1L, at, Instant.now(), call.method(), call.path(),
                    call.query(), new String(call.body(), StandardCharsets.UTF_8), answer == null ? -1 : answer.status(),
                    answer == null ? "" : answer.text(), error == null ? null : String.valueOf(error), 0));
        }
    }

    /** Every request sent so far, numbered 1, 2, ... in the order sent. */
    List<RecordedRequest> journal() {
        return journal;
    }

    int sent() {
        return journal.size();
    }

    /** The most requests sent in any one second. */
    long peakPerSecond() {
        return peakPerSecond;
    }

    private Answer sendNow(HttpCall call) throws IOException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(baseUrl + call.pathAndQuery())).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .method(call.method(), call.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(call.body()))
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

    /** Waits until fewer than {@code maxPerSecond} requests were sent in the last second. */
    private void pace() {
        long now = System.nanoTime();
        while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= 1_000_000_000L) {
            lastSecond.removeFirst();
        }
        if (lastSecond.size() >= maxPerSecond) {
            long wait = 1_000_000_000L - (now - lastSecond.peekFirst()) + 1_000_000;
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now = System.nanoTime();
            while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= 1_000_000_000L) {
                lastSecond.removeFirst();
            }
        }
        lastSecond.addLast(now);
        peakPerSecond = Math.max(peakPerSecond, lastSecond.size());
    }
}
