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
 * left it to when the next request arrived, so they include the network round trip.
 */
public final class RetryRateChecks {
    private static final ErrorCatalog ERRORS = ErrorCatalog.bundled();

    /**
     * @param maxRetries       COM-RETRY-002's bound
     * @param minBackoffMillis the least delay before a retry
     * @param backoffGrowth    each retry's delay must be at least this factor times the previous one
     * @param perSecond        COM-RATE-001's limit per API and second
     */
    public record Policy(int maxRetries, long minBackoffMillis, double backoffGrowth, int perSecond) {}

    private RetryRateChecks() {}

    /** COM-RATE-001: at most {@code perSecond} requests in any 1000 ms per API, and none refused with 60007. */
    @Verifies(value = RuleId.COM_RATE_001, side = Side.CLIENT)
    public static void rate(List<RecordedRequest> traffic, Policy policy, Findings f) {
        Map<Api, List<RecordedRequest>> byApi = new EnumMap<>(Api.class);
        for (RecordedRequest r : traffic) {
            r.api().ifPresent(a -> byApi.computeIfAbsent(a, k -> new ArrayList<>()).add(r));
        }
        int limit = policy.perSecond();
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
    }

    /**
     * The retries of one walk (a request repeated after a failed answer): never after a code a retry cannot help
     * (COM-RETRY-001); at most {@code maxRetries} in a row, each after a growing delay, and a transient failure that
     * ends the walk retried at least once (COM-RETRY-002).
     */
    @Verifies(value = {RuleId.COM_RETRY_001, RuleId.COM_RETRY_002}, side = Side.CLIENT)
    public static void retries(List<RecordedRequest> walk, Policy policy, Findings f) {
        int retries = 0;
        long lastGap = -1;
        boolean tooManyReported = false;
        for (int i = 1; i < walk.size(); i++) {
            RecordedRequest prev = walk.get(i - 1);
            RecordedRequest r = walk.get(i);
            if (prev.succeeded() || !sameRequest(prev, r)) {
                retries = 0;
                lastGap = -1;
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
            if (gap < policy.minBackoffMillis()) {
                f.add(RuleId.COM_RETRY_002, n + " retries " + gap + " ms after request #" + prev.sequence() + " failed ("
                        + prev.failureText() + "); wait at least " + policy.minBackoffMillis() + " ms, longer each time", r);
            } else if (retries >= 2 && lastGap >= 0 && gap < lastGap * policy.backoffGrowth()) {
                f.add(RuleId.COM_RETRY_002, n + " retries " + gap + " ms after the failure, after " + lastGap
                        + " ms before the previous retry; let the delay grow (at least x" + policy.backoffGrowth() + ")", r);
            }
            lastGap = gap;
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
