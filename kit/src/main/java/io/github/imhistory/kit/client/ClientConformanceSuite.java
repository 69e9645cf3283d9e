package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.ApiProfile.Role;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.check.ElementChecks;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.traffic.TrafficJudge;
import io.github.imhistory.contract.traffic.Verdict;
import io.github.imhistory.kit.junit.ImHistoryStub;
import io.github.imhistory.kit.junit.StubTenant;
import io.github.imhistory.kit.junit.TenantLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The packaged client conformance suite. Subclass it, return an adapter around your client, and run it as a test:
 * <pre>
 * class MyClientConformanceTest extends ClientConformanceSuite {
 *     &#64;Override
 *     protected ImHistoryClientAdapter createAdapter() {
 *         return new MyClientAdapter();
 *     }
 * }
 * </pre>
 *
 * <p>For every walk of the bundled scenarios the adapter can express (see {@link ImHistoryClientAdapter}), the
 * suite loads the scenario into a fresh tenant of a stub started for the test class, has the adapter pull it, and
 * judges the result against what a correct client gets (the scenario walked in-process on the engine) and the
 * traffic against the client rules ({@link TrafficJudge}). Each walk is a container of dynamic tests, one per rule
 * judged, named by rule ID and level, e.g. {@code C2C-CONT-001 [MUST, documented] A continuation sets MaxTime ...
 * (c2c-doc-two-pages)}, so the report reads as a conformance statement. A test lists every finding of its rule with a
 * curl that sends the offending request again.
 *
 * <p>MUST-level findings fail. SHOULD-level findings abort their test (reported as skipped, the finding as the
 * reason) unless strict mode is on: {@code imhistory.strict=true} as a JUnit configuration parameter or system
 * property, or {@link #strict()} overridden. Walks needing a capability the adapter declares unsupported are skipped
 * with its reason. See {@link SuiteSettings} for the other knobs. With Maven Surefire, configure its JUnit 5
 * reporters with phrased names ({@code usePhrasedTestCaseMethodName}, see examples/client-consumer/pom.xml) so that
 * the XML report carries these names instead of {@code clientConformance()[3][7]}.
 */
@ImHistoryStub
@ExtendWith(SuiteSettingsResolver.class)
public abstract class ClientConformanceSuite {
    /** The common rules every walk is judged by. */
    static final List<RuleId> EVERY_WALK = List.of(RuleId.COM_METHOD_001, RuleId.COM_QRY_001, RuleId.COM_QRY_002,
            RuleId.COM_QRY_004, RuleId.COM_BODY_001, RuleId.COM_ADMIN_001, RuleId.SIG_ALG_001, RuleId.SIG_CLI_001,
            RuleId.COM_RESULT_001);
    private static final long INT32_MAX = Integer.MAX_VALUE;
    /** A bound on a page-by-page walk, for a cursor that never ends; far above any bundled walk at one entry a page. */
    private static final int MAX_PAGES = 10_000;
    /**
     * Curls in failure messages go to a standalone stub on its default port: the test's own stub is gone by the time
     * anyone reads them, and the message says how to load the scenario there.
     */
    static final String REPRODUCE_AT = "http://127.0.0.1:8080";

    /** A fresh adapter around the client under test; called once per walk. */
    protected abstract ImHistoryClientAdapter createAdapter();

    /** Override to return true to fail SHOULD-level findings too. */
    protected boolean strict() {
        return false;
    }

    /** Override to adjust the settings read from the JUnit configuration. */
    protected SuiteSettings settings(SuiteSettings configured) {
        return configured;
    }

    @TestFactory
    @DisplayName("im-history client conformance")
    public Stream<DynamicNode> clientConformance(TenantLoader stub, SuiteSettings configured) {
        SuiteSettings s = settings(configured);
        SuiteSettings settings = strict() ? s.withStrict(true) : s;
        ExecutorService walkers = Executors.newFixedThreadPool(settings.parallelWalks(), daemons("imhistory-walker-"));
        ExecutorService adapters = Executors.newCachedThreadPool(daemons("imhistory-adapter-"));
        List<WalkCase> cases = WalkCatalog.bundled().stream()
                .filter(c -> settings.includes(c.scenarioId()))
                .filter(c -> !c.paged() || settings.pagedWalks())
                .toList();
        // Walks run ahead on their own tenants, so a slow one (a scripted 3.5 s latency) overlaps the others;
        // each container waits for its walk and reports in order.
        List<Future<List<DynamicNode>>> walks = new ArrayList<>();
        for (WalkCase c : cases) {
            walks.add(walkers.submit(() -> walk(c, stub, settings, adapters)));
        }
        List<DynamicNode> containers = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Future<List<DynamicNode>> walk = walks.get(i);
            containers.add(DynamicContainer.dynamicContainer(cases.get(i).displayName(),
                    Stream.of(walk).flatMap(ClientConformanceSuite::await)));
        }
        return containers.stream().onClose(() -> {
            walkers.shutdownNow();
            adapters.shutdownNow();
        });
    }

    private static Stream<DynamicNode> await(Future<List<DynamicNode>> walk) {
        try {
            return walk.get().stream();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a walk", e);
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs one walk and returns one test per rule judged. */
    private List<DynamicNode> walk(WalkCase c, TenantLoader stub, SuiteSettings settings, ExecutorService pool) {
        ImHistoryClientAdapter adapter = createAdapter();
        for (Capability needed : c.needs()) {
            Support support = adapter.supports(needed);
            if (!support.supported()) {
                return skipped(c, "the adapter does not support " + needed + ": " + support.reason());
            }
        }
        StubTenant tenant = stub.load(c.scenario().json());
        boolean concurrent = adapter.supports(Capability.CONCURRENT_PULLS).supported();
        List<WalkRun.Outcome> outcomes = WalkRun.run(adapter, tenant.endpoint(), c, MAX_PAGES, settings.walkTimeout(),
                pool, concurrent);
        tenant.traffic().awaitAnswered(Duration.ofSeconds(10));
        List<RecordedRequest> traffic = tenant.traffic().requests();
        for (WalkRun.Outcome o : outcomes) {
            if (o.thrown() instanceof UnsupportedOperationException u && traffic.isEmpty()) {
                return skipped(c, "the adapter threw UnsupportedOperationException (" + u.getMessage() + ") before"
                        + " sending a request: implement the method, or have supports(" + c.needs() + ") return"
                        + " Support.no(\"why\") for what the client cannot do");
            }
        }
        // A walk the adapter ended by throwing (or never ended) is judged by what it threw on (ResultJudge), not
        // again as a walk that stopped early.
        boolean surfaced = outcomes.stream().anyMatch(o -> o.thrown() != null || o.timedOut());
        Verdict verdict = TrafficJudge.of(tenant.facts(), TrafficJudge.Options.defaults().withBaseUrl(REPRODUCE_AT)
                .withWholeHistory(!surfaced)).judge(traffic);
        List<Finding> findings = new ArrayList<>(verdict.findings());
        Set<RuleId> rules = new LinkedHashSet<>(EVERY_WALK);
        for (int i = 0; i < c.parts().size(); i++) {
            WalkCase.Part part = c.parts().get(i);
            List<RecordedRequest> own = c.parts().size() == 1 ? ofApi(traffic, part.pull().api())
                    : ofWalk(traffic, part.pull());
            findings.addAll(ResultJudge.judge(part.pull(), part.facts().newestKey(), own, outcomes.get(i)));
            rules.addAll(applicable(c, own, Served.of(part.pull().api().profile(), own)));
        }
        findings.forEach(f -> rules.add(f.rule()));
        String context = c.displayName() + ", tenant " + tenant.endpoint().sdkappid()
                + (tenant.traffic().dropped() > 0 ? " (" + tenant.traffic().dropped() + " requests dropped from the journal)" : "");
        String reproduce = "reproduce on a standalone stub (java -jar im-history-stubs-standalone.jar, port 8080): curl -sS"
                + " -X POST " + REPRODUCE_AT + "/__imhistory/tenants/" + tenant.endpoint().sdkappid() + "/scenario/"
                + c.scenarioId() + ", then the curls above";
        List<DynamicNode> tests = new ArrayList<>();
        for (RuleId id : RuleId.values()) { // catalogue order
            if (rules.contains(id)) {
                List<Finding> of = findings.stream().filter(f -> f.rule() == id).toList();
                String notChecked = verdict.notChecked().get(id.id());
                tests.add(DynamicTest.dynamicTest(testName(id.rule(), c), () -> judge(id.rule(), of, notChecked,
                        context, reproduce, settings)));
            }
        }
        return tests;
    }

    /** One aborted test in place of the walk's, with the reason. */
    private static List<DynamicNode> skipped(WalkCase c, String reason) {
        Rule rule = c.api().profile().ruleOf(Role.WHOLE_HISTORY).rule();
        return List.of(DynamicTest.dynamicTest(testName(rule, c), () -> {
            throw new TestAbortedException("skipped: " + reason);
        }));
    }

    private static List<RecordedRequest> ofApi(List<RecordedRequest> traffic, Api api) {
        return traffic.stream().filter(r -> r.api().filter(a -> a == api).isPresent()).toList();
    }

    /** The requests of the walk that pulls {@code pull} (same conversation and window, group or account). */
    private static List<RecordedRequest> ofWalk(List<RecordedRequest> traffic, Pull pull) {
        ApiProfile p = pull.api().profile();
        String key = p.walkKey(Pulls.body(pull));
        return traffic.stream().filter(r -> r.api().filter(a -> a == pull.api()).isPresent()
                && r.bodyJson().map(p::walkKey).filter(key::equals).isPresent()).toList();
    }

    private static void judge(Rule rule, List<Finding> findings, String notChecked, String context, String reproduce,
                              SuiteSettings settings) {
        if (findings.isEmpty()) {
            if (notChecked != null) {
                throw new TestAbortedException("not checked: " + notChecked);
            }
            return;
        }
        String message = rule.displayName() + " " + rule.statement() + "\nbroken by " + context + ":\n"
                + findings.stream().map(f -> "  - " + f.describe(REPRODUCE_AT)).collect(Collectors.joining("\n"))
                + "\n  (" + reproduce + ")";
        if (rule.level() == Rule.Level.SHOULD && !settings.strict()) {
            throw new TestAbortedException("SHOULD-level finding, reported without failing (imhistory.strict=true"
                    + " fails it): " + message);
        }
        throw new AssertionFailedError(message);
    }

    /** {@code C2C-CONT-001 [MUST, documented] A continuation sets MaxTime ... (c2c-doc-two-pages)}. */
    static String testName(Rule rule, WalkCase c) {
        String statement = rule.statement();
        if (statement.length() > 90) {
            int cut = statement.lastIndexOf(' ', 88);
            statement = statement.substring(0, cut > 40 ? cut : 88) + "...";
        }
        return rule.displayName() + " " + statement + " (" + c.scenarioId() + (c.paged() ? ", page by page" : "") + ")";
    }

    /**
     * The rules a walk is judged by, from what the stub served it: every walk's request and result rules, and those
     * the traffic gave occasion to (a second request, a second page, a failure, an entry above 2^31, a recall, a hole,
     * an element, a modelled field, a scripted latency, the rate walk).
     */
    static Set<RuleId> applicable(WalkCase c, List<RecordedRequest> walk, Served served) {
        Api api = c.api();
        ApiProfile p = api.profile();
        Set<RuleId> r = new LinkedHashSet<>();
        r.add(p.ruleOf(Role.REQUEST));
        r.add(p.ruleOf(Role.WHOLE_HISTORY));
        if (walk.size() >= 2) {
            r.add(RuleId.COM_QRY_007);
        }
        if (served.answers().size() >= 2) {
            r.add(p.ruleOf(Role.CONTINUATION));
            p.rule(Role.PAGE_SIZE_KEPT).ifPresent(r::add);
        }
        p.rule(Role.REQUEST_PAGE_LIMIT).ifPresent(r::add);
        if (walk.stream().anyMatch(x -> !x.succeeded())) {
            r.add(RuleId.COM_ENV_003);
            r.add(RuleId.COM_ENV_004);
            r.add(RuleId.COM_RETRY_001);
            r.add(RuleId.COM_RETRY_002);
        }
        if (c.scripts(Scenario.Action.Latency.class)) {
            r.add(RuleId.COM_TIMEOUT_001);
        }
        if (c.rate()) {
            r.add(RuleId.COM_RATE_001);
        }
        for (JsonNode e : served.entries()) {
            if (e.path("MsgSeq").asLong() > INT32_MAX || e.path("MsgRandom").asLong() > INT32_MAX) {
                p.rule(Role.UINT32).ifPresent(r::add);
            }
            p.rule(Role.KEY_KEPT).ifPresent(r::add);
            p.marked(e).ifPresent(m -> {
                r.add(m.dropped());
                r.add(m.misread());
            });
            if (!e.path("MsgBody").isEmpty()) {
                r.add(RuleId.ELEM_002);
            }
            if (ElementChecks.unusualText(e.path("MsgBody"))) {
                r.add(RuleId.ELEM_004);
            }
            if (p.modelledFields().stream().anyMatch(e::has)) {
                r.add(RuleId.COM_RESULT_002);
            }
        }
        if (!ResultJudge.unknownElementTypes(served.entries()).isEmpty()) {
            r.add(RuleId.ELEM_005);
        }
        return r;
    }
}
