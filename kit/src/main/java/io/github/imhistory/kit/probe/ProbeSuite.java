package io.github.imhistory.kit.probe;

import io.github.imhistory.contract.KitError;
import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.kit.server.RuleTestName;
import io.github.imhistory.kit.server.SetupError;
import io.github.imhistory.kit.server.ShouldNotMet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The probe as JUnit tests, configured by JUnit configuration parameters ({@link ProbeSettings}): what the gate's
 * {@code probe} command runs, so that its console lines, JUnit XML and conformance statement are the server suite's.
 * One container per history (and one for the bad inputs), one test per rule, its source naming the rule and the
 * history ({@link RuleTestName}, the history in the scenario's place). How many requests were sent, whether the budget
 * ended the run, and what was not sent are notes ({@link #NOTE_PREFIX}), not tests.
 */
@ExtendWith(ProbeSuite.SettingsResolver.class)
@Execution(ExecutionMode.SAME_THREAD)
public class ProbeSuite {
    private static final int FINDINGS_SHOWN = 8;
    /**
     * Report entries with this key prefix are notes on the run (the requests sent against the budget, a budget spent,
     * what was not sent): the gate prints them and writes them into its reports.
     */
    public static final String NOTE_PREFIX = "imhistory.note.";

    /** Hands the configuration parameters to the test factory. */
    static final class SettingsResolver extends TypeBasedParameterResolver<ProbeSettings> {
        @Override
        public ProbeSettings resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return ProbeSettings.of(context::getConfigurationParameter);
        }
    }

    @TestFactory
    @DisplayName("im-history probe")
    public Stream<DynamicNode> probe(ProbeSettings settings, TestReporter reporter) {
        Probe.Run run;
        try {
            run = Probe.run(settings, Clock.systemUTC());
        } catch (KitError e) {
            return Stream.of(DynamicTest.dynamicTest("im-history probe", () -> {
                throw e; // a JUnit error naming the kit, never a finding against the target
            }));
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (Probe.Part part : run.parts) {
            List<DynamicNode> tests = new ArrayList<>();
            for (RuleId id : Probe.reported(part)) {
                Rule rule = id.rule();
                if (settings.options().selects(rule)) {
                    tests.add(DynamicTest.dynamicTest(RuleTestName.format(rule, part.id), RuleTestName.of(rule, part.id).uri(),
                            () -> verdict(settings, id, part)));
                }
            }
            if (part.setupError != null) {
                tests.add(DynamicTest.dynamicTest("probe " + part.title, () -> {
                    throw new SetupError(part.setupError);
                }));
            }
            if (!tests.isEmpty()) {
                nodes.add(DynamicContainer.dynamicContainer(part.id + ": " + part.title, tests.stream()));
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("requests: " + run.requests + " of the budget of " + run.budget + ", at most " + run.peakPerSecond
                + " in any second");
        if (run.exhausted != null) {
            notes.add("BUDGET SPENT: " + run.exhausted);
        }
        run.parts.forEach(p -> p.notes.forEach(n -> notes.add(p.title + ": " + n)));
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < notes.size(); i++) {
            entries.put(NOTE_PREFIX + i, notes.get(i));
        }
        reporter.publishEntry(entries);
        return nodes.stream();
    }

    private static void verdict(ProbeSettings settings, RuleId id, Probe.Part part) {
        Rule rule = id.rule();
        List<Finding> findings = part.findings.getOrDefault(id, List.of());
        String base = settings.target().baseUrl();
        if (!findings.isEmpty()) {
            StringBuilder m = new StringBuilder(rule.displayName()).append(" not met by ").append(base)
                    .append(" on ").append(part.title).append(" (probe):\n  ").append(rule.statement());
            findings.stream().limit(FINDINGS_SHOWN).forEach(f -> m.append("\n  - ")
                    .append(f.describe(base).replace("\n", "\n    ")));
            if (findings.size() > FINDINGS_SHOWN) {
                m.append("\n  - and ").append(findings.size() - FINDINGS_SHOWN).append(" more");
            }
            if (rule.level() == Rule.Level.SHOULD && !settings.options().strict()) {
                throw new ShouldNotMet("SHOULD not met (reported, not failed; strict mode fails it): " + m);
            }
            throw new AssertionFailedError(m.toString());
        }
        if (part.unoccasioned.contains(id)) {
            throw new TestAbortedException(Probe.NO_OCCASION);
        }
    }
}
