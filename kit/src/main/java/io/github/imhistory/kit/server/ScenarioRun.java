package io.github.imhistory.kit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Continuations;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleCatalog;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.contract.ScenarioPlayer;
import io.github.imhistory.contract.TenantSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Replays one scenario against the target: seeds it, then sends every exchange and walks every paging sequence,
 * each request to the server and to the oracle (the engine holding the same scenario), and judges every answer.
 */
final class ScenarioRun {
    /** A walk that has not ended after this many pages is reported as never ending. */
    static final int MAX_WALK_PAGES = 10_000;

    private final ServerTarget target;
    private final Seeder seeder;
    private final SuiteOptions options;
    private final ServerHttp http;
    private final RuleCatalog rules;
    private final ErrorCatalog errors;

    ScenarioRun(ServerTarget target, Seeder seeder, SuiteOptions options, ServerHttp http, RuleCatalog rules,
                ErrorCatalog errors) {
        this.target = target;
        this.seeder = seeder;
        this.options = options;
        this.http = http;
        this.rules = rules;
        this.errors = errors;
    }

    /** The server-binding catalogue rules among {@code ids}, in the given order. */
    List<String> serverRules(Iterable<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (rules.find(id).map(Rule::bindsServer).orElse(false) && !out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    ScenarioOutcome play(ScenarioIndex.Entry entry) {
        JsonNode scenario = entry.json();
        ScenarioOutcome outcome = new ScenarioOutcome(entry, new java.util.LinkedHashSet<>(serverRules(entry.ruleIds())));
        Set<String> inParts = new HashSet<>();
        for (String part : List.of("exchanges", "walks")) {
            scenario.path(part).forEach(p -> p.path("rules").forEach(r -> inParts.add(r.asText())));
        }
        outcome.named.stream().filter(r -> !inParts.contains(r)).forEach(outcome.partless::add);
        String skip = skipReason(scenario);
        if (skip != null) {
            outcome.scenarioSkip = skip;
            return outcome;
        }
        JsonNode adapted = adapt(scenario);
        try {
            seeder.seed(new SeedContext(target, entry.id(), adapted));
        } catch (IOException | RuntimeException e) {
            outcome.error = "could not seed the scenario with " + seeder.describe() + ": " + e.getMessage();
            return outcome;
        }
        if (seeder.servesStubFeatures()) {
            http.resetPace(); // a freshly loaded stub tenant starts with empty rate limiters
        }
        try {
            new Replay(adapted, outcome).run();
        } catch (RuntimeException e) {
            outcome.error = "the suite failed while replaying the scenario: " + e;
        }
        return outcome;
    }

    /** Why the scenario cannot run against this target, or null. */
    String skipReason(JsonNode scenario) {
        boolean stub = seeder.servesStubFeatures();
        if (scenario.path("deviations").size() > 0 && !stub) {
            return "the scenario scripts deviations (a fault or a change of data on the n-th request), which only the "
                    + "im-history stub can play; seed with stub-admin to run it";
        }
        JsonNode tenant = scenario.path("tenant");
        for (String flag : List.of("rateLimit", "verifyUserSig")) {
            if (!tenant.path(flag).asBoolean(true) && !stub) {
                return "the scenario needs a tenant with " + flag + "=false, a switch only the im-history stub has";
            }
        }
        for (JsonNode ex : scenario.path("exchanges")) {
            if (ex.path("repeat").asInt(1) > 1 && !stub && !options.rateLimit()) {
                return "the scenario sends a burst of " + ex.path("repeat").asInt() + " requests within a second to provoke "
                        + "60007; it runs against the stub, or with " + SuiteConfiguration.RATE_LIMIT + "=true (--rate-limit)";
            }
        }
        return null;
    }

    /** The scenario with its tenant rewritten for the target: its sdkappid, its admin as first admin, its key. */
    JsonNode adapt(JsonNode scenario) {
        ObjectNode copy = scenario.deepCopy();
        ObjectNode tenant = copy.has("tenant") ? (ObjectNode) copy.get("tenant") : copy.putObject("tenant");
        tenant.put("sdkappid", target.sdkappid());
        target.secretKey().ifPresent(k -> tenant.put("secretKey", k));
        List<String> admins = new ArrayList<>();
        tenant.path("admins").forEach(a -> admins.add(a.asText()));
        if (admins.isEmpty()) {
            admins.add(TenantSpec.DEFAULT_ADMIN);
        }
        admins.remove(target.identifier());
        if (admins.isEmpty()) {
            admins.add(target.identifier());
        } else {
            admins.set(0, target.identifier()); // the scenario's primary admin is played by the target's admin
        }
        ArrayNode list = tenant.putArray("admins");
        admins.forEach(list::add);
        return copy;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** One replay of an adapted scenario. */
    private final class Replay {
        final JsonNode scenario;
        final ScenarioOutcome outcome;
        final Oracle oracle;
        final Judge judge;
        final ScenarioPlayer calls;
        final boolean quiet;

        Replay(JsonNode scenario, ScenarioOutcome outcome) {
            this.scenario = scenario;
            this.outcome = outcome;
            TenantSpec tenant = TenantSpec.of(scenario).withSdkappid(target.sdkappid());
            this.oracle = new Oracle(scenario, target.sdkappid(), tenant.admin(), target.canSign());
            this.judge = new Judge(rules, errors, oracle, scenario);
            // only used to build calls (query defaults, fresh random, signed usersig); never to send them
            this.calls = new ScenarioPlayer(tenant, c -> {
                throw new IOException("not used");
            }, ScenarioRun::now);
            this.quiet = scenario.path("deviations").isEmpty();
        }

        void run() {
            for (JsonNode exchange : scenario.path("exchanges")) {
                exchange(exchange);
            }
            for (JsonNode walk : scenario.path("walks")) {
                walk(walk);
            }
        }

        // ---------------------------------------------------------------------------------------- exchanges

        void exchange(JsonNode ex) {
            String name = ex.path("name").asText();
            List<String> named = serverRules(texts(ex.path("rules")));
            Api api = Api.byCommand(ex.path("api").asText()).orElseThrow();
            JsonNode request = ex.path("request");
            JsonNode query = request.path("query");
            boolean sigOverridden = query.has("usersig");
            if (!target.canSign() && sigOverridden && query.get("usersig").isObject()) {
                outcome.skipped(named, "exchange '" + name + "' needs a UserSig signed for " + query.get("usersig")
                        + ", and the suite has no secret key (only a UserSig supplier)");
                return;
            }
            HttpCall call = supplied(calls.call(api, request), sigOverridden);
            String where = "exchange '" + name + "'";
            int repeat = ex.path("repeat").asInt(1);
            if (repeat > 1) {
                burst(ex, api, call, named, repeat, where);
                return;
            }
            // without the secret key the oracle does not check UserSigs; a scenario's own bad UserSig is then
            // judged by the scenario's expectation
            boolean byScenario = !target.canSign() && sigOverridden;
            Exchanged x = exchange(api, call, named, where, byScenario ? ex.path("expect") : null);
            outcome.add(x.findings);
            outcome.ran(named);
            if (named.contains("COM-QRY-005") && x.findings.isEmpty() && quiet && call.query().size() > 1) {
                reordered(api, call, named, where, byScenario ? ex.path("expect") : null);
            }
        }

        record Exchanged(HttpCall call, Expected expected, Observed server, List<Finding> findings) {}

        /** One request judged; a transient failure of the server alone is retried like a client would. */
        Exchanged exchange(Api api, HttpCall call, List<String> named, String where, JsonNode scenarioExpect) {
            Exchanged x = null;
            for (int attempt = 0; attempt <= ScenarioPlayer.MAX_RETRIES; attempt++) {
                HttpCall c = attempt == 0 ? call : refreshed(call);
                Expected oracleAnswer = oracle.answer(c); // also when not used: keeps the oracle's counters in step
                Expected expected = scenarioExpect != null ? Expected.fromScenario(scenarioExpect) : oracleAnswer;
                Observed server = http.send(c);
                x = new Exchanged(c, expected, server, judge.judge(request(api, c, named, where), server, expected));
                if (x.findings.isEmpty() || expected.transientFailure(errors) || !serverTransient(server)) {
                    break;
                }
            }
            return x;
        }

        /** COM-QRY-005: the same call with its query parameters in reverse order must get the same verdict. */
        void reordered(Api api, HttpCall call, List<String> named, String where, JsonNode scenarioExpect) {
            List<Map.Entry<String, String>> params = new ArrayList<>(call.query().entrySet());
            Collections.reverse(params);
            Map<String, String> reversed = new LinkedHashMap<>();
            params.forEach(p -> reversed.put(p.getKey(), p.getValue()));
            HttpCall again = new HttpCall(call.method(), call.path(), reversed, call.body());
            Exchanged x = exchange(api, again, named, where + " (query parameters reversed)", scenarioExpect);
            if (!x.findings.isEmpty()) {
                outcome.add(List.of(new Finding("COM-QRY-005", where, "the same request with its query parameters in "
                        + "the order " + reversed.keySet() + " is judged differently: " + x.findings.get(0).message(),
                        again.curl(target.baseUrl()))));
            }
        }

        /**
         * A concurrent burst (the rate-limit scenarios). With the tenant's rate limit on, at least one answer must be
         * 60007 (COM-RATE-002) and every other one the normal answer; with it off, every answer the normal one.
         */
        void burst(JsonNode ex, Api api, HttpCall call, List<String> named, int repeat, String where) {
            boolean limited = TenantSpec.of(scenario).rateLimit();
            Expected reference = oracle.answer(call);
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, repeat));
            List<Future<Observed>> futures = new ArrayList<>();
            long start = System.nanoTime();
            try {
                for (int i = 0; i < repeat; i++) {
                    HttpCall c = i == 0 ? call : withFreshRandom(call);
                    futures.add(pool.submit(() -> http.sendUnpaced(c)));
                }
                int refused = 0;
                int normal = 0;
                List<Finding> other = new ArrayList<>();
                for (Future<Observed> future : futures) {
                    Observed o = future.get(target.timeout().toMillis() * 2 + 60_000, TimeUnit.MILLISECONDS);
                    JsonNode body = o.json();
                    if (body != null && o.status() == 200 && body.path("ErrorCode").asInt() == 60007
                            && "FAIL".equals(body.path("ActionStatus").asText())) {
                        refused++;
                        continue;
                    }
                    List<Finding> fs = judge.judge(request(api, call, named, where), o, reference);
                    if (fs.isEmpty()) {
                        normal++;
                    } else if (other.isEmpty()) {
                        other.addAll(fs);
                    }
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                outcome.add(other);
                String counts = repeat + " requests in " + millis + " ms: " + refused + " refused with 60007, " + normal
                        + " answered normally";
                if (limited && refused == 0) {
                    if (millis > 1000) {
                        outcome.skipped(List.of("COM-RATE-002"), where + ": the burst took " + millis
                                + " ms, longer than the one-second window, so the limit cannot be judged");
                        outcome.ran(named.stream().filter(r -> !r.equals("COM-RATE-002")).toList());
                        return;
                    }
                    outcome.add(List.of(new Finding("COM-RATE-002", where, counts + "; the request after 200 in a second "
                            + "gets 60007", call.curl(target.baseUrl()))));
                } else if (!limited && refused > 0) {
                    outcome.add(List.of(new Finding("COM-RATE-002", where, counts + "; this tenant's rate limit is off",
                            call.curl(target.baseUrl()))));
                }
                outcome.ran(named);
            } catch (Exception e) {
                outcome.add(List.of(new Finding(named.isEmpty() ? "COM-RATE-002" : named.get(0), where,
                        "the burst failed: " + e, call.curl(target.baseUrl()))));
                outcome.ran(named);
            } finally {
                pool.shutdownNow();
                if (limited && !(seeder.servesStubFeatures() && last(ex))) {
                    coolDown(); // the server's window is full: let it drain before the next request
                }
            }
        }

        /** Whether {@code ex} is the scenario's last request source (the stub's next tenant starts with empty limiters). */
        boolean last(JsonNode ex) {
            JsonNode exchanges = scenario.path("exchanges");
            return scenario.path("walks").isEmpty() && exchanges.get(exchanges.size() - 1) == ex;
        }

        void coolDown() {
            try {
                Thread.sleep(1_100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        // ---------------------------------------------------------------------------------------- walks

        /**
         * Walks a paging sequence to its end, following the server's own answers with the documented continuation
         * protocol (Continuations), and judging each page against the oracle's answer to the same request. The walk
         * stops where the server's next request would differ from the reference one: what follows would only show
         * consequences of a difference already reported.
         */
        void walk(JsonNode walk) {
            String name = walk.path("name").asText();
            List<String> named = serverRules(texts(walk.path("rules")));
            Api api = Api.byCommand(walk.path("api").asText()).orElseThrow();
            JsonNode request = walk.path("body");
            Map<String, Integer> seen = new HashMap<>();
            Set<String> requestsSent = new HashSet<>();
            List<JsonNode> previousPage = null;
            boolean pageFindings = false;
            boolean ended = false;
            long total = 0;
            int page = 0;
            while (true) {
                page++;
                String where = "walk '" + name + "' page " + page;
                requestsSent.add(Json.compact(request));
                Exchanged x = null;
                for (int attempt = 0; attempt <= ScenarioPlayer.MAX_RETRIES; attempt++) {
                    HttpCall call = supplied(calls.bodyCall(api, request), false);
                    Expected expected = oracle.answer(call);
                    Observed server = http.send(call);
                    x = new Exchanged(call, expected, server, judge.judge(request(api, call, named, where), server, expected));
                    boolean retry = x.findings.isEmpty() ? expected.transientFailure(errors)
                            : serverTransient(server) && !expected.transientFailure(errors);
                    if (!retry || attempt == ScenarioPlayer.MAX_RETRIES) {
                        break;
                    }
                }
                outcome.add(x.findings);
                pageFindings |= !x.findings.isEmpty();
                JsonNode answer = x.server.json();
                if (answer == null || answer.path("ErrorCode").asInt(-1) != 0 || !x.expected.success()) {
                    break; // a failed page ends the walk (a difference is already reported)
                }
                List<JsonNode> entries = new ArrayList<>();
                Continuations.entries(api, answer).forEach(entries::add);
                walkInvariants(api, entries, previousPage, seen, page, where, x.call);
                previousPage = entries;
                total += entries.size();
                Optional<ObjectNode> next = Continuations.next(api, request, answer);
                Optional<ObjectNode> due = Continuations.next(api, request, x.expected.json());
                if (next.isEmpty()) {
                    ended = true;
                    break;
                }
                if (!x.findings.isEmpty() && (due.isEmpty() || !due.get().equals(next.get()))) {
                    break; // the server's wrong answer sends the walk elsewhere; what follows would be consequences
                }
                if (requestsSent.contains(Json.compact(next.get()))) {
                    outcome.add(List.of(new Finding(terminationRule(api), where, "the walk loops: the continuation after page "
                            + page + " repeats an earlier request " + Json.compact(next.get()), x.call.curl(target.baseUrl()))));
                    break;
                }
                if (page >= MAX_WALK_PAGES) {
                    outcome.add(List.of(new Finding(terminationRule(api), where, "the walk has not ended after " + page
                            + " pages", x.call.curl(target.baseUrl()))));
                    break;
                }
                request = next.get();
            }
            JsonNode expectedTotal = walk.path("expect").path("total");
            if (ended && !pageFindings && expectedTotal.isIntegralNumber() && expectedTotal.asLong() != total) {
                // every page matched the oracle, yet the total is off: the server holds other data than the scenario
                String message = "the walk returned " + total + " entries in " + page + " pages; the scenario's history "
                        + "holds " + expectedTotal.asLong() + " (does the server hold the scenario's data?)";
                List<Finding> fs = new ArrayList<>();
                (named.isEmpty() ? List.of(terminationRule(api)) : named)
                        .forEach(r -> fs.add(new Finding(r, "walk '" + name + "'", message, "")));
                outcome.add(fs);
            }
            outcome.ran(named);
        }

        /** No entry twice in a walk, and each page older than the one before (paging goes backwards). */
        void walkInvariants(Api api, List<JsonNode> entries, List<JsonNode> previous, Map<String, Integer> seen, int page,
                            String where, HttpCall call) {
            String dupRule = switch (api) {
                case ADMIN_GETROAMMSG -> "C2C-PAGE-008";
                case GROUP_MSG_GET_SIMPLE -> "GRP-PAGE-002";
                case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> "OA-PAGE-002";
            };
            List<Finding> out = new ArrayList<>();
            for (JsonNode e : entries) {
                String key = api == Api.ADMIN_GETROAMMSG ? Judge.c2cKey(e) : Long.toString(e.path("MsgSeq").asLong() & Judge.UINT32_MAX);
                Integer first = seen.putIfAbsent(key, page);
                if (first != null && first != page) {
                    out.add(new Finding(dupRule, where, "page " + page + " repeats " + (api == Api.ADMIN_GETROAMMSG ? "MsgKey "
                            + e.path("MsgKey").asText(key) : "seq " + key) + ", first seen on page " + first,
                            call.curl(target.baseUrl())));
                }
            }
            if (previous != null && !previous.isEmpty() && !entries.isEmpty() && out.isEmpty()) {
                if (api == Api.ADMIN_GETROAMMSG) {
                    JsonNode oldest = previous.get(0);
                    for (JsonNode e : entries) {
                        if (Judge.compare(order(e), order(oldest)) >= 0) {
                            out.add(new Finding("C2C-PAGE-001", where, "page " + page + " holds " + e.path("MsgKey").asText()
                                    + ", which is not older than " + oldest.path("MsgKey").asText() + ", the oldest message of page "
                                    + (page - 1) + " (paging goes backwards in time)", call.curl(target.baseUrl())));
                            break;
                        }
                    }
                } else {
                    long min = previous.stream().mapToLong(e -> e.path("MsgSeq").asLong() & Judge.UINT32_MAX).min().orElseThrow();
                    for (JsonNode e : entries) {
                        long seq = e.path("MsgSeq").asLong() & Judge.UINT32_MAX;
                        if (seq >= min) {
                            out.add(new Finding(dupRule, where, "page " + page + " holds seq " + seq + ", not below seq " + min
                                    + " of page " + (page - 1), call.curl(target.baseUrl())));
                            break;
                        }
                    }
                }
            }
            outcome.add(out);
        }

        // ---------------------------------------------------------------------------------------- helpers

        Judge.Request request(Api api, HttpCall call, List<String> named, String where) {
            return new Judge.Request(api, call, named, where, call.curl(target.baseUrl()));
        }

        /** Without the secret key, the supplier's UserSig replaces the one the player signed (unless the scenario set it). */
        HttpCall supplied(HttpCall call, boolean sigSetByScenario) {
            if (target.canSign() || sigSetByScenario || !call.query().containsKey("usersig")) {
                return call;
            }
            Map<String, String> q = new LinkedHashMap<>(call.query());
            q.put("usersig", target.userSig(now()));
            return new HttpCall(call.method(), call.path(), q, call.body());
        }

        /** A retry is a new request, so it gets a fresh random (its UserSig stays valid). */
        HttpCall refreshed(HttpCall call) {
            return withFreshRandom(call);
        }
    }

    static boolean serverTransient(Observed o) {
        if (o.error() != null || o.status() != 200) {
            return true;
        }
        JsonNode body = o.json();
        return body == null || ErrorCatalog.bundled().retryCanHelp(body.path("ErrorCode").asInt(0));
    }

    private static String terminationRule(Api api) {
        return switch (api) {
            case ADMIN_GETROAMMSG -> "C2C-PAGE-007";
            case GROUP_MSG_GET_SIMPLE -> "GRP-PAGE-005";
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> "OA-PAGE-005";
        };
    }

    private static long[] order(JsonNode item) {
        return new long[] {item.path("MsgTimeStamp").asLong() & Judge.UINT32_MAX, item.path("MsgSeq").asLong() & Judge.UINT32_MAX,
                item.path("MsgRandom").asLong() & Judge.UINT32_MAX};
    }

    static HttpCall withFreshRandom(HttpCall call) {
        String random = call.query().get("random");
        if (random == null || !random.matches("[0-9]+")) {
            return call;
        }
        Map<String, String> q = new LinkedHashMap<>(call.query());
        q.put("random", Long.toString(ThreadLocalRandom.current().nextLong(0, 1L << 32)));
        return new HttpCall(call.method(), call.path(), q, call.body());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
