package io.github.imhistory.kit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.KitError;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.contract.Side;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.check.Findings;
import io.github.imhistory.contract.check.QueryOrderChecks;
import io.github.imhistory.contract.check.Reference;
import io.github.imhistory.contract.check.ServerAnswer;
import io.github.imhistory.contract.check.ServerChecks;
import io.github.imhistory.contract.check.Verifies;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.Burst;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.Walker;
import io.github.imhistory.oracle.EngineOracle;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replays one scenario against the target: seeds it, then sends every exchange and walks every paging sequence, each
 * request to the server and to the oracle (the engine holding the same scenario), and has the checks judge every
 * answer against the oracle's. What the suite does is orchestration; which rule a difference breaks is decided by
 * the rule's home in {@code contract.check}.
 */
final class ScenarioRun {
    /** A walk that has not ended after this many pages is abandoned. */
    static final int MAX_WALK_PAGES = 10_000;

    private final ServerTarget target;
    private final Seeder seeder;
    private final SuiteOptions options;
    private final ServerHttp http;
    private final Clock oracleClock;

    RunTimings timings() {
        return http.timings();
    }

    ScenarioRun(ServerTarget target, Seeder seeder, SuiteOptions options, ServerHttp http, Clock oracleClock) {
        this.target = target;
        this.seeder = seeder;
        this.options = options;
        this.http = http;
        this.oracleClock = oracleClock;
    }

    /** The server-binding rules among {@code ids}, in the given order. */
    static List<RuleId> serverRules(Iterable<RuleId> ids) {
        Set<RuleId> out = new LinkedHashSet<>();
        for (RuleId id : ids) {
            if (Side.SERVER.boundBy(id.rule())) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }

    ScenarioOutcome play(ScenarioIndex.Entry entry) {
        Scenario scenario = entry.scenario();
        ScenarioOutcome outcome = new ScenarioOutcome(entry, new LinkedHashSet<>(serverRules(scenario.allRules())));
        Set<RuleId> inParts = new LinkedHashSet<>();
        scenario.exchanges().forEach(e -> inParts.addAll(e.rules()));
        scenario.walks().forEach(w -> inParts.addAll(w.rules()));
        outcome.named.stream().filter(r -> !inParts.contains(r)).forEach(outcome.partless::add);
        String skip = skipReason(scenario);
        if (skip != null) {
            outcome.scenarioSkip = skip;
            return outcome;
        }
        JsonNode adapted = adapt(scenario.json());
        long seeding = System.nanoTime();
        try {
            seeder.seed(new SeedContext(target, entry.id(), adapted));
        } catch (IOException | RuntimeException e) {
            outcome.seedError = "could not seed the scenario with " + seeder.describe() + ": " + e.getMessage();
            return outcome;
        } finally {
            http.timings().add(RunTimings.Part.SEED, seeding);
        }
        if (seeder.servesStubFeatures()) {
            http.resetPace(); // a freshly loaded stub tenant starts with empty rate limiters
        }
        try {
            new Replay(Scenario.of(adapted, entry.path()), outcome).run();
        } catch (RuntimeException e) { // ours, not the server's: reported as a kit error, never as a finding
            outcome.kitError = e instanceof KitError k ? k
                    : new KitError("the server suite failed while replaying " + entry.id() + ": " + e, e);
        }
        return outcome;
    }

    /** Why the scenario cannot run against this target, or null. */
    String skipReason(Scenario scenario) {
        boolean stub = seeder.servesStubFeatures();
        if (!scenario.deviations().isEmpty() && !stub) {
            return "the scenario scripts deviations (a fault or a change of data on the n-th request), which only the "
                    + "im-history stub can play; seed with stub-admin to run it";
        }
        TenantSpec tenant = scenario.tenant();
        if ((!tenant.rateLimit() || !tenant.verifyUserSig()) && !stub) {
            return "the scenario needs a tenant with " + (!tenant.rateLimit() ? "rateLimit" : "verifyUserSig")
                    + "=false, a switch only the im-history stub has";
        }
        for (Scenario.Exchange ex : scenario.exchanges()) {
            if (ex.repeat() > 1 && !stub && !options.rateLimit()) {
                return "the scenario sends a burst of " + ex.repeat() + " requests within a second to provoke "
                        + "60007; it runs against the stub, or with " + SuiteConfiguration.RATE_LIMIT + "=true (--rate-limit)";
            }
        }
        return null;
    }

    /**
     * The scenario with its tenant rewritten for the target: its sdkappid, its admin as first admin, its key, and
     * its UserSig checking and rate limit said explicitly (the schema's defaults when the scenario says nothing), so
     * that a server's own defaults for scenarios that say nothing cannot change what the scenario expects.
     */
    JsonNode adapt(JsonNode scenario) {
        ObjectNode copy = scenario.deepCopy();
        TenantSpec spec = TenantSpec.of(scenario);
        ObjectNode tenant = copy.has("tenant") ? (ObjectNode) copy.get("tenant") : copy.putObject("tenant");
        tenant.put("sdkappid", target.sdkappid());
        tenant.put("verifyUserSig", spec.verifyUserSig());
        tenant.put("rateLimit", spec.rateLimit());
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
        final Scenario scenario;
        final ScenarioOutcome outcome;
        final EngineOracle oracle;
        final CallFactory calls;
        final boolean quiet;
        long sent;

        Replay(Scenario scenario, ScenarioOutcome outcome) {
            this.scenario = scenario;
            this.outcome = outcome;
            TenantSpec tenant = scenario.tenant();
            this.oracle = new EngineOracle(scenario, target.sdkappid(), target.canSign(), oracleClock);
            this.calls = new CallFactory(tenant, ScenarioRun::now, target.canSign()
                    ? now -> UserSig.generate(tenant.sdkappid(), tenant.admin(), tenant.secretKey(), now, 86_400)
                    : target::userSig);
            this.quiet = scenario.deviations().isEmpty();
        }

        void run() {
            scenario.exchanges().forEach(this::exchange);
            scenario.walks().forEach(this::walk);
        }

        // ---------------------------------------------------------------------------------------- exchanges

        void exchange(Scenario.Exchange ex) {
            List<RuleId> named = serverRules(ex.rules());
            String where = "exchange '" + ex.name() + "'";
            boolean signed = ex.request().query().values().stream().anyMatch(v -> v instanceof Scenario.QueryValue.SignedUserSig);
            if (!target.canSign() && signed) {
                outcome.skipped(named, where + " needs a UserSig signed for it, and the suite has no secret key (only a"
                        + " UserSig supplier)");
                return;
            }
            HttpCall call = calls.call(ex.api(), ex.request());
            if (ex.repeat() > 1) {
                burst(ex, call, named, where);
                return;
            }
            // without the secret key the oracle does not check UserSigs; a scenario's own bad UserSig is then judged
            // by the scenario's expectation
            boolean sigByScenario = !target.canSign() && ex.request().query().containsKey("usersig");
            Exchanged x = exchange(ex.api(), call, named, where, sigByScenario ? ex.expect() : null);
            outcome.add(x.findings);
            outcome.ran(named);
            if (outcome.named.contains(RuleId.COM_QRY_008) && x.findings.isEmpty() && quiet && call.query().size() > 1) {
                outcome.add(reordered(ex.api(), call, named, where, sigByScenario ? ex.expect() : null));
            }
        }

        record Exchanged(HttpCall call, Reference reference, RecordedRequest server, List<Finding> findings) {}

        /** One request judged; a transient failure of the server alone is retried like a client would. */
        Exchanged exchange(Api api, HttpCall call, List<RuleId> named, String where, Scenario.Expectation byScenario) {
            Exchanged x = null;
            for (int attempt = 0; attempt <= Walker.MAX_RETRIES; attempt++) {
                HttpCall c = attempt == 0 ? call : CallFactory.again(call);
                Reference fromOracle = oracle.reference(c); // also when not used: keeps the oracle's counters in step
                Reference reference = byScenario != null ? Reference.fromExpectation(expectation(byScenario)) : fromOracle;
                RecordedRequest server = http.exchange(c, ++sent);
                x = new Exchanged(c, reference, server, ServerChecks.judge(new ServerAnswer(api, server, where, named),
                        reference, oracle));
                if (x.findings.isEmpty() || transientReference(reference) || !transientServer(server)) {
                    break;
                }
            }
            return x;
        }

        /** COM-QRY-008: the same call with its query parameters in reverse order must get the same verdict. */
        List<Finding> reordered(Api api, HttpCall call, List<RuleId> named, String where, Scenario.Expectation byScenario) {
            HttpCall again = QueryOrderChecks.reversed(call);
            Exchanged x = exchange(api, again, named, where + " (query parameters reversed)", byScenario);
            return QueryOrderChecks.judge(where, again, x.findings, x.server);
        }

        /**
         * A concurrent burst (the rate-limit scenarios). With the tenant's rate limit on, at least one answer must be
         * 60007 (COM-RATE-002) and every other one the normal answer; with it off, every answer the normal one.
         */
        @Verifies(value = RuleId.COM_RATE_002, side = Side.SERVER)
        void burst(Scenario.Exchange ex, HttpCall call, List<RuleId> named, String where) {
            boolean limited = scenario.tenant().rateLimit();
            Reference reference = oracle.reference(call);
            Findings f = new Findings();
            Burst.Outcome burst;
            long sending = System.nanoTime();
            try {
                burst = Burst.send(http::sendUnpaced, call, ex.repeat(), target.timeout().toMillis() * 2 + 60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KitError("interrupted during the burst", e);
            } finally {
                http.timings().add(RunTimings.Part.SERVER, sending);
            }
            int refused = 0;
            int normal = 0;
            List<Finding> other = new ArrayList<>();
            for (int i = 0; i < burst.answers().size(); i++) {
                Answer a = burst.answers().get(i);
                JsonNode body = a == null ? null : a.json();
                if (a != null && a.status() == 200 && body != null && body.path("ErrorCode").asInt() == 60007
                        && "FAIL".equals(body.path("ActionStatus").asText())) {
                    refused++;
                    continue;
                }
                RecordedRequest x = ServerHttp.record(++sent, Instant.now(), call, a, burst.errors().get(i));
                List<Finding> fs = ServerChecks.judge(new ServerAnswer(ex.api(), x, where, named), reference, oracle);
                if (fs.isEmpty()) {
                    normal++;
                } else if (other.isEmpty()) {
                    other.addAll(fs);
                }
            }
            outcome.add(other);
            RecordedRequest first = ServerHttp.record(0, Instant.now(), call, burst.answers().get(0), burst.errors().get(0));
            String counts = ex.repeat() + " requests in " + burst.millis() + " ms: " + refused + " refused with 60007, "
                    + normal + " answered normally";
            try {
                if (limited && refused == 0) {
                    if (burst.millis() > 1000) {
                        outcome.skipped(List.of(RuleId.COM_RATE_002), where + ": the burst took " + burst.millis()
                                + " ms, longer than the one-second window, so the limit cannot be judged");
                        outcome.ran(named.stream().filter(r -> r != RuleId.COM_RATE_002).toList());
                        return;
                    }
                    f.add(RuleId.COM_RATE_002, where, counts + "; the request after 200 in a second gets 60007", first);
                } else if (!limited && refused > 0) {
                    f.add(RuleId.COM_RATE_002, where, counts + "; this tenant's rate limit is off", first);
                }
                outcome.add(f.all());
                outcome.ran(named);
            } finally {
                if (limited && !(seeder.servesStubFeatures() && last(ex))) {
                    coolDown(); // the server's window is full: let it drain before the next request
                }
            }
        }

        /** Whether {@code ex} is the scenario's last request source (the stub's next tenant starts with empty limiters). */
        boolean last(Scenario.Exchange ex) {
            List<Scenario.Exchange> exchanges = scenario.exchanges();
            return scenario.walks().isEmpty() && exchanges.get(exchanges.size() - 1) == ex;
        }

        void coolDown() {
            long start = System.nanoTime();
            try {
                Thread.sleep(1_100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                http.timings().add(RunTimings.Part.COOL_DOWN, start);
            }
        }

        // ---------------------------------------------------------------------------------------- walks

        /**
         * Walks a paging sequence to its end, following the server's own answers with the documented continuation
         * protocol, and has the checks judge each page against the oracle's answer to the same request. The walk stops
         * where the server's next request would differ from the reference's: what follows would only show
         * consequences of a difference already reported.
         */
        void walk(Scenario.WalkSpec walk) {
            List<RuleId> named = serverRules(walk.rules());
            Api api = walk.api();
            Walker.Result result = new Walker(calls, http).walk(api, walk.body(), MAX_WALK_PAGES, attempt -> {
                String where = "walk '" + walk.name() + "' page " + attempt.page();
                Reference reference = oracle.reference(attempt.call());
                RecordedRequest x = ServerHttp.record(++sent, Instant.now(), attempt.call(), attempt.answer(),
                        attempt.error());
                List<Finding> fs = ServerChecks.judge(new ServerAnswer(api, x, where, named), reference, oracle);
                boolean retry = fs.isEmpty() ? transientReference(reference)
                        : transientServer(x) && !transientReference(reference);
                if (retry && attempt.attempt() < Walker.MAX_RETRIES) {
                    return Walker.Decision.RETRY;
                }
                outcome.add(fs);
                JsonNode answer = attempt.json();
                if (answer == null || answer.path("ErrorCode").asInt(-1) != 0 || !reference.success()) {
                    return Walker.Decision.STOP; // a failed page ends the walk (a difference is already reported)
                }
                Optional<ObjectNode> next = api.profile().next(attempt.request(), answer);
                Optional<ObjectNode> due = api.profile().next(attempt.request(), reference.json());
                if (!fs.isEmpty() && !next.equals(due)) {
                    return Walker.Decision.STOP;
                }
                return Walker.Decision.ACCEPT;
            });
            if (result.end() == Walker.End.LOOPED || result.end() == Walker.End.TOO_LONG) {
                // every page matched the reference, so the reference walks the same way: a fault of the scenario or
                // the engine, not of the server
                throw new KitError("walk '" + walk.name() + "' of " + scenario.id() + " " + (result.end() == Walker.End.LOOPED
                        ? "loops" : "has not ended after " + MAX_WALK_PAGES + " pages") + " on the reference too");
            }
            outcome.ran(named);
        }

        boolean transientReference(Reference r) {
            return r.isFault() || r.status() != 200 || (r.errorCode() > 0
                    && io.github.imhistory.contract.ErrorCatalog.bundled().retryCanHelp(r.errorCode()));
        }
    }

    /** Scenario expectations as the checks read them. */
    static JsonNode expectation(Scenario.Expectation e) {
        ObjectNode o = io.github.imhistory.contract.Json.object();
        o.put("status", e.status());
        o.put("match", e.subset() ? "subset" : "exact");
        o.set("response", e.response());
        return o;
    }

    static boolean transientServer(RecordedRequest x) {
        if (x.fault() != null || x.status() != 200) {
            return true;
        }
        JsonNode body = x.answerJson().orElse(null);
        return body == null || io.github.imhistory.contract.ErrorCatalog.bundled().retryCanHelp(body.path("ErrorCode").asInt(0));
    }
}
