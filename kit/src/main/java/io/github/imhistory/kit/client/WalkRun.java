package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.kit.junit.ImHistoryEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Has an adapter make one walk, on threads of its own (one per part, or one for all parts in turn when the adapter
 * does not take concurrent pulls), interrupted after the timeout.
 */
final class WalkRun {
    /**
     * What the adapter did.
     *
     * @param entries what it returned (pages concatenated oldest first when paged), or null
     * @param thrown  what it threw, or null
     * @param pages   the pages it returned when paged, else null
     */
    record Outcome(List<JsonNode> entries, Throwable thrown, boolean timedOut, List<PulledPage> pages, Duration took) {}

    private WalkRun() {}

    /** One outcome per part of the walk, all within {@code timeout}; the parts run at once when {@code concurrent}. */
    static List<Outcome> run(ImHistoryClientAdapter adapter, ImHistoryEndpoint endpoint, WalkCase walk, int maxPages,
                             Duration timeout, ExecutorService pool, boolean concurrent) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<List<PulledPage>> pages = new ArrayList<>();
        List<Future<List<JsonNode>>> futures = new ArrayList<>();
        java.util.concurrent.Semaphore oneAtATime = new java.util.concurrent.Semaphore(1);
        for (WalkCase.Part part : walk.parts()) {
            List<PulledPage> p = walk.paged() ? Collections.synchronizedList(new ArrayList<>()) : null;
            pages.add(p);
            futures.add(pool.submit(() -> {
                if (!concurrent) {
                    oneAtATime.acquire();
                }
                try {
                    return walk.paged() ? paged(adapter, endpoint, part.pull(), p, maxPages)
                            : whole(adapter, endpoint, part.pull());
                } finally {
                    if (!concurrent) {
                        oneAtATime.release();
                    }
                }
            }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            outcomes.add(await(futures.get(i), pages.get(i), start, deadline));
        }
        return outcomes;
    }

    private static Outcome await(Future<List<JsonNode>> future, List<PulledPage> pages, long start, long deadline) {
        try {
            List<JsonNode> result = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (result == null) {
                return new Outcome(null, new NullPointerException("the adapter returned null"), false, pages, since(start));
            }
            return new Outcome(List.copyOf(result), null, false, pages == null ? null : List.copyOf(pages), since(start));
        } catch (ExecutionException e) {
            return new Outcome(null, e.getCause(), false, pages, since(start));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome(null, null, true, pages, since(start));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome(null, e, false, pages, since(start));
        }
    }

    private static List<JsonNode> whole(ImHistoryClientAdapter adapter, ImHistoryEndpoint endpoint, Pull pull) throws Exception {
        if (pull instanceof C2cPull c) {
            return adapter.pullC2c(endpoint, c);
        } else if (pull instanceof GroupPull g) {
            return adapter.pullGroup(endpoint, g);
        }
        return adapter.pullOfficialAccount(endpoint, (OfficialAccountPull) pull);
    }

    /** Pages until the adapter says there is no next page; pages come newest first, so the result is reversed. */
    private static List<JsonNode> paged(ImHistoryClientAdapter adapter, ImHistoryEndpoint endpoint, Pull pull,
                                        List<PulledPage> pages, int maxPages) throws Exception {
        Object cursor = null;
        do {
            PulledPage page = adapter.pullPage(endpoint, pull, cursor);
            if (page == null) {
                throw new NullPointerException("pullPage returned null");
            }
            pages.add(page);
            cursor = page.next();
        } while (cursor != null && pages.size() < maxPages);
        List<JsonNode> all = new ArrayList<>();
        for (int i = pages.size() - 1; i >= 0; i--) {
            all.addAll(pages.get(i).entries());
        }
        return all;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
