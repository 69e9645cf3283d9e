package io.github.imhistory.contract.check;

import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.ErrorCode;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When a client sends: at most 200 requests a second per API, retries only where a retry can help (bounded, with
 * growing delays), and timeouts longer than the 3 s the service may take. Times are the stub's: from when an answer
 * left it to when the next request arrived, so they include the network round trip and the scheduling of both
 * sides. That noise only ever lengthens a measured delay, so each delay is judged against a floor (100 ms before the
 * first retry, x1.5 for each next one), never against another measured delay: a client that waits is never failed by
 * a busy machine, and one that does not is caught on any machine whose noise stays below the floor at least once.
 */
public final class RetryRateChecks {
    private static final ErrorCatalog ERRORS = ErrorCatalog.bundled();

    /**
     * @param maxRetries       COM-RETRY-002's bound
     * @param minBackoffMillis the least delay before a retry
     * @param backoffGrowth    the floor grows by this factor for each next retry of the same request
     * @param perSecond        COM-RATE-001's limit per API and second
     */
    public record Policy(int maxRetries, long minBackoffMillis, double backoffGrowth, int perSecond) {
        /** COM-RETRY-002 and COM-RATE-001 as the catalogue states them. */
        public static Policy catalogue() {
            return new Policy(3, 100, 1.5, 200);
        }

        /** The least delay before the {@code n}-th retry (1-based) of one request: 100, 150, 225 ms. */
        public long floorMillis(int n) {
            return Math.round(minBackoffMillis * Math.pow(backoffGrowth, Math.max(0, n - 1)));
        }

        /** The peak below which a traffic says nothing about the limit: it never came near it. */
        public int nearLimit() {
            return perSecond * 9 / 10;
        }
    }

    private RetryRateChecks() {}

    /**
     * COM-RATE-001: at most {@code perSecond} requests in any 1000 ms per API, and none refused with 60007.
     *
     * @return the most requests to one API that arrived within 1000 ms: a traffic whose peak stays below
     * {@link Policy#nearLimit()} never tested the client's throttle
     */
    @Verifies(value = RuleId.COM_RATE_001, side = Side.CLIENT)
    public static int rate(List<RecordedRequest> traffic, Policy policy, Findings f) {
        Map<Api, List<RecordedRequest>> byApi = new EnumMap<>(Api.class);
        for (RecordedRequest r : traffic) {
            r.api().ifPresent(a -> byApi.computeIfAbsent(a, k -> new ArrayList<>()).add(r));
        }
        int limit = policy.perSecond();
        int[] peak = {0};
        byApi.forEach((api, list) -> {
            list.sort(Comparator.comparing(RecordedRequest::at).thenComparingLong(RecordedRequest::sequence));
            int worst = 0;
            RecordedRequest worstAt = null;
            int from = 0;
            for (int i = 0; i < list.size(); i++) {
                long t = list.get(i).at().toEpochMilli();
                while (t - list.get(from).at().toEpochMilli() >= 1000) {
                    from++;
                }
                int inWindow = i - from + 1;
                peak[0] = Math.max(peak[0], inWindow);
                if (inWindow > limit && inWindow > worst) {
                    worst = inWindow;
                    worstAt = list.get(i);
                }
            }
            if (worstAt != null) {
                f.add(RuleId.COM_RATE_001, worst + " requests to " + api.command() + " arrived within 1000 ms (up to"
                        + " request #" + worstAt.sequence() + "); at most " + limit + " per second", worstAt);
            }
            List<RecordedRequest> refused = list.stream().filter(r -> r.errorCode() == 60007).toList();
            if (!refused.isEmpty()) {
                f.add(RuleId.COM_RATE_001, refused.size() + " requests to " + api.command() + " were refused with 60007"
                        + " (more than " + limit + " per second), first request #" + refused.get(0).sequence(),
                        refused.get(0));
            }
        });
        return peak[0];
    }

    /**
     * The retries of one walk (a request repeated after a failed answer): never after a code a retry cannot help
     * (COM-RETRY-001); at most {@code maxRetries} in a row, each after a growing delay, and a transient failure that
     * ends the walk retried at least once (COM-RETRY-002).
     */
    @Verifies(value = {RuleId.COM_RETRY_001, RuleId.COM_RETRY_002}, side = Side.CLIENT)
    public static void retries(List<RecordedRequest> walk, Policy policy, Findings f) {
        int retries = 0;
        boolean tooManyReported = false;
        for (int i = 1; i < walk.size(); i++) {
            RecordedRequest prev = walk.get(i - 1);
            RecordedRequest r = walk.get(i);
            if (prev.succeeded() || !sameRequest(prev, r)) {
                retries = 0;
                continue;
            }
            retries++;
            String n = "request #" + r.sequence();
            if (!transientFailure(prev)) {
                int code = prev.errorCode();
                String en = ERRORS.find(code).map(ErrorCode::en).orElse("not in the error catalogue");
                f.add(RuleId.COM_RETRY_001, n + " repeats request #" + prev.sequence() + " after ErrorCode " + code
                        + " (" + en + "), which a retry cannot help (error-codes.json retry=false); surface it to the"
                        + " caller", r);
            }
            if (retries > policy.maxRetries() && !tooManyReported) {
                f.add(RuleId.COM_RETRY_002, n + " is retry " + retries + " of the same request; retry at most "
                        + policy.maxRetries() + " times, then surface the failure", r);
                tooManyReported = true;
            }
            long gap = r.at().toEpochMilli() - prev.answerSent().toEpochMilli();
            long floor = policy.floorMillis(retries);
            if (gap + 1 < floor) { // both times are whole milliseconds: allow the rounding of one
                f.add(RuleId.COM_RETRY_002, n + " is retry " + retries + " of request #" + prev.sequence() + ", sent "
                        + gap + " ms after it failed (" + prev.failureText() + "); wait at least " + floor + " ms before"
                        + " retry " + retries + " (" + policy.minBackoffMillis() + " ms, then x" + policy.backoffGrowth()
                        + " each time)", r);
            }
        }
        RecordedRequest last = walk.get(walk.size() - 1);
        boolean retried = walk.size() > 1 && sameRequest(walk.get(walk.size() - 2), last)
                && !walk.get(walk.size() - 2).succeeded();
        if (!last.succeeded() && transientFailure(last) && !retried) {
            f.add(RuleId.COM_RETRY_002, "the walk ended at request #" + last.sequence() + " (" + last.failureText()
                    + ") without a retry; a retry can help here: retry a bounded number of times with growing delays"
                    + ", then surface it", last);
        }
    }

    /**
     * COM-TIMEOUT-001: a request repeated while the answer to the same request was still delayed on its way (the
     * client gave up before it came), or, when {@code gaveUp} names how the client gave up on the walk, any answer
     * of the walk held back for more than 3 s.
     */
    @Verifies(value = RuleId.COM_TIMEOUT_001, side = Side.CLIENT)
    public static void timeout(List<RecordedRequest> walk, String gaveUp, Findings f) {
        for (int i = 1; i < walk.size(); i++) {
            RecordedRequest prev = walk.get(i - 1);
            RecordedRequest r = walk.get(i);
            if (sameRequest(prev, r) && prev.delayMillis() > 0 && r.at().isBefore(prev.answerSent())) {
                f.add(RuleId.COM_TIMEOUT_001, "request #" + r.sequence() + " repeats request #" + prev.sequence() + " "
                        + (r.at().toEpochMilli() - prev.at().toEpochMilli()) + " ms after it, while its answer was"
                        + " still on the way (it took " + prev.delayMillis() + " ms); wait longer than 3 s for an answer", r);
            }
        }
        if (gaveUp != null) {
            walk.stream().filter(r -> r.delayMillis() > 3000).findFirst().ifPresent(slow -> f.add(
                    RuleId.COM_TIMEOUT_001, "the client gave up (" + gaveUp + ") on a walk whose request #"
                            + slow.sequence() + " was answered after " + slow.delayMillis()
                            + " ms; wait longer than 3 s for an answer", slow));
        }
    }

    /** Whether {@code r} repeats {@code prev}: same path and body. */
    public static boolean sameRequest(RecordedRequest prev, RecordedRequest r) {
        return prev.path().equals(r.path()) && prev.bodyJson().isPresent() && prev.bodyJson().equals(r.bodyJson());
    }

    /** Network faults, HTTP errors, answers that are not JSON and codes the catalogue marks retry=true. */
    public static boolean transientFailure(RecordedRequest r) {
        if (r.fault() != null || r.status() != 200 || r.errorCode() < 0) {
            return true;
        }
        return ERRORS.retryCanHelp(r.errorCode());
    }
}
