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
    record Case(String client, String scenarios, String rule, boolean strict) {
        @Override
        public String toString() {
            return client + " fails " + rule + (strict ? " (strict)" : "");
        }
    }

    static Stream<Case> brokenClients() {
        return Stream.of(
                new Case("NoLastMsgKey", "c2c-doc-two-pages", "C2C-CONT-001", false),
                new Case("StaleMaxTime", "c2c-doc-two-pages", "C2C-CONT-001", false),
                new Case("StopsAfterOnePage", "c2c-doc-two-pages", "C2C-CONT-002", false),
                new Case("IgnoresComplete", "c2c-doc-two-pages", "C2C-CONT-002", false),
                new Case("ReqMsgSeqOffByOne", "group-walk-multipage", "GRP-CONT-001", false),
                new Case("IgnoresErrorCode", "common-deviation-60003", "COM-ENV-003", false),
                new Case("RetriesPermanentErrors", "common-deviation-60003", "COM-RETRY-001", false),
                new Case("Int32MsgRandom", "c2c-uint32-above-2-31", "C2C-MSG-002", false),
                new Case("DropsHoles", "group-holes", "GRP-HOLE-002", false),
                new Case("NoThrottle", "c2c-generated-walk", "COM-RATE-001", false),
                new Case("UsesGet", "c2c-doc-two-pages", "COM-METHOD-001", false),
                new Case("WrongSecretKey", "c2c-doc-two-pages", "SIG-ALG-001", false),
                new Case("StripsControlCharacters", "c2c-custom-data-control-chars", "ELEM-004", false),
                new Case("HidesRecall", "c2c-recalled-mid-walk", "C2C-RECALL-002", false),
                new Case("OaOwnLastMsgKey", "demo-history", "OA-CONT-001", false),
                new Case("ConstantRandom", "c2c-doc-two-pages", "COM-QRY-007", true),
                new Case("NoBackoff", "c2c-err-91000-retry", "COM-RETRY-002", true),
                new Case("ShortTimeout", "c2c-deviation-latency-mid-walk", "COM-TIMEOUT-001", true),
                new Case("ChangesMaxCnt", "c2c-doc-two-pages", "C2C-CONT-003", true),
                new Case("UnclampedPageSize", "group-is-finished", "GRP-REQ-002", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenClients")
    void failsWithTheRuleItBreaks(Case c) {
        Run run = run(c.client(), c.scenarios(), c.strict());
        assertThat(run.skippedContainers).as("%s", run).isEmpty();
        assertThat(run.failed).as("failing tests of %s on %s:\n%s", c.client(), c.scenarios(), run)
                .anyMatch(name -> name.startsWith(c.rule() + " ["));
    }

    @Test
    void theReferenceClientPassesEveryWalkTheBrokenOnesFail() {
        String scenarios = String.join(",", brokenClients().map(Case::scenarios).distinct().toList());
        Run run = run(ReferenceClientConformanceTest.class, null, scenarios, true);
        assertThat(run.failed).as("%s", run).isEmpty();
        assertThat(run.aborted).as("%s", run).isEmpty();
        assertThat(run.passed).as("%s", run).hasSizeGreaterThan(100);
        assertThat(run.skippedContainers).isEmpty();
    }

    @Test
    void shouldLevelFindingsAbortInsteadOfFailingUnlessStrict() {
        Run lenient = run("ConstantRandom", "c2c-doc-two-pages", false);
        assertThat(lenient.failed).as("%s", lenient).noneMatch(n -> n.startsWith("COM-QRY-007 "));
        assertThat(lenient.aborted).as("%s", lenient).anyMatch(n -> n.startsWith("COM-QRY-007 [SHOULD, inferred]"));
        assertThat(lenient.reasons).as("%s", lenient).anyMatch(r -> r.contains("SHOULD-level") && r.contains("random=12345"));
    }

    @Test
    void failureMessagesNameTheRequestAndCarryACurl() {
        Run run = run("NoLastMsgKey", "c2c-doc-two-pages", false);
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
        final List<String> skippedContainers = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String toString() {
            return "passed " + passed.size() + ", failed " + failed + ", aborted " + aborted + ", skipped " + skippedContainers
                    + "\nreasons:\n"
                    + String.join("\n", reasons);
        }
    }

    static Run run(String brokenClient, String scenarios, boolean strict) {
        return run(BrokenClientSuite.class, brokenClient, scenarios, strict);
    }

    static Run run(Class<?> suite, String brokenClient, String scenarios, boolean strict) {
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(suite))
                .configurationParameter(SuiteSettings.SCENARIOS, scenarios)
                .configurationParameter(SuiteSettings.STRICT, Boolean.toString(strict));
        if (brokenClient != null) {
            builder.configurationParameter(BrokenClientSuite.CLIENT, brokenClient);
        }
        LauncherDiscoveryRequest request = builder.build();
        Run run = new Run();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                run.skippedContainers.add(id.getDisplayName() + ": " + reason);
            }

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
