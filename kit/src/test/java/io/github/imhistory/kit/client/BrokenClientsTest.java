package io.github.imhistory.kit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the packaged suite, through the JUnit Platform launcher as a user's build would, against clients that each
 * get one thing wrong, and checks that exactly the rules that thing breaks fail: no other rule, MUST or SHOULD (the
 * runs are strict). Correct clients with page sizes of their own fail nothing. Each run is limited to the scenarios
 * that show the fault (imhistory.client.scenarios), so the whole class stays fast. Timing verdicts (backoff, rate)
 * hold on a loaded machine: the bounds sit far above scheduling noise (RetryRateChecks).
 */
class BrokenClientsTest {
    /**
     * @param scenarios the walks to run (imhistory.client.scenarios)
     * @param rules     exactly the rules whose tests must fail (strict mode)
     */
    record Case(String client, String scenarios, Set<String> rules) {
        Case(String client, String scenarios, String... rules) {
            this(client, scenarios, new TreeSet<>(Arrays.asList(rules)));
        }

        @Override
        public String toString() {
            return client + " fails " + rules;
        }
    }

    static final String RETRY_SCENARIOS = "c2c-retry-*,c2c-nonretryable-mid-walk,group-retry-10002-repeated,"
            + "c2c-err-91000-retry,c2c-deviation-http-502-mid-walk";

    static Stream<Case> brokenClients() {
        return Stream.of(
                new Case("NoLastMsgKey", "c2c-doc-two-pages", "C2C-CONT-001"),
                new Case("StaleMaxTime", "c2c-doc-two-pages", "C2C-CONT-001"),
                new Case("StopsAfterOnePage", "c2c-doc-two-pages", "C2C-CONT-002"),
                new Case("IgnoresComplete", "c2c-doc-two-pages", "C2C-CONT-002"),
                new Case("ReqMsgSeqOffByOne", "group-walk-multipage", "GRP-CONT-001"),
                new Case("IgnoresErrorCode", "common-deviation-60003", "COM-ENV-003"),
                new Case("RetriesPermanentErrors", "common-deviation-60003", "COM-RETRY-001"),
                new Case("Int32MsgRandom", "c2c-uint32-above-2-31", "C2C-MSG-002"),
                new Case("DropsHoles", "group-holes", "GRP-HOLE-002"),
                new Case("NoThrottle", "c2c-rate-walk", "COM-RATE-001"),
                new Case("UsesGet", "c2c-doc-two-pages", "COM-METHOD-001"),
                new Case("WrongSecretKey", "c2c-doc-two-pages", "SIG-ALG-001"),
                new Case("StripsControlCharacters", "c2c-custom-data-control-chars", "ELEM-004"),
                new Case("HidesRecall", "c2c-recalled-mid-walk", "C2C-RECALL-002"),
                new Case("OaOwnLastMsgKey", "demo-history", "OA-CONT-001"),
                new Case("ConstantRandom", "c2c-doc-two-pages", "COM-QRY-007"),
                new Case("NoBackoff", RETRY_SCENARIOS, "COM-RETRY-002"),
                new Case("NoRetry", RETRY_SCENARIOS, "COM-RETRY-002"),
                new Case("ResendsEveryFailureAtOnce", RETRY_SCENARIOS, "COM-RETRY-001", "COM-RETRY-002"),
                new Case("CannotParseLocation", "c2c-all-element-types", "ELEM-002"),
                new Case("ShortTimeout", "c2c-deviation-latency-mid-walk", "COM-TIMEOUT-001"),
                new Case("DuplicatesNewest", "c2c-doc-two-pages", "COM-RESULT-001"),
                new Case("NewestFirst", "group-walk-multipage", "COM-RESULT-001"),
                new Case("MillisecondTimestamps", "group-walk-multipage", "COM-RESULT-001"),
                new Case("DropsGroupCloudCustomData", "group-message-fields", "COM-RESULT-002"),
                new Case("WrongTopic", "group-community-topics", "COM-RESULT-001"),
                new Case("StartsBelowNewest", "group-walk-multipage", "COM-RESULT-001"),
                new Case("DropsRecalled", "c2c-recalled-mid-walk", "C2C-RECALL-003"),
                new Case("ChangesMaxCnt", "c2c-doc-two-pages", "C2C-CONT-003"),
                new Case("UnclampedPageSize", "group-is-finished", "GRP-REQ-002"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenClients")
    void failsExactlyTheRulesItBreaks(Case c) {
        Run run = run(c.client(), c.scenarios(), true);
        assertThat(run.skippedContainers).as("%s", run).isEmpty();
        assertThat(run.failedRules()).as("rules failed by %s on %s:\n%s", c.client(), c.scenarios(), run)
                .isEqualTo(c.rules());
    }

    /** Correct clients whatever page size they choose: every bundled walk, strict, nothing fails or is reported. */
    @ParameterizedTest(name = "{0} passes every walk")
    @ValueSource(strings = {"PageSize20", "PageSize7"})
    void correctClientsWithTheirOwnPageSizePassEverything(String client) {
        Run run = run(client, "*", true);
        assertThat(run.failed).as("%s", run).isEmpty();
        // bigger pages make the rate walk too short to come near 200 requests a second: not checked, and said so
        assertThat(run.aborted).as("%s", run).allMatch(n -> n.startsWith("COM-RATE-001 "));
        assertThat(run.reasons).as("%s", run).allMatch(r -> r.startsWith("not checked: the client never came near"));
        assertThat(run.passed).as("%s", run).hasSizeGreaterThan(1000);
    }

    @Test
    void anAdapterMissingAMethodIsSkippedWithAHintNeverFailed() {
        Run run = run(BrokenClientSuite.WITHOUT_PULL_PAGE, "c2c-doc-two-pages", true);
        assertThat(run.failed).as("%s", run).isEmpty();
        assertThat(run.aborted).as("%s", run).isNotEmpty().allMatch(n -> n.contains("page by page"));
        assertThat(run.reasons).as("%s", run).anyMatch(r -> r.contains("pullPage is not implemented")
                && r.contains("Support.no"));
    }

    @Test
    void theReferenceClientPassesEveryWalkTheBrokenOnesFail() {
        String scenarios = String.join(",", brokenClients().map(Case::scenarios).distinct().toList());
        Run run = run(ReferenceClientConformanceTest.class, null, scenarios, true);
        assertThat(run.failed).as("%s", run).isEmpty();
        // its throttle frees a slot a full second after each answer, so on a machine too busy to answer quickly it
        // stays well below 200 a second: then, and only then, the rate is honestly "not checked"
        assertThat(run.aborted).as("%s", run).allMatch(n -> n.startsWith("COM-RATE-001 "));
        assertThat(run.reasons).as("%s", run).allMatch(r -> r.startsWith("not checked: the client never came near"));
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
        // the test's own stub is gone when anyone reads this: the curls go to a standalone on its default port,
        // after loading the scenario into the same tenant there
        assertThat(run.reasons).as("%s", run).anyMatch(r -> r.startsWith("C2C-CONT-001 [MUST, documented]")
                && r.contains("sends no LastMsgKey") && r.contains("curl -sS -X POST 'http://127.0.0.1:8080/v4/")
                && r.matches("(?s).*curl -sS -X POST http://127\\.0\\.0\\.1:8080/__imhistory/tenants/[0-9]+/scenario/"
                        + "c2c-doc-two-pages.*"));
    }

    /** What one launcher run reported, by display name. */
    static final class Run {
        final List<String> passed = Collections.synchronizedList(new ArrayList<>());
        final List<String> failed = Collections.synchronizedList(new ArrayList<>());
        final List<String> aborted = Collections.synchronizedList(new ArrayList<>());
        final List<String> reasons = Collections.synchronizedList(new ArrayList<>());
        final List<String> skippedContainers = Collections.synchronizedList(new ArrayList<>());

        /** The rule IDs of the failed tests ("C2C-CONT-001 [MUST, documented] ..."). */
        Set<String> failedRules() {
            Set<String> out = new TreeSet<>();
            failed.forEach(n -> out.add(n.substring(0, n.indexOf(' '))));
            return out;
        }

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
