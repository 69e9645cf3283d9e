package io.github.imhistory.kit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the packaged suite, through the JUnit Platform launcher as a user's build would, against clients that each
 * get one thing wrong, and checks that a test named by the rule that thing breaks fails. Each run is limited to the
 * scenarios that show the fault (imhistory.client.scenarios), so the whole class stays fast.
 */
class BrokenClientsTest {
    /**
     * @param scenarios the walks to run (imhistory.client.scenarios)
     * @param rule      the rule a failing test must be named by
     * @param strict    SHOULD-level rules only fail in strict mode
     */
    record Case(Class<? extends ClientConformanceSuite> suite, String scenarios, String rule, boolean strict) {
        @Override
        public String toString() {
            return suite.getSimpleName() + " fails " + rule + (strict ? " (strict)" : "");
        }
    }

    static Stream<Case> brokenClients() {
        return Stream.of(
                new Case(BrokenClientSuites.NoLastMsgKey.class, "c2c-doc-two-pages", "C2C-CONT-001", false),
                new Case(BrokenClientSuites.StaleMaxTime.class, "c2c-doc-two-pages", "C2C-CONT-001", false),
                new Case(BrokenClientSuites.StopsAfterOnePage.class, "c2c-doc-two-pages", "C2C-CONT-002", false),
                new Case(BrokenClientSuites.IgnoresComplete.class, "c2c-doc-two-pages", "C2C-CONT-002", false),
                new Case(BrokenClientSuites.ReqMsgSeqOffByOne.class, "group-walk-multipage", "GRP-CONT-001", false),
                new Case(BrokenClientSuites.IgnoresErrorCode.class, "common-deviation-60003", "COM-ENV-003", false),
                new Case(BrokenClientSuites.RetriesPermanentErrors.class, "common-deviation-60003", "COM-RETRY-001", false),
                new Case(BrokenClientSuites.Int32MsgRandom.class, "c2c-uint32-above-2-31", "C2C-MSG-002", false),
                new Case(BrokenClientSuites.DropsHoles.class, "group-holes", "GRP-HOLE-002", false),
                new Case(BrokenClientSuites.NoThrottle.class, "c2c-generated-walk", "COM-RATE-001", false),
                new Case(BrokenClientSuites.UsesGet.class, "c2c-doc-two-pages", "COM-METHOD-001", false),
                new Case(BrokenClientSuites.WrongSecretKey.class, "c2c-doc-two-pages", "SIG-CLI-001", false),
                new Case(BrokenClientSuites.StripsControlCharacters.class, "c2c-custom-data-control-chars", "ELEM-004", false),
                new Case(BrokenClientSuites.HidesRecall.class, "c2c-recalled-mid-walk", "C2C-RECALL-002", false),
                new Case(BrokenClientSuites.OaOwnLastMsgKey.class, "demo-history", "OA-CONT-001", false),
                new Case(BrokenClientSuites.ConstantRandom.class, "c2c-doc-two-pages", "COM-QRY-003", true),
                new Case(BrokenClientSuites.NoBackoff.class, "c2c-err-91000-retry", "COM-RETRY-002", true),
                new Case(BrokenClientSuites.ShortTimeout.class, "c2c-deviation-latency-mid-walk", "COM-TIMEOUT-001", true),
                new Case(BrokenClientSuites.ChangesMaxCnt.class, "c2c-doc-two-pages", "C2C-CONT-003", true),
                new Case(BrokenClientSuites.UnclampedPageSize.class, "group-is-finished", "GRP-REQ-002", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenClients")
    void failsWithTheRuleItBreaks(Case c) {
        Run run = run(c.suite(), c.scenarios(), c.strict());
        assertThat(run.failed).as("failing tests of %s on %s:\n%s", c.suite().getSimpleName(), c.scenarios(), run)
                .anyMatch(name -> name.startsWith(c.rule() + " ["));
    }

    @Test
    void theReferenceClientPassesEveryWalkTheBrokenOnesFail() {
        String scenarios = String.join(",", brokenClients().map(Case::scenarios).distinct().toList());
        Run run = run(ReferenceClientConformanceTest.class, scenarios, true);
        assertThat(run.failed).as("%s", run).isEmpty();
        assertThat(run.aborted).as("%s", run).isEmpty();
        assertThat(run.passed).as("%s", run).hasSizeGreaterThan(100);
    }

    @Test
    void shouldLevelFindingsAbortInsteadOfFailingUnlessStrict() {
        Run lenient = run(BrokenClientSuites.ConstantRandom.class, "c2c-doc-two-pages", false);
        assertThat(lenient.failed).as("%s", lenient).noneMatch(n -> n.startsWith("COM-QRY-003 "));
        assertThat(lenient.aborted).as("%s", lenient).anyMatch(n -> n.startsWith("COM-QRY-003 [SHOULD, documented]"));
        assertThat(lenient.reasons).as("%s", lenient).anyMatch(r -> r.contains("SHOULD-level") && r.contains("random=12345"));
    }

    @Test
    void failureMessagesNameTheRequestAndCarryACurl() {
        Run run = run(BrokenClientSuites.NoLastMsgKey.class, "c2c-doc-two-pages", false);
        assertThat(run.reasons).as("%s", run).anyMatch(r -> r.startsWith("C2C-CONT-001 [MUST, documented]")
                && r.contains("sends no LastMsgKey") && r.contains("curl -sS -X POST 'http://127.0.0.1:")
                && r.contains("c2c-doc-two-pages"));
    }

    /** What one launcher run reported, by display name. */
    static final class Run {
        final List<String> passed = Collections.synchronizedList(new ArrayList<>());
        final List<String> failed = Collections.synchronizedList(new ArrayList<>());
        final List<String> aborted = Collections.synchronizedList(new ArrayList<>());
        final List<String> reasons = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String toString() {
            return "passed " + passed.size() + ", failed " + failed + ", aborted " + aborted + "\nreasons:\n"
                    + String.join("\n", reasons);
        }
    }

    static Run run(Class<?> suite, String scenarios, boolean strict) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(suite))
                .configurationParameter(SuiteSettings.SCENARIOS, scenarios)
                .configurationParameter(SuiteSettings.STRICT, Boolean.toString(strict))
                .build();
        Run run = new Run();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                String name = id.getDisplayName();
                switch (result.getStatus()) {
                    case SUCCESSFUL -> {
                        if (id.isTest()) {
                            run.passed.add(name);
                        }
                    }
                    case FAILED -> run.failed.add(name);
                    case ABORTED -> run.aborted.add(name);
                }
                result.getThrowable().ifPresent(t -> run.reasons.add(String.valueOf(t.getMessage())));
            }
        });
        return run;
    }
}
