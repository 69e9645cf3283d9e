package io.github.imhistory.kit.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.KitError;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.contract.check.ErrorCodeChecks;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.check.QueryOrderChecks;
import io.github.imhistory.contract.check.Reference;
import io.github.imhistory.contract.check.ServerAnswer;
import io.github.imhistory.contract.check.ServerChecks;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.Walker;
import io.github.imhistory.kit.server.ServerTarget;
import io.github.imhistory.oracle.AnswerJudge;
import io.github.imhistory.oracle.ModelOracle;
import io.github.imhistory.oracle.RequestOracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One probe run: walks each named history several ways, sends the bad inputs whose refusal needs no data, and
 * judges it all through {@link AnswerJudge} (each page of every way against the history all ways that reached its
 * end showed together, so a page one way got must be what the others showed; refusals against the engine's; the rest
 * on its own). Each finding is reported under the rule whose home made it; the probe adds no rule knowledge of its
 * own, only the ways it walks.
 */
final class Probe {
    static final int ONE_A_PAGE_MAX_PAGES = ProbeSettings.DEFAULT_ONE_A_PAGE_PAGES;
    /** Why a rule of {@link Part#unoccasioned} is reported as skipped rather than passed. */
    static final String NO_OCCASION = "no occasion in the walked histories: no page served what this rule is about"
            + " (e.g. a MsgSeq above 2^31-1, a hole, a recalled message, a cut page), so the probe could not check it";
    /** Any other walk goes at most this far (the request budget usually ends it first). */
    static final int MAX_PAGES = 10_000;
    /** C2C MaxCnt so large that the 13312-byte cut decides each page. */
    static final int BYTE_CUT_MAX_CNT = 100_000;

    /** One walk of a history: its name, its first request, the requests it sent, and how it ended (null: cut by the budget). */
    record Way(String name, Api api, JsonNode first, List<RecordedRequest> requests, Walker.End end) {
        List<RecordedRequest> pages() {
            return requests.stream().filter(RecordedRequest::succeeded).toList();
        }
    }

    /** What the probe checks in one place: a history (its ways) or the bad inputs; one container of tests. */
    static final class Part {
        final String id;
        final String title;
        final List<Way> ways = new ArrayList<>();
        /**
         * The query-order way (COM-QRY-008): each request with its query parameters reversed, and the same request in
         * the usual order sent just before it.
         */
        final Map<RecordedRequest, RecordedRequest> reordered = new LinkedHashMap<>();
        final Set<RuleId> checked = EnumSet.noneOf(RuleId.class);
        /** Rules whose homes judged the pages but that no page gave an occasion ({@link #NO_OCCASION}): not passed. */
        final Set<RuleId> unoccasioned = EnumSet.noneOf(RuleId.class);
        final Map<RuleId, List<Finding>> findings = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        /** Set when the history could not be walked at all: no verdict on it (the gate: not run). */
        String setupError;

        Part(String id, String title) {
            this.id = id;
            this.title = title;
        }

        void add(List<Finding> fs) {
            fs.forEach(f -> findings.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f));
        }
    }

    /** What one run found. */
    static final class Run {
        final List<Part> parts = new ArrayList<>();
        int requests;
        int budget;
        long peakPerSecond;
        /** Set when the budget ended the run: what was not walked. */
        String exhausted;
    }

    private final ProbeSettings settings;
    private final ServerTarget target;
    private final Clock clock;
    private final ProbeTransport transport;
    private final CallFactory calls;
    private final Walker walker;
    private final Run run = new Run();
    private final Map<Long, Part> owner = new HashMap<>();
    private final Map<Long, String> where = new HashMap<>();
    private final Map<Long, List<RuleId>> named = new HashMap<>();
    private final Set<Long> unknownTargets = new HashSet<>();
    private final Set<String> ids = new HashSet<>();

    private Probe(ProbeSettings settings, Clock clock) {
        this.settings = settings;
        this.target = settings.target();
        this.clock = clock;
        this.transport = new ProbeTransport(target, settings.maxPerSecond(), settings.maxRequests());
        TenantSpec tenant = new TenantSpec(target.sdkappid(), List.of(target.identifier()), target.secretKey().orElseThrow(),
                List.of(), Optional.empty(), Optional.empty());
        this.calls = CallFactory.signing(tenant, () -> clock.millis() / 1000);
        this.walker = new Walker(calls, transport);
    }

    /** Probes the target as {@code settings} say and judges what came back. */
    static Run run(ProbeSettings settings, Clock clock) {
        Probe p = new Probe(settings, clock);
        // each history's first way, then the bad inputs (once a history showed that the app, the identifier and the
        // key work, so that what the bad inputs get is about them alone), then the other ways
        List<Supplier<Runnable>> firsts = new ArrayList<>();
        for (ProbeSettings.C2cHistory h : settings.c2c()) {
            Part part = p.part("c2c-" + h.from() + "-" + h.to(), "one-to-one " + h);
            firsts.add(() -> p.c2c(part, h));
        }
        for (String g : settings.groups()) {
            Part part = p.part("group-" + g, "group " + g);
            firsts.add(() -> p.group(part, g));
        }
        for (String oa : settings.officialAccounts()) {
            Part part = p.part("oa-" + oa, "official account " + oa);
            firsts.add(() -> p.officialAccount(part, oa));
        }
        Part bad = p.part("bad-inputs", "bad inputs whose refusal needs no data");
        List<Runnable> rests = new ArrayList<>();
        try {
            for (Supplier<Runnable> first : firsts) {
                Runnable rest = first.get();
                if (rest != null) {
                    rests.add(rest);
                }
            }
            if (rests.isEmpty()) {
                bad.setupError = "the bad inputs were not sent: no history of this app could be walked";
            } else {
                p.badInputs(bad);
            }
            rests.forEach(Runnable::run);
        } catch (ProbeTransport.BudgetExhausted e) {
            p.run.exhausted = "stopped after the request budget of " + settings.maxRequests() + " requests "
                    + "(--max-requests) before every way was walked; the pages answered so far were judged";
        }
        p.judge();
        p.run.requests = p.transport.sent();
        p.run.budget = settings.maxRequests();
        p.run.peakPerSecond = p.transport.peakPerSecond();
        return p.run;
    }

    private Part part(String name, String title) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        slug = "probe-" + (slug.length() > 48 ? slug.substring(0, 48).replaceAll("-+$", "") : slug);
        String id = slug;
        for (int n = 2; !ids.add(id); n++) {
            id = slug + "-" + n;
        }
        Part p = new Part(id, title);
        run.parts.add(p);
        return p;
    }

    // ------------------------------------------------------------------------------------------------ the ways

    /** Walks the first way; returns the other ways, or null when the first got no page. */
    private Runnable c2c(Part part, ProbeSettings.C2cHistory h) {
        Api api = Api.ADMIN_GETROAMMSG;
        ObjectNode base = Json.object().put("From_Account", h.from()).put("To_Account", h.to()).put("MaxCnt", 100)
                .put("MinTime", h.minTime()).put("MaxTime", h.maxTime());
        Way first = walk(part, "MaxCnt 100", api, base, MAX_PAGES, List.of());
        return !usable(part, first) ? null : () -> c2cWays(part, h, base, first);
    }

    private void c2cWays(Part part, ProbeSettings.C2cHistory h, ObjectNode base, Way first) {
        Api api = Api.ADMIN_GETROAMMSG;
        reordered(part, api, base);
        walk(part, "MaxCnt " + BYTE_CUT_MAX_CNT + " (the 13K cut decides)", api, base.deepCopy().put("MaxCnt",
                BYTE_CUT_MAX_CNT), MAX_PAGES, List.of());
        walk(part, "MaxCnt 20", api, base.deepCopy().put("MaxCnt", 20), MAX_PAGES, List.of());
        walk(part, "MaxCnt 7", api, base.deepCopy().put("MaxCnt", 7), MAX_PAGES, List.of());
        ObjectNode revision = Json.object().put("Operator_Account", h.from()).put("Peer_Account", h.to()).put("MaxCnt", 20)
                .put("MinTime", h.minTime()).put("MaxTime", h.maxTime());
        walk(part, "Operator_Account/Peer_Account, MaxCnt 20", api, revision, MAX_PAGES, List.of(RuleId.C2C_REQ_002));
        List<JsonNode> history = history(api, first);
        if (history.size() >= 2) {
            long middle = history.get(history.size() / 2).path("MsgTimeStamp").asLong();
            walk(part, "from MaxTime " + middle + " (a message's time), MaxCnt 20", api,
                    base.deepCopy().put("MaxCnt", 20).put("MaxTime", middle), MAX_PAGES, List.of());
            walk(part, "from MinTime " + middle + " (a message's time), MaxCnt 7", api,
                    base.deepCopy().put("MaxCnt", 7).put("MinTime", middle), MAX_PAGES, List.of());
        }
        walk(part, "MaxCnt 1 (at most " + ONE_A_PAGE_MAX_PAGES + " pages)", api, base.deepCopy().put("MaxCnt", 1),
                ONE_A_PAGE_MAX_PAGES, List.of());
    }

    private Runnable group(Part part, String groupId) {
        Api api = Api.GROUP_MSG_GET_SIMPLE;
        ObjectNode base = Json.object().put("GroupId", groupId).put("ReqMsgNumber", 20);
        Way first = walk(part, "ReqMsgNumber 20", api, base, MAX_PAGES, List.of());
        return !usable(part, first) ? null : () -> groupWays(part, base, first);
    }

    private void groupWays(Part part, ObjectNode base, Way first) {
        Api api = Api.GROUP_MSG_GET_SIMPLE;
        List<JsonNode> history = history(api, first);
        // the other ways start at the newest seq the first one saw, so messages arriving meanwhile change nothing
        ObjectNode pinned = base.deepCopy();
        if (!history.isEmpty()) {
            pinned.put("ReqMsgSeq", history.get(history.size() - 1).path("MsgSeq").asLong());
        }
        String from = pinned.has("ReqMsgSeq") ? " from ReqMsgSeq " + pinned.get("ReqMsgSeq").asLong() : "";
        reordered(part, api, pinned);
        walk(part, "ReqMsgNumber 30 (above 20)" + from, api, pinned.deepCopy().put("ReqMsgNumber", 30), MAX_PAGES, List.of());
        walk(part, "ReqMsgNumber 7" + from, api, pinned.deepCopy().put("ReqMsgNumber", 7), MAX_PAGES, List.of());
        walk(part, "ReqMsgNumber 20, WithRecalledMsg 1" + from, api, pinned.deepCopy().put("WithRecalledMsg", 1),
                MAX_PAGES, List.of());
        walk(part, "ReqMsgNumber 7, WithRecalledMsg 1" + from, api, pinned.deepCopy().put("ReqMsgNumber", 7)
                .put("WithRecalledMsg", 1), MAX_PAGES, List.of());
        if (history.size() >= 2) {
            long middle = history.get(history.size() / 2).path("MsgSeq").asLong();
            walk(part, "ReqMsgNumber 20 from ReqMsgSeq " + middle + " (a seq in the middle)", api,
                    base.deepCopy().put("ReqMsgSeq", middle), MAX_PAGES, List.of());
        }
        walk(part, "ReqMsgNumber 1" + from + " (at most " + ONE_A_PAGE_MAX_PAGES + " pages)", api,
                pinned.deepCopy().put("ReqMsgNumber", 1), ONE_A_PAGE_MAX_PAGES, List.of());
    }

    private Runnable officialAccount(Part part, String account) {
        Api api = Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE;
        ObjectNode base = Json.object().put("Official_Account", account).put("ReqMsgNumber", 20);
        Way first = walk(part, "ReqMsgNumber 20", api, base, MAX_PAGES, List.of());
        return !usable(part, first) ? null : () -> officialAccountWays(part, account, base, first);
    }

    private void officialAccountWays(Part part, String account, ObjectNode base, Way first) {
        Api api = Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE;
        reordered(part, api, base);
        ObjectNode plain = Json.object().put("Official_Account", account);
        walk(part, "no ReqMsgNumber (20)", api, plain, MAX_PAGES, List.of());
        walk(part, "ReqMsgNumber 30 (above 20)", api, base.deepCopy().put("ReqMsgNumber", 30), MAX_PAGES, List.of());
        walk(part, "ReqMsgNumber 7", api, base.deepCopy().put("ReqMsgNumber", 7), MAX_PAGES, List.of());
        walk(part, "ReqMsgNumber 20, WithRecalledMsg 1", api, base.deepCopy().put("WithRecalledMsg", 1), MAX_PAGES,
                List.of());
        walk(part, "ReqMsgNumber 7, WithRecalledMsg 1", api, base.deepCopy().put("ReqMsgNumber", 7)
                .put("WithRecalledMsg", 1), MAX_PAGES, List.of());
        List<JsonNode> history = history(api, first);
        for (int i = history.size() / 2; i < history.size(); i++) { // a message in the middle (not a hole)
            if (history.get(i).path("IsPlaceMsg").asInt() == 0 && history.get(i).path("MsgKey").isTextual()) {
                String key = history.get(i).path("MsgKey").asText();
                walk(part, "ReqMsgNumber 20 from LastMsgKey " + key + " (a message in the middle)", api,
                        base.deepCopy().put("LastMsgKey", key), MAX_PAGES, List.of());
                break;
            }
        }
        walk(part, "ReqMsgNumber 1 (at most " + ONE_A_PAGE_MAX_PAGES + " pages)", api, base.deepCopy()
                .put("ReqMsgNumber", 1), ONE_A_PAGE_MAX_PAGES, List.of());
    }

    /**
     * The query-order way: the request {@code body} in the usual order and, just after it, with its query parameters in
     * reverse order (sdkappid last). Both are judged as pages of the history; where the usual order got no finding, a
     * finding of the reversed one is reported under COM-QRY-008.
     */
    private void reordered(Part part, Api api, JsonNode body) {
        HttpCall usual = calls.body(api, body);
        HttpCall reversed = QueryOrderChecks.reversed(calls.body(api, body));
        String name = "the query-order way";
        RecordedRequest twin = sendAlone(part, usual, List.of(), name + ", in the usual order " + usual.query().keySet());
        RecordedRequest r = sendAlone(part, reversed, List.of(RuleId.COM_QRY_008), name + ", in the order "
                + reversed.query().keySet());
        if (twin.fault() == null && r.fault() == null) {
            part.reordered.put(r, twin);
        }
    }

    /** Sends one request outside the walks, owned by {@code part}; a request without an answer is noted. */
    private RecordedRequest sendAlone(Part part, HttpCall call, List<RuleId> rules, String name) {
        try {
            transport.send(call);
        } catch (IOException e) {
            // recorded with its fault: noted below
        }
        RecordedRequest r = transport.journal().get(transport.sent() - 1);
        owner.put(r.sequence(), part);
        named.put(r.sequence(), rules);
        where.put(r.sequence(), part.title + ", " + name + " (request #" + r.sequence() + ")");
        if (r.fault() != null) {
            part.notes.add(name + ": no answer (" + r.fault() + "), not judged");
        }
        return r;
    }

    /** Whether the first way got a page at all; else the history cannot be probed (no verdict on it). */
    private static boolean usable(Part part, Way first) {
        if (!first.pages().isEmpty()) {
            return true;
        }
        RecordedRequest last = first.requests().isEmpty() ? null : first.requests().get(first.requests().size() - 1);
        String got = last == null ? "nothing was sent" : last.fault() != null ? "no answer: " + last.fault()
                : "HTTP " + last.status() + " " + brief(last.answer());
        part.setupError = "the probe could not walk " + part.title + ": its first request got " + got
                + "; is it a history of this app (sdkappid, identifier, key)?";
        return false;
    }

    private static String brief(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private List<JsonNode> history(Api api, Way way) {
        List<JsonNode> answers = way.pages().stream().map(r -> r.answerJson().orElseThrow()).toList();
        return api.profile().history(answers);
    }

    private Way walk(Part part, String name, Api api, JsonNode first, int maxPages, List<RuleId> rules) {
        int from = transport.sent();
        Walker.End end = null;
        try {
            end = walker.walk(api, first, maxPages).end();
        } finally {
            List<RecordedRequest> sent = List.copyOf(transport.journal().subList(from, transport.sent()));
            Way way = new Way(name, api, first, sent, end);
            part.ways.add(way);
            int page = 0;
            for (RecordedRequest r : sent) {
                owner.put(r.sequence(), part);
                named.put(r.sequence(), rules);
                where.put(r.sequence(), part.title + ", way '" + name + "'" + (r.succeeded() ? ", page " + ++page : "")
                        + " (request #" + r.sequence() + ")");
            }
        }
        return part.ways.get(part.ways.size() - 1);
    }

    // ------------------------------------------------------------------------------------------------ bad inputs

    private void badInputs(Part part) {
        Optional<ProbeSettings.C2cHistory> c2c = settings.c2c().stream().findFirst();
        Optional<String> group = settings.groups().stream().findFirst();
        Optional<String> oa = settings.officialAccounts().stream().findFirst();
        HttpCall any = null;
        if (c2c.isPresent()) {
            ProbeSettings.C2cHistory h = c2c.get();
            ObjectNode base = Json.object().put("From_Account", h.from()).put("To_Account", h.to()).put("MaxCnt", 20)
                    .put("MinTime", h.minTime()).put("MaxTime", h.maxTime());
            Api api = Api.ADMIN_GETROAMMSG;
            any = calls.body(api, base);
            send(part, "C2C without To_Account", calls.body(api, without(base, "To_Account")), false, RuleId.C2C_ERR_002);
            send(part, "C2C without From_Account", calls.body(api, without(base, "From_Account")), false, RuleId.C2C_ERR_003);
            send(part, "C2C with To_Account not a string", calls.body(api, base.deepCopy().put("To_Account", 12345)), false,
                    RuleId.C2C_ERR_002);
            send(part, "C2C with MaxCnt not an integer", calls.body(api, base.deepCopy().put("MaxCnt", "20")), false,
                    RuleId.C2C_ERR_006);
            send(part, "C2C with a body that is not JSON", raw(calls.body(api, base), "{\"From_Account\":"), false,
                    RuleId.C2C_ERR_001);
        }
        if (group.isPresent()) {
            Api api = Api.GROUP_MSG_GET_SIMPLE;
            ObjectNode base = Json.object().put("GroupId", group.get()).put("ReqMsgNumber", 20);
            any = any == null ? calls.body(api, base) : any;
            send(part, "group without GroupId", calls.body(api, without(base, "GroupId")), false, RuleId.GRP_ERR_001);
            send(part, "group with ReqMsgNumber not an integer", calls.body(api, base.deepCopy().put("ReqMsgNumber", "20")),
                    false, RuleId.GRP_ERR_001);
            send(part, "an unknown group", calls.body(api, base.deepCopy().put("GroupId", "@TGS#imhistory-probe-"
                    + unknownSuffix())), true, RuleId.GRP_ERR_002);
        }
        if (oa.isPresent()) {
            Api api = Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE;
            ObjectNode base = Json.object().put("Official_Account", oa.get()).put("ReqMsgNumber", 20);
            any = any == null ? calls.body(api, base) : any;
            send(part, "official account without Official_Account", calls.body(api, without(base, "Official_Account")),
                    false, RuleId.OA_ERR_001);
            send(part, "official account with ReqMsgNumber not an integer", calls.body(api, base.deepCopy()
                    .put("ReqMsgNumber", "x")), false, RuleId.OA_ERR_001);
            send(part, "an unknown official account", calls.body(api, base.deepCopy().put("Official_Account",
                    "imhistory-probe-" + unknownSuffix())), true, RuleId.OA_ERR_002);
        }
        if (any == null) {
            return;
        }
        send(part, "GET instead of POST", new HttpCall("GET", any.path(), any.query(), any.body()), false,
                RuleId.COM_METHOD_002);
        if (settings.userSig()) {
            long now = clock.millis() / 1000;
            send(part, "a UserSig signed with another key", withUserSig(any, UserSig.generate(target.sdkappid(),
                    target.identifier(), "imhistory-probe-not-the-key", now, 86_400)), false, RuleId.SIG_VER_006);
            send(part, "an empty usersig", withUserSig(any, ""), false, RuleId.SIG_VER_001);
        } else {
            part.notes.add("bad UserSigs were not sent (--skip-usersig-checks: the target accepts any usersig on purpose)");
        }
    }

    private static String unknownSuffix() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 44));
    }

    private static ObjectNode without(ObjectNode body, String field) {
        ObjectNode copy = body.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static HttpCall raw(HttpCall call, String body) {
        return new HttpCall(call.method(), call.path(), call.query(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpCall withUserSig(HttpCall call, String userSig) {
        Map<String, String> q = new LinkedHashMap<>(call.query());
        q.put("usersig", userSig);
        q.put("random", CallFactory.freshRandom());
        return new HttpCall(call.method(), call.path(), q, call.body());
    }

    /**
     * Sends one bad input. {@code rule} is the rule the input exercises (as a scenario's exchange names it): a wrong
     * code is reported under it when the error catalogue lists it for the due code, else under the code's rules.
     */
    private void send(Part part, String name, HttpCall call, boolean unknownTarget, RuleId rule) {
        try {
            transport.send(call);
        } catch (IOException e) {
            // recorded with its fault: a network failure is no finding (COM-HTTP-001 allows it); noted below
        }
        RecordedRequest r = transport.journal().get(transport.sent() - 1);
        owner.put(r.sequence(), part);
        named.put(r.sequence(), List.of(rule));
        where.put(r.sequence(), name + " (request #" + r.sequence() + ")");
        if (unknownTarget) {
            unknownTargets.add(r.sequence());
        }
        if (r.fault() != null) {
            part.notes.add(name + ": no answer (" + r.fault() + "), not judged");
        }
    }

    // ------------------------------------------------------------------------------------------------ judging

    private void judge() {
        List<AnswerJudge.History> histories = new ArrayList<>();
        for (Part part : run.parts) {
            if (part.ways.isEmpty()) {
                continue;
            }
            List<RecordedRequest> shown = part.ways.stream().filter(w -> AnswerJudge.ended(w.api(), w.pages()))
                    .flatMap(w -> w.pages().stream()).toList();
            List<RecordedRequest> pages = part.ways.stream().flatMap(w -> w.pages().stream()).toList();
            List<RecordedRequest> judged = new ArrayList<>(pages);
            if (!shown.isEmpty()) { // the query-order way is judged against the history the usual order showed
                part.reordered.forEach((r, twin) -> judged.addAll(List.of(twin, r)));
            }
            histories.add(new AnswerJudge.History(shown, judged));
            if (part.setupError == null && !judged.isEmpty()) {
                Api api = part.ways.get(0).api();
                // a rule some histories give no occasion (a value above 2^31-1, a hole...) counts only where a page did
                Set<RuleId> wanting = ServerChecks.occasional(api);
                part.checked.addAll(ServerChecks.successRules(api));
                for (RecordedRequest r : pages) {
                    part.checked.addAll(named.get(r.sequence()));
                    wanting.removeAll(named.get(r.sequence()));
                    wanting.removeAll(ServerChecks.occasions(api, r.bodyJson().orElseThrow(), r.answerJson().orElseThrow()));
                }
                part.checked.removeAll(ModelOracle.BLIND.keySet());
                wanting.removeAll(ModelOracle.BLIND.keySet());
                part.checked.removeAll(wanting);
                part.unoccasioned.addAll(wanting);
                if (shown.isEmpty()) {
                    part.notes.add("no way reached the end of the history: every page was judged on its own, not"
                            + " against what the other ways showed");
                }
            }
        }
        Optional<String> key = target.secretKey();
        Map<Long, List<Finding>> findings = AnswerJudge.judge(target.sdkappid(), transport.journal(), histories, key, clock,
                r -> new ServerAnswer(r.api().orElseThrow(), r, where.get(r.sequence()),
                        named.getOrDefault(r.sequence(), List.of())),
                r -> unknownTargets.contains(r.sequence())
                        ? RequestOracle.refusalOfUnknownTarget(r.call(), key, clock) : Optional.empty());
        for (RecordedRequest r : transport.journal()) {
            Part part = owner.get(r.sequence());
            if (part == null || part.setupError != null) {
                continue;
            }
            if (part.ways.isEmpty() && r.fault() == null) { // a bad input: the rules of the code it is due
                Optional<Reference> due = unknownTargets.contains(r.sequence())
                        ? RequestOracle.refusalOfUnknownTarget(r.call(), key, clock)
                        : RequestOracle.refusal(r.call(), key, clock);
                if (due.isEmpty() || due.get().errorCode() <= 0) {
                    throw new KitError("the probe's bad input '" + where.get(r.sequence()) + "' is not refused by the"
                            + " engine, so it has no due code to judge the answer by");
                }
                Set<RuleId> rules = ErrorCodeChecks.rulesFor(r.api().orElseThrow(), due.get().errorCode());
                List<RuleId> exercised = named.get(r.sequence()).stream().filter(rules::contains).toList();
                part.checked.addAll(exercised.isEmpty() ? rules : exercised);
            }
            RecordedRequest twin = part.reordered.get(r);
            if (twin == null) {
                part.add(findings.getOrDefault(r.sequence(), List.of()));
            } else if (findings.getOrDefault(twin.sequence(), List.of()).isEmpty() && histories.stream()
                    .anyMatch(h -> h.judged().contains(r))) { // judged against the history, and the usual order met it
                part.checked.add(RuleId.COM_QRY_008);
                part.add(QueryOrderChecks.judge(where.get(r.sequence()), r.call(),
                        findings.getOrDefault(r.sequence(), List.of()), r));
            } else {
                part.notes.add("the query-order way was not judged: the usual order already had findings, or no way"
                        + " reached the end of the history");
            }
        }
    }

    /**
     * The rules a part's tests report on, in catalogue order: those checked, those with findings (a finding always
     * fails its rule, occasion or not) and those the pages gave no occasion (skipped).
     */
    static Set<RuleId> reported(Part part) {
        Set<RuleId> out = new LinkedHashSet<>();
        for (RuleId r : RuleId.values()) {
            if (part.checked.contains(r) || part.findings.containsKey(r) || part.unoccasioned.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }
}
