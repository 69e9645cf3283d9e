package io.github.imhistory.contract.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleCatalog;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.check.ContinuationChecks;
import io.github.imhistory.contract.check.Findings;
import io.github.imhistory.contract.check.RequestChecks;
import io.github.imhistory.contract.check.RetryRateChecks;
import io.github.imhistory.contract.check.UserSigChecks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Judges the requests a client sent to one tenant against the client rules, from the traffic alone: no knowledge of
 * what the client meant to do. It cuts the traffic into walks (same API and conversation, group or official
 * account; see {@link ApiProfile#walkKey}) and hands each request and walk to the rules' homes in
 * {@code contract.check}: the request's form ({@link RequestChecks}), its UserSig ({@link UserSigChecks}), the
 * continuation protocol ({@link ContinuationChecks}), retries, rate and timeouts ({@link RetryRateChecks}). The core
 * of both the packaged client suite and the stub's per-tenant verdicts for clients not written in Java.
 */
public final class TrafficJudge {
    /** The rules judged from any traffic, whatever API it calls. */
    public static final Set<RuleId> COMMON_RULES = EnumSet.of(RuleId.COM_METHOD_001, RuleId.COM_QRY_001,
            RuleId.COM_QRY_002, RuleId.COM_QRY_007, RuleId.COM_QRY_004, RuleId.COM_BODY_001, RuleId.COM_ADMIN_001,
            RuleId.COM_RATE_001, RuleId.COM_RETRY_001, RuleId.COM_RETRY_002, RuleId.COM_TIMEOUT_001,
            RuleId.SIG_ALG_001, RuleId.SIG_ALG_002, RuleId.SIG_CLI_001);
    /** The UserSig rules, skipped when a tenant accepts any usersig. */
    public static final Set<RuleId> USERSIG_RULES = EnumSet.of(RuleId.SIG_ALG_001, RuleId.SIG_ALG_002,
            RuleId.SIG_CLI_001);

    /** What the judge needs to know about the tenant the traffic went to. */
    public record TenantFacts(long sdkappid, Set<String> admins, String secretKey) {
        public TenantFacts {
            admins = Set.copyOf(admins);
            Objects.requireNonNull(secretKey, "secretKey");
        }
    }

    /**
     * @param wholeHistory whether every walk was meant to reach the end of history; off for a client that
     *                     legitimately loads one page at a time (an app scrolling back)
     * @param policy       retry, backoff and rate bounds
     * @param baseUrl      for curl commands in messages
     * @param userSig      whether the UserSig rules are judged; off for a stub that accepts any usersig on purpose
     */
    public record Options(boolean wholeHistory, RetryRateChecks.Policy policy, String baseUrl, boolean userSig) {
        public static Options defaults() {
            return new Options(true, RetryRateChecks.Policy.catalogue(), "", true);
        }

        public Options withWholeHistory(boolean on) {
            return new Options(on, policy, baseUrl, userSig);
        }

        public Options withBaseUrl(String url) {
            return new Options(wholeHistory, policy, url, userSig);
        }

        public Options withUserSig(boolean judged) {
            return new Options(wholeHistory, policy, baseUrl, judged);
        }

        public Options withPolicy(RetryRateChecks.Policy p) {
            return new Options(wholeHistory, p, baseUrl, userSig);
        }
    }

    private final TenantFacts tenant;
    private final Options options;

    private TrafficJudge(TenantFacts tenant, Options options) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.options = Objects.requireNonNull(options, "options");
    }

    public static TrafficJudge of(TenantFacts tenant, Options options) {
        return new TrafficJudge(tenant, options);
    }

    /** The walks of a traffic, without judging it. */
    public static List<Walk> walks(List<RecordedRequest> requests, String baseUrl) {
        TrafficJudge j = new TrafficJudge(new TenantFacts(0, Set.of(), ""), Options.defaults().withBaseUrl(baseUrl));
        return j.segment(sorted(requests), null);
    }

    /** The rules a traffic to {@code apis} is judged by, in catalogue order. */
    public Set<RuleId> rulesFor(Set<Api> apis, boolean anyRequest) {
        Set<RuleId> checked = EnumSet.noneOf(RuleId.class);
        if (anyRequest) {
            checked.addAll(COMMON_RULES);
            if (!options.userSig()) {
                checked.removeAll(USERSIG_RULES);
            }
        }
        apis.forEach(api -> checked.addAll(api.profile().clientTrafficRules()));
        return checked;
    }

    public Verdict judge(List<RecordedRequest> requests) {
        List<RecordedRequest> sorted = sorted(requests);
        Findings findings = new Findings();
        Set<Api> apis = new LinkedHashSet<>();
        Map<String, Long> randoms = new HashMap<>();
        for (RecordedRequest r : sorted) {
            r.api().ifPresent(apis::add);
            RequestChecks.method(r, findings);
            RequestChecks.query(r, findings);
            RequestChecks.freshRandom(r, randoms, findings);
            RequestChecks.admin(r, tenant.admins(), findings);
            if (options.userSig()) {
                UserSigChecks.userSig(r, tenant.secretKey(), findings);
            }
            RequestChecks.body(r, findings);
        }
        int peak = RetryRateChecks.rate(sorted, options.policy(), findings);
        List<Walk> walks = segment(sorted, findings);
        for (Walk w : walks) {
            RetryRateChecks.retries(w.requests(), options.policy(), findings);
            RetryRateChecks.timeout(w.requests(), null, findings);
        }
        Set<RuleId> checked = rulesFor(apis, !sorted.isEmpty());
        Map<String, String> notChecked = new LinkedHashMap<>();
        if (!sorted.isEmpty() && peak < options.policy().nearLimit()
                && findings.all().stream().noneMatch(x -> x.rule() == RuleId.COM_RATE_001)) {
            checked.remove(RuleId.COM_RATE_001);
            notChecked.put(RuleId.COM_RATE_001.id(), "the client never came near the limit: at most " + peak
                    + " requests to one API arrived within 1000 ms, and " + options.policy().perSecond()
                    + " are allowed, so whether it keeps to the limit was not seen");
        }
        Set<String> ordered = new LinkedHashSet<>();
        RuleCatalog.bundled().all().stream().filter(rule -> RuleId.of(rule.id()).filter(checked::contains).isPresent())
                .forEach(rule -> ordered.add(rule.id()));
        return new Verdict(ordered, findings.all(), walks, sorted.size(), notChecked);
    }

    /** A walk in progress. */
    private static final class Chain {
        final ApiProfile profile;
        final String key;
        final List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest last;
        RecordedRequest lastSuccess;
        int pages;
        boolean wentOnReported;

        Chain(ApiProfile profile, String key) {
            this.profile = profile;
            this.key = key;
        }

        void add(RecordedRequest r) {
            requests.add(r);
            last = r;
            if (r.succeeded()) {
                lastSuccess = r;
                pages++;
            }
        }

        JsonNode firstBody() {
            return requests.get(0).bodyJson().orElseThrow();
        }
    }

    /** Cuts the traffic into walks; with {@code f}, judges each continuation and each walk's end on the way. */
    private List<Walk> segment(List<RecordedRequest> sorted, Findings f) {
        Map<String, Chain> open = new LinkedHashMap<>();
        List<Chain> all = new ArrayList<>();
        for (RecordedRequest r : sorted) {
            Api api = r.api().orElse(null);
            JsonNode body = r.bodyJson().orElse(null);
            if (api == null || body == null) {
                continue;
            }
            ApiProfile p = api.profile();
            String key = api.command() + " " + p.walkKey(body);
            Chain c = open.get(key);
            if (c == null) {
                start(p, key, r, open, all, f);
                continue;
            }
            RecordedRequest prev = c.last;
            boolean same = RetryRateChecks.sameRequest(prev, r);
            if (same) { // a retry, or a repeat of an answered request (a timeout, or a client that lost its place)
                boolean timedOut = prev.delayMillis() > 0 && r.at().isBefore(prev.answerSent());
                if (prev.succeeded() && !timedOut && f != null) {
                    ContinuationChecks.continues(p, prev, prev.bodyJson().orElseThrow(), r, f);
                }
                c.add(r);
                continue;
            }
            RecordedRequest base = c.lastSuccess;
            if (base == null || !p.isContinuation(body, c.firstBody())) { // something else: a new walk
                close(c, f);
                start(p, key, r, open, all, f);
                continue;
            }
            Optional<ObjectNode> next = p.next(base.bodyJson().orElseThrow(), base.answerJson().orElseThrow());
            if (next.isEmpty()) {
                if (f != null && !c.wentOnReported) {
                    ContinuationChecks.wholeHistory(p, base, r, c.pages, options.wholeHistory(), f);
                    c.wentOnReported = true;
                }
                c.add(r);
                continue;
            }
            if (f != null) {
                ContinuationChecks.continues(p, base, next.get(), r, f);
            }
            c.add(r);
        }
        open.values().forEach(c -> close(c, f));
        List<Walk> walks = new ArrayList<>();
        all.forEach(c -> walks.add(new Walk(c.profile.api(), c.key.substring(c.profile.api().command().length() + 1),
                c.requests, options.baseUrl())));
        return walks;
    }

    private static void start(ApiProfile p, String key, RecordedRequest r, Map<String, Chain> open, List<Chain> all,
                              Findings f) {
        if (f != null) {
            ContinuationChecks.firstRequest(p, r, f);
        }
        Chain c = new Chain(p, key);
        c.add(r);
        open.put(key, c);
        all.add(c);
    }

    private void close(Chain c, Findings f) {
        if (f != null && c.last.succeeded()) {
            ContinuationChecks.wholeHistory(c.profile, c.last, null, c.pages, options.wholeHistory(), f);
        }
    }

    private static List<RecordedRequest> sorted(List<RecordedRequest> requests) {
        List<RecordedRequest> list = new ArrayList<>(requests);
        list.sort(Comparator.comparingLong(RecordedRequest::sequence));
        return list;
    }
}
