package io.github.imhistory.contract.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ContractSchemas;
import io.github.imhistory.contract.ContractSchemas.SchemaFile;
import io.github.imhistory.contract.Continuations;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.ErrorCode;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RuleCatalog;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.contract.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Judges the requests a client sent to one tenant against the client rules of the catalogue, from the traffic alone:
 * no knowledge of what the client meant to do. This is the core of both the packaged client suite and the stub's
 * per-tenant verdicts for clients not written in Java. It depends only on the contract package and Jackson.
 *
 * <p>What it checks:
 * <ul>
 *   <li>every request: POST (COM-METHOD-001); the query against {@code query-params.schema.json} (COM-QRY-001,
 *       random COM-QRY-002, contenttype COM-QRY-004); random never repeated (COM-QRY-003); identifier an admin
 *       (COM-ADMIN-001); usersig valid for identifier and sdkappid when the request arrived (SIG-CLI-001); a JSON
 *       object body (COM-BODY-001) valid against the API's request schema (C2C-REQ-001, GRP-REQ-001, OA-REQ-001);
 *       ReqMsgNumber at most 20 (GRP-REQ-002);</li>
 *   <li>at most {@link Options#perSecond()} requests in any 1000 ms per API, and no request refused with 60007
 *       (COM-RATE-001);</li>
 *   <li>per walk (see {@link #walkKey}): each continuation against {@link Continuations#next} of the previous
 *       answer (C2C-CONT-001, C2C-CONT-003, GRP-CONT-001, OA-CONT-001); no continuation past the end, and with
 *       {@link Options#wholeHistory()} no walk left before it (C2C-CONT-002, GRP-CONT-002, OA-CONT-002);</li>
 *   <li>retries: a request repeated after a failed answer is a retry; never after a code the error catalogue marks
 *       as one a retry cannot help (COM-RETRY-001); at most {@link Options#maxRetries()} retries, each at least
 *       {@link Options#minBackoffMillis()} after the failed answer and each delay at least
 *       {@link Options#backoffGrowth()} times the previous one, and a transient failure (retry=true, HTTP other than
 *       200, a network fault) retried at least once before the walk ends (COM-RETRY-002); a request repeated while
 *       its answer was still being delayed shows a timeout shorter than the answer took (COM-TIMEOUT-001).</li>
 * </ul>
 * Delays are measured at the stub, from when a failed answer left it to when the retry arrived, so they include the
 * network round trip; the minimum is well above a loopback round trip.
 */
public final class TrafficJudge {
    /** The rules judged from traffic, in catalogue order of their scopes. */
    public static final List<String> COMMON_RULES = List.of("COM-METHOD-001", "COM-QRY-001", "COM-QRY-002",
            "COM-QRY-003", "COM-QRY-004", "COM-BODY-001", "COM-ADMIN-001", "COM-RATE-001", "COM-RETRY-001",
            "COM-RETRY-002", "COM-TIMEOUT-001", "SIG-CLI-001");
    public static final Map<Api, List<String>> API_RULES = Map.of(
            Api.ADMIN_GETROAMMSG, List.of("C2C-REQ-001", "C2C-CONT-001", "C2C-CONT-002", "C2C-CONT-003"),
            Api.GROUP_MSG_GET_SIMPLE, List.of("GRP-REQ-001", "GRP-REQ-002", "GRP-CONT-001", "GRP-CONT-002"),
            Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE, List.of("OA-REQ-001", "OA-CONT-001", "OA-CONT-002"));
    /** At most this many findings of one rule are kept; the rest are counted in a closing finding. */
    public static final int MAX_FINDINGS_PER_RULE = 10;

    /** What the judge needs to know about the tenant the traffic went to. */
    public record TenantFacts(long sdkappid, Set<String> admins, String secretKey) {
        public TenantFacts {
            admins = Set.copyOf(admins);
            Objects.requireNonNull(secretKey, "secretKey");
        }
    }

    /**
     * @param wholeHistory     whether every walk was meant to reach the end of history; off for a client that
     *                         legitimately loads one page at a time (an app scrolling back)
     * @param maxRetries       COM-RETRY-002's bound
     * @param minBackoffMillis the least delay before a retry
     * @param backoffGrowth    each retry's delay must be at least this factor times the previous one
     * @param perSecond        COM-RATE-001's limit per API and second
     * @param baseUrl          for curl commands in messages
     * @param userSig          whether SIG-CLI-001 is judged; off for a stub that accepts any usersig on purpose
     */
    public record Options(boolean wholeHistory, int maxRetries, long minBackoffMillis, double backoffGrowth,
                          int perSecond, String baseUrl, boolean userSig) {
        public static Options defaults() {
            return new Options(true, 3, 25, 1.5, 200, "", true);
        }

        public Options withWholeHistory(boolean on) {
            return new Options(on, maxRetries, minBackoffMillis, backoffGrowth, perSecond, baseUrl, userSig);
        }

        public Options withBaseUrl(String url) {
            return new Options(wholeHistory, maxRetries, minBackoffMillis, backoffGrowth, perSecond, url, userSig);
        }

        public Options withUserSig(boolean judged) {
            return new Options(wholeHistory, maxRetries, minBackoffMillis, backoffGrowth, perSecond, baseUrl, judged);
        }
    }

    private final TenantFacts tenant;
    private final Options options;
    private final ErrorCatalog errors = ErrorCatalog.bundled();
    private final ContractSchemas schemas = ContractSchemas.shared();

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

    public Verdict judge(List<RecordedRequest> requests) {
        List<RecordedRequest> sorted = sorted(requests);
        Findings findings = new Findings();
        Set<Api> apis = new LinkedHashSet<>();
        Map<String, Long> randoms = new HashMap<>();
        for (RecordedRequest r : sorted) {
            r.api().ifPresent(apis::add);
            request(r, randoms, findings);
        }
        rate(sorted, findings);
        List<Walk> walks = segment(sorted, findings);
        Set<String> checked = new LinkedHashSet<>();
        if (!sorted.isEmpty()) {
            checked.addAll(COMMON_RULES);
            if (!options.userSig()) {
                checked.remove("SIG-CLI-001");
            }
        }
        apis.forEach(a -> checked.addAll(API_RULES.get(a)));
        Set<String> ordered = new LinkedHashSet<>();
        RuleCatalog.bundled().all().stream().filter(rule -> checked.contains(rule.id())).forEach(rule -> ordered.add(rule.id()));
        return new Verdict(ordered, findings.all(), walks, sorted.size());
    }

    // ------------------------------------------------------------------ one request

    private void request(RecordedRequest r, Map<String, Long> randoms, Findings f) {
        String n = "request #" + r.sequence();
        if (!"POST".equals(r.method())) {
            f.add("COM-METHOD-001", n + " used " + r.method() + "; every request is a POST", r);
        }
        ObjectNode query = Json.object();
        r.query().forEach(query::put);
        for (Violation v : schemas.validate(SchemaFile.QUERY_PARAMS, query)) {
            String name = "required".equals(v.keyword()) && v.property() != null ? v.property()
                    : v.pointer().replaceFirst("^/", "").replaceFirst("/.*$", "");
            String rule = "required".equals(v.keyword()) ? "COM-QRY-001"
                    : "random".equals(name) ? "COM-QRY-002" : "contenttype".equals(name) ? "COM-QRY-004" : "COM-QRY-001";
            String value = r.query().containsKey(name) ? " (sent \"" + r.query().get(name) + "\")" : "";
            f.add(rule, n + " query parameter " + name + value + ": " + v.message(), r);
        }
        String random = r.query().get("random");
        if (random != null && !random.isEmpty()) {
            Long first = randoms.putIfAbsent(random, r.sequence());
            if (first != null) {
                f.add("COM-QRY-003", n + " sends random=" + random + " again (first sent by request #" + first
                        + "); draw it afresh for every request", r);
            }
        }
        String identifier = r.query().get("identifier");
        if (identifier != null && !identifier.isEmpty() && !tenant.admins().contains(identifier)) {
            f.add("COM-ADMIN-001", n + " identifier " + identifier + " is not an App admin of the tenant "
                    + tenant.admins(), r);
        }
        if (options.userSig()) {
            userSig(r, n, identifier, f);
        }
        Optional<Api> api = r.api();
        Optional<JsonNode> body = r.bodyJson();
        if (body.isEmpty()) {
            f.add("COM-BODY-001", n + (r.body().isEmpty() ? " has an empty body" : " body is not a JSON object: "
                    + brief(r.body())) + "; the body is a JSON object", r);
            return;
        }
        if (api.isEmpty()) {
            return;
        }
        String rule = requestRule(api.get());
        List<Violation> violations = schemas.validate(api.get().command() + ".request.schema.json", body.get());
        if (!violations.isEmpty()) {
            StringBuilder s = new StringBuilder(n + " body does not match " + api.get().command()
                    + ".request.schema.json:");
            violations.stream().limit(4).forEach(v -> s.append("\n      ").append(v.message()));
            f.add(rule, s.toString(), r);
        }
        JsonNode number = body.get().path("ReqMsgNumber");
        if (api.get() == Api.GROUP_MSG_GET_SIMPLE && number.isIntegralNumber() && number.asLong() > 20) {
            f.add("GRP-REQ-002", n + " asks for ReqMsgNumber " + number + "; a page holds at most 20, so ask for 20"
                    + " or fewer", r);
        }
    }

    private void userSig(RecordedRequest r, String n, String identifier, Findings f) {
        String usersig = r.query().get("usersig");
        if (usersig == null || usersig.isEmpty()) {
            f.add("SIG-CLI-001", n + " sends no usersig", r);
        } else if (identifier != null) {
            UserSig.Verdict v = UserSig.verify(usersig, identifier, r.query().getOrDefault("sdkappid", ""),
                    tenant.secretKey(), r.at().getEpochSecond());
            if (!v.valid()) {
                f.add("SIG-CLI-001", n + " usersig is not valid for identifier " + identifier + " and sdkappid "
                        + r.query().get("sdkappid") + " at " + r.at() + ": " + v.info() + " (the server answers "
                        + v.code() + ")", r);
            }
        }
    }

    // ------------------------------------------------------------------ rate

    private void rate(List<RecordedRequest> sorted, Findings f) {
        Map<Api, List<RecordedRequest>> byApi = new EnumMap<>(Api.class);
        for (RecordedRequest r : sorted) {
            r.api().ifPresent(a -> byApi.computeIfAbsent(a, k -> new ArrayList<>()).add(r));
        }
        int limit = options.perSecond();
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
                f.add("COM-RATE-001", worst + " requests to " + api.command() + " arrived within 1000 ms (up to request #"
                        + worstAt.sequence() + "); at most " + limit + " per second", worstAt);
            }
            List<RecordedRequest> refused = list.stream().filter(r -> r.errorCode() == 60007).toList();
            if (!refused.isEmpty()) {
                f.add("COM-RATE-001", refused.size() + " requests to " + api.command() + " were refused with 60007"
                        + " (more than " + limit + " per second), first request #" + refused.get(0).sequence(), refused.get(0));
            }
        });
    }

    // ------------------------------------------------------------------ walks

    /** A walk in progress. */
    private static final class Chain {
        final Api api;
        final String key;
        final List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest last;
        RecordedRequest lastSuccess;
        int retries;
        long lastGap = -1;
        boolean wentOnReported;
        boolean tooManyRetriesReported;

        Chain(Api api, String key) {
            this.api = api;
            this.key = key;
        }

        void add(RecordedRequest r) {
            requests.add(r);
            last = r;
            if (r.succeeded()) {
                lastSuccess = r;
            }
        }

        JsonNode firstBody() {
            return requests.get(0).bodyJson().orElseThrow();
        }
    }

    private List<Walk> segment(List<RecordedRequest> sorted, Findings f) {
        Map<String, Chain> open = new LinkedHashMap<>();
        List<Chain> all = new ArrayList<>();
        for (RecordedRequest r : sorted) {
            Api api = r.api().orElse(null);
            JsonNode body = r.bodyJson().orElse(null);
            if (api == null || body == null) {
                continue;
            }
            String key = api.command() + " " + walkKey(api, body);
            Chain c = open.get(key);
            if (c == null) {
                c = start(api, key, r, open, all);
                continue;
            }
            RecordedRequest prev = c.last;
            JsonNode prevBody = prev.bodyJson().orElseThrow();
            boolean same = prevBody.equals(body) && prev.path().equals(r.path());
            if (!prev.succeeded() && same) {
                retry(c, prev, r, f);
                c.add(r);
                continue;
            }
            if (prev.succeeded() && same) {
                if (f != null) {
                    if (prev.delayMillis() > 0 && r.at().isBefore(prev.answerSent())) {
                        f.add("COM-TIMEOUT-001", "request #" + r.sequence() + " repeats request #" + prev.sequence()
                                + " " + millis(prev, r) + " ms after it, while its answer was still on the way (it took "
                                + prev.delayMillis() + " ms); wait longer than 3 s for an answer", r);
                    } else {
                        f.add(continuationRule(api), "request #" + r.sequence() + " repeats request #" + prev.sequence()
                                + ", which was answered; the next request continues from that answer", r);
                    }
                }
                c.add(r);
                continue;
            }
            RecordedRequest base = c.lastSuccess;
            if (base == null) { // only failures so far, and now something else: a new walk
                c = restart(c, api, key, r, open, all, f);
                continue;
            }
            Optional<ObjectNode> next = Continuations.next(api, base.bodyJson().orElseThrow(), base.answerJson().orElseThrow());
            boolean shaped = continuationShaped(api, body, c.firstBody());
            if (!shaped) {
                c = restart(c, api, key, r, open, all, f);
                continue;
            }
            if (next.isEmpty()) {
                if (f != null && !c.wentOnReported) {
                    f.add(wholeHistoryRule(api), "request #" + r.sequence() + " goes on after request #" + base.sequence()
                            + " reached the end (" + endReason(api, base) + "); a walk stops there", r);
                    c.wentOnReported = true;
                }
                c.add(r);
                continue;
            }
            if (f != null) {
                compareContinuation(api, next.get(), body, base, r, f);
            }
            c.retries = 0;
            c.lastGap = -1;
            c.add(r);
        }
        for (Chain c : open.values()) {
            close(c, f);
        }
        List<Walk> walks = new ArrayList<>();
        all.forEach(c -> walks.add(new Walk(c.api, c.key.substring(c.api.command().length() + 1), c.requests, options.baseUrl())));
        return walks;
    }

    private Chain start(Api api, String key, RecordedRequest r, Map<String, Chain> open, List<Chain> all) {
        Chain c = new Chain(api, key);
        c.add(r);
        open.put(key, c);
        all.add(c);
        return c;
    }

    private Chain restart(Chain old, Api api, String key, RecordedRequest r, Map<String, Chain> open, List<Chain> all,
                          Findings f) {
        close(old, f);
        return start(api, key, r, open, all);
    }

    /** Whether {@code body} continues a walk rather than starting one. */
    private static boolean continuationShaped(Api api, JsonNode body, JsonNode first) {
        return switch (api) {
            case ADMIN_GETROAMMSG -> !body.path("LastMsgKey").asText("").isEmpty()
                    || body.path("MaxTime").asLong() < first.path("MaxTime").asLong();
            case GROUP_MSG_GET_SIMPLE -> body.has("ReqMsgSeq");
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> !body.path("LastMsgKey").asText("").isEmpty();
        };
    }

    private void retry(Chain c, RecordedRequest prev, RecordedRequest r, Findings f) {
        c.retries++;
        if (f == null) {
            return;
        }
        String n = "request #" + r.sequence();
        if (!transientFailure(prev)) {
            int code = prev.errorCode();
            String en = errors.find(code).map(ErrorCode::en).orElse("not in the error catalogue");
            f.add("COM-RETRY-001", n + " repeats request #" + prev.sequence() + " after ErrorCode " + code + " (" + en
                    + "), which a retry cannot help (error-codes.json retry=false); surface it to the caller", r);
        }
        if (c.retries > options.maxRetries() && !c.tooManyRetriesReported) {
            f.add("COM-RETRY-002", n + " is retry " + c.retries + " of the same request; retry at most "
                    + options.maxRetries() + " times, then surface the failure", r);
            c.tooManyRetriesReported = true;
        }
        long gap = r.at().toEpochMilli() - prev.answerSent().toEpochMilli();
        if (gap < options.minBackoffMillis()) {
            f.add("COM-RETRY-002", n + " retries " + gap + " ms after request #" + prev.sequence() + " failed ("
                    + prev.failureText() + "); wait at least " + options.minBackoffMillis() + " ms, longer each time", r);
        } else if (c.retries >= 2 && c.lastGap >= 0 && gap < c.lastGap * options.backoffGrowth()) {
            f.add("COM-RETRY-002", n + " retries " + gap + " ms after the failure, after " + c.lastGap
                    + " ms before the previous retry; let the delay grow (at least x" + options.backoffGrowth() + ")", r);
        }
        c.lastGap = gap;
    }

    private void close(Chain c, Findings f) {
        if (f == null) {
            return;
        }
        RecordedRequest last = c.last;
        if (last.succeeded()) {
            Optional<ObjectNode> next = Continuations.next(c.api, last.bodyJson().orElseThrow(), last.answerJson().orElseThrow());
            if (next.isPresent() && options.wholeHistory()) {
                int pages = (int) c.requests.stream().filter(RecordedRequest::succeeded).count();
                f.add(wholeHistoryRule(c.api), "the walk stopped after page " + pages + " (request #" + last.sequence()
                        + ") although history goes on (" + continueReason(c.api, last) + "); the next request is "
                        + Json.compact(next.get()), last);
            }
        } else if (transientFailure(last) && c.retries == 0) {
            f.add("COM-RETRY-002", "the walk ended at request #" + last.sequence() + " (" + last.failureText()
                    + ") without a retry; a retry can help here: retry a bounded number of times with growing delays"
                    + ", then surface it", last);
        }
    }

    private void compareContinuation(Api api, JsonNode expected, JsonNode actual, RecordedRequest base,
                                     RecordedRequest r, Findings f) {
        String from = " (from the answer to request #" + base.sequence() + ")";
        List<String> problems = new ArrayList<>();
        for (Difference d : continuationDifferences(api, expected, actual)) {
            if (d.ruleId().equals(continuationRule(api))) {
                problems.add(d.text() + from);
            } else {
                f.add(d.ruleId(), "request #" + r.sequence() + " " + d.text(), r);
            }
        }
        if (!problems.isEmpty()) {
            f.add(continuationRule(api), "request #" + r.sequence() + " " + String.join("; ", problems), r);
        }
    }

    /** One way a continuation differs from {@link Continuations#next}, and the rule it breaks. */
    public record Difference(String ruleId, String text) {}

    /**
     * How {@code actual} differs from the continuation a correct client sends, {@code expected}
     * ({@link Continuations#next} of the previous request and answer): C2C-CONT-001 (LastMsgKey, MaxTime),
     * C2C-CONT-003 (MaxCnt), GRP-CONT-001 (ReqMsgSeq, WithRecalledMsg), OA-CONT-001 (LastMsgKey, WithRecalledMsg).
     */
    public static List<Difference> continuationDifferences(Api api, JsonNode expected, JsonNode actual) {
        List<Difference> out = new ArrayList<>();
        String rule = continuationRule(api);
        switch (api) {
            case ADMIN_GETROAMMSG -> {
                String key = expected.path("LastMsgKey").asText();
                JsonNode sent = actual.get("LastMsgKey");
                if (sent == null || sent.asText("").isEmpty()) {
                    out.add(new Difference(rule, "sends no LastMsgKey; send the previous LastMsgKey \"" + key + "\""));
                } else if (!sent.isTextual() || !sent.asText().equals(key)) {
                    out.add(new Difference(rule, "sends LastMsgKey " + sent + " instead of \"" + key
                            + "\", the previous one passed back unchanged"));
                }
                if (!sameNumber(actual.get("MaxTime"), expected.get("MaxTime"))) {
                    out.add(new Difference(rule, "sends MaxTime " + actual.get("MaxTime")
                            + " instead of the previous LastMsgTime " + expected.get("MaxTime")));
                }
                if (!sameNumber(actual.get("MaxCnt"), expected.get("MaxCnt"))) {
                    out.add(new Difference("C2C-CONT-003", "changes MaxCnt from " + expected.get("MaxCnt") + " to "
                            + actual.get("MaxCnt") + " between pages; keep it"));
                }
            }
            case GROUP_MSG_GET_SIMPLE -> {
                if (!sameNumber(actual.get("ReqMsgSeq"), expected.get("ReqMsgSeq"))) {
                    out.add(new Difference(rule, "sends ReqMsgSeq " + actual.get("ReqMsgSeq") + " instead of "
                            + expected.get("ReqMsgSeq") + ", the smallest MsgSeq returned minus 1"));
                }
                recalled(expected, actual, rule, out);
            }
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> {
                String key = expected.path("LastMsgKey").asText();
                if (!actual.path("LastMsgKey").asText("").equals(key)) {
                    out.add(new Difference(rule, "sends LastMsgKey " + actual.get("LastMsgKey") + " instead of the"
                            + " previous answer's \"" + key + "\""));
                }
                recalled(expected, actual, rule, out);
            }
            default -> throw new IllegalArgumentException(api.toString());
        }
        return out;
    }

    private static void recalled(JsonNode expected, JsonNode actual, String rule, List<Difference> out) {
        if (actual.path("WithRecalledMsg").asInt(0) != expected.path("WithRecalledMsg").asInt(0)) {
            out.add(new Difference(rule, "changes WithRecalledMsg from " + expected.path("WithRecalledMsg").asInt(0)
                    + " to " + actual.path("WithRecalledMsg").asInt(0)));
        }
    }

    /** Network faults, HTTP errors, answers that are not JSON and codes the catalogue marks retry=true. */
    private boolean transientFailure(RecordedRequest r) {
        if (r.fault() != null || r.status() != 200 || r.errorCode() < 0) {
            return true;
        }
        return errors.retryCanHelp(r.errorCode());
    }

    /**
     * What the requests of one walk share: the perspective account, the peer and MinTime (C2C, with
     * Operator_Account/Peer_Account winning over From_Account/To_Account as on the server, C2C-REQ-002); GroupId and
     * TopicId; Official_Account.
     */
    public static String walkKey(Api api, JsonNode body) {
        return switch (api) {
            case ADMIN_GETROAMMSG -> {
                boolean current = body.has("Operator_Account") || body.has("Peer_Account");
                yield body.path(current ? "Operator_Account" : "From_Account").asText("?") + ">"
                        + body.path(current ? "Peer_Account" : "To_Account").asText("?") + " from "
                        + body.path("MinTime").asText("?");
            }
            case GROUP_MSG_GET_SIMPLE -> body.path("GroupId").asText("?")
                    + (body.has("TopicId") ? " topic " + body.path("TopicId").asText() : "");
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> body.path("Official_Account").asText("?");
        };
    }

    /** The request-schema rule of an API: C2C-REQ-001, GRP-REQ-001, OA-REQ-001. */
    public static String requestRule(Api api) {
        return API_RULES.get(api).get(0);
    }

    /** The continuation rule of an API: C2C-CONT-001, GRP-CONT-001, OA-CONT-001. */
    public static String continuationRule(Api api) {
        return switch (api) {
            case ADMIN_GETROAMMSG -> "C2C-CONT-001";
            case GROUP_MSG_GET_SIMPLE -> "GRP-CONT-001";
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> "OA-CONT-001";
        };
    }

    /** The whole-history rule of an API (stop at the end, never before): C2C-CONT-002, GRP-CONT-002, OA-CONT-002. */
    public static String wholeHistoryRule(Api api) {
        return switch (api) {
            case ADMIN_GETROAMMSG -> "C2C-CONT-002";
            case GROUP_MSG_GET_SIMPLE -> "GRP-CONT-002";
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> "OA-CONT-002";
        };
    }

    private static String endReason(Api api, RecordedRequest base) {
        JsonNode a = base.answerJson().orElseThrow();
        return switch (api) {
            case ADMIN_GETROAMMSG -> "Complete=1";
            case GROUP_MSG_GET_SIMPLE -> a.path("RspMsgList").isEmpty() ? "an empty RspMsgList" : "MsgSeq 1 returned";
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> a.path("RspMsgList").isEmpty() ? "an empty RspMsgList"
                    : a.path("IsFinished").asInt() == 2 ? "IsFinished=2" : "MsgSeq 1 returned";
        };
    }

    private static String continueReason(Api api, RecordedRequest last) {
        JsonNode a = last.answerJson().orElseThrow();
        return switch (api) {
            case ADMIN_GETROAMMSG -> "Complete=" + a.path("Complete");
            default -> {
                long smallest = Long.MAX_VALUE;
                for (JsonNode e : a.path("RspMsgList")) {
                    smallest = Math.min(smallest, e.path("MsgSeq").asLong());
                }
                yield "the smallest MsgSeq returned is " + smallest;
            }
        };
    }

    private static boolean sameNumber(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.isIntegralNumber() && b.isIntegralNumber() && a.asLong() == b.asLong();
    }

    private static long millis(RecordedRequest a, RecordedRequest b) {
        return b.at().toEpochMilli() - a.at().toEpochMilli();
    }

    private static List<RecordedRequest> sorted(List<RecordedRequest> requests) {
        List<RecordedRequest> list = new ArrayList<>(requests);
        list.sort(Comparator.comparingLong(RecordedRequest::sequence));
        return list;
    }

    private static String brief(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    /** Keeps the first findings of each rule and counts the rest. */
    private static final class Findings {
        private final List<Finding> kept = new ArrayList<>();
        private final Map<String, Integer> counts = new LinkedHashMap<>();

        void add(String rule, String message, RecordedRequest r) {
            int n = counts.merge(rule, 1, Integer::sum);
            if (n <= MAX_FINDINGS_PER_RULE) {
                kept.add(new Finding(rule, message, r));
            }
        }

        List<Finding> all() {
            List<Finding> out = new ArrayList<>(kept);
            counts.forEach((rule, n) -> {
                if (n > MAX_FINDINGS_PER_RULE) {
                    out.add(new Finding(rule, "... and " + (n - MAX_FINDINGS_PER_RULE) + " more like these", null));
                }
            });
            return out;
        }
    }
}
