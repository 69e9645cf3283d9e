package io.github.imhistory.contract.walk;

import io.github.imhistory.contract.HttpCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A concurrent burst of the same request, each copy with a fresh random: what provokes a rate limit (COM-RATE-002).
 * One implementation for the stub tests and the server suite.
 */
public final class Burst {
    /**
     * What came back: one entry per request, in sending order.
     *
     * @param millis how long the whole burst took, first send to last answer
     */
    public record Outcome(List<Answer> answers, List<IOException> errors, long millis) {}

    private Burst() {}

    /** Sends {@code repeat} copies of {@code call} from up to 16 threads; each answer waited for at most {@code timeoutMillis}. */
    public static Outcome send(Transport transport, HttpCall call, int repeat, long timeoutMillis) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, Math.max(1, repeat)));
        long start = System.nanoTime();
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                HttpCall c = i == 0 ? call : CallFactory.again(call);
                futures.add(pool.submit(() -> transport.send(c)));
            }
            List<Answer> answers = new ArrayList<>();
            List<IOException> errors = new ArrayList<>();
            for (Future<Answer> f : futures) {
                try {
                    answers.add(f.get(timeoutMillis, TimeUnit.MILLISECONDS));
                    errors.add(null);
                } catch (ExecutionException e) {
                    answers.add(null);
                    errors.add(e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
                } catch (TimeoutException e) {
                    answers.add(null);
                    errors.add(new IOException("no answer within " + timeoutMillis + " ms"));
                }
            }
            return new Outcome(answers, errors, (System.nanoTime() - start) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }
}
