package io.github.imhistory.kit.probe;

import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.kit.server.ServerHttp;
import io.github.imhistory.kit.server.ServerTarget;
import java.io.IOException;
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

    private final ServerHttp http;
    private final int maxPerSecond;
    private final int budget;
    private final ArrayDeque<Long> lastSecond = new ArrayDeque<>();
    private final List<RecordedRequest> journal = new ArrayList<>();
    private long peakPerSecond;

    ProbeTransport(ServerTarget target, int maxPerSecond, int budget) {
        this.http = new ServerHttp(target, maxPerSecond); // its own pace is per API: the probe paces all together
        this.maxPerSecond = maxPerSecond;
        this.budget = budget;
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
            answer = http.sendUnpaced(call);
            return answer;
        } catch (IOException e) {
            error = e;
            throw e;
        } finally {
            journal.add(ServerHttp.record(journal.size() + 1L, at, call, answer, error));
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
