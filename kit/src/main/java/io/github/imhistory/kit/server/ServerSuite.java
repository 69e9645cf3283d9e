package io.github.imhistory.kit.server;

import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.RuleCatalog;
import io.github.imhistory.contract.ScenarioIndex;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * One run of the server suite: the checked configuration, the scenarios it covers, and the dynamic tests. Each
 * scenario is a container, replayed once when JUnit reaches it; its tests (one per rule, named by rule ID and level)
 * then report what the replay found for that rule.
 */
final class ServerSuite {
    private static final int FINDINGS_SHOWN = 8;

    private final ServerTarget target;
    private final Seeder seeder;
    private final SuiteOptions options;
    private final RuleCatalog rules = RuleCatalog.bundled();
    private final List<ScenarioIndex.Entry> scenarios;
    private final ScenarioRun run;

    private ServerSuite(ServerTarget target, Seeder seeder, SuiteOptions options, List<ScenarioIndex.Entry> scenarios,
                        Clock oracleClock) {
        this.target = target;
        this.seeder = seeder;
        this.options = options;
        this.scenarios = scenarios;
        this.run = new ScenarioRun(target, seeder, options, new ServerHttp(target, options.maxRequestsPerSecond()),
                oracleClock);
    }

    /**
     * Checks the configuration and that the target answers at all.
     *
     * @throws IllegalArgumentException naming every problem of the configuration
     * @throws IllegalStateException    when the target is unreachable
     */
    static ServerSuite prepare(ServerTarget target, Seeder seeder, SuiteOptions options) {
        return prepare(target, seeder, options, Clock.systemUTC());
    }

    /** @param oracleClock the oracle engine's clock (tests give one that fails, to show a kit error is one) */
    static ServerSuite prepare(ServerTarget target, Seeder seeder, SuiteOptions options, Clock oracleClock) {
        List<String> problems = problems(seeder, options);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the server suite is not configured right:\n  - "
                    + String.join("\n  - ", problems));
        }
        RuleCatalog rules = RuleCatalog.bundled();
        Set<String> wanted = wanted(seeder, options);
        List<ScenarioIndex.Entry> selected = new ArrayList<>();
        for (ScenarioIndex.Entry e : ScenarioIndex.bundled().all()) {
            if (!wanted.isEmpty() && !wanted.contains(e.id())) {
                continue;
            }
            boolean relevant = e.ruleIds().stream().map(rules::find).flatMap(Optional::stream).anyMatch(options::selects);
            if (relevant) {
                selected.add(e);
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no scenario exercises the selected rules"
                    + (wanted.isEmpty() ? "" : " among the scenarios " + wanted));
        }
        new ServerHttp(target, options.maxRequestsPerSecond()).requireReachable();
        try {
            seeder.begin(target);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the seeder (" + seeder.describe() + ") cannot seed " + target.baseUrl() + ": "
                    + e.getMessage(), e);
        }
        return new ServerSuite(target, seeder, options, selected, oracleClock);
    }

    /** What keeps this seeder and these options from making a run; empty when they can. */
    static List<String> problems(Seeder seeder, SuiteOptions options) {
        ScenarioIndex index = ScenarioIndex.bundled();
        List<String> problems = new ArrayList<>(options.problems(RuleCatalog.bundled(), index));
        Optional<Set<String>> seedable = seeder.scenarioIds();
        if (seedable.isPresent()) {
            for (String id : seedable.get()) {
                if (index.find(id).isEmpty()) {
                    problems.add("the seeder names an unknown scenario " + id);
                }
            }
            if (seedable.get().isEmpty() && options.scenarios().isEmpty()) {
                problems.add("the seeder (" + seeder.describe() + ") leaves seeding to you: name the scenarios the server "
                        + "holds (" + SuiteConfiguration.SCENARIOS + ", --scenario, or Seeder.none(ids))");
            }
        }
        return problems;
    }

    /** The scenarios the options and the seeder allow; empty for all. */
    private static Set<String> wanted(Seeder seeder, SuiteOptions options) {
        Set<String> wanted = new LinkedHashSet<>(options.scenarios());
        Optional<Set<String>> seedable = seeder.scenarioIds();
        if (seedable.isPresent() && !seedable.get().isEmpty()) {
            wanted = wanted.isEmpty() ? new LinkedHashSet<>(seedable.get()) : intersect(wanted, seedable.get());
        }
        return wanted;
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.retainAll(b);
        return out;
    }

    List<ScenarioIndex.Entry> scenarios() {
        return scenarios;
    }

    /**
     * One container per scenario, replayed when JUnit opens it, then one test per rule. When the stream is closed
     * (after the last scenario) the seeder removes what it created, and {@code report} gets the run's timings.
     */
    Stream<DynamicNode> nodes(java.util.function.Consumer<java.util.Map<String, String>> report) {
        return scenarios.stream().map(entry -> (DynamicNode) DynamicContainer.dynamicContainer(
                        entry.id() + ": " + entry.title(),
                        Stream.of(entry).flatMap(e -> tests(run.play(e))))) // replayed when JUnit opens the container
                .onClose(() -> finish(report));
    }

    private void finish(java.util.function.Consumer<java.util.Map<String, String>> report) {
        long start = System.nanoTime();
        try {
            seeder.end(target);
        } catch (java.io.IOException | RuntimeException e) {
            throw new SetupError("the seeder (" + seeder.describe() + ") could not clean up after the run: " + e.getMessage());
        } finally {
            run.timings().add(RunTimings.Part.CLEAN_UP, start);
            java.util.Map<String, String> entries = new java.util.LinkedHashMap<>();
            run.timings().asMap().forEach((k, v) -> entries.put(RunTimings.REPORT_PREFIX + k, Long.toString(v)));
            report.accept(entries);
        }
    }

    Stream<DynamicTest> tests(ScenarioOutcome outcome) {
        Set<RuleId> ids = new LinkedHashSet<>(outcome.named);
        ids.addAll(outcome.findings.keySet());
        List<DynamicTest> tests = new ArrayList<>();
        for (RuleId id : RuleId.values()) { // catalogue order
            Rule rule = id.rule();
            if (ids.contains(id) && options.selects(rule)) {
                tests.add(DynamicTest.dynamicTest(RuleTestName.format(rule, outcome.entry.id()),
                        RuleTestName.of(rule, outcome.entry.id()).uri(), () -> verdict(id, outcome)));
            }
        }
        return tests.stream();
    }

    private void verdict(RuleId id, ScenarioOutcome o) {
        Rule rule = id.rule();
        String scenario = o.entry.id() + " (" + o.entry.path() + ")";
        if (o.kitError != null) {
            throw o.kitError; // a JUnit error naming the kit, never a failure of the server
        }
        if (o.seedError != null) {
            throw new SetupError(o.seedError + "\n  scenario " + scenario);
        }
        if (o.scenarioSkip != null) {
            throw new TestAbortedException(o.scenarioSkip);
        }
        List<Finding> findings = o.findings.getOrDefault(id, List.of());
        if (!findings.isEmpty()) {
            StringBuilder m = new StringBuilder(rule.displayName()).append(" not met by ").append(target.baseUrl())
                    .append(" in scenario ").append(scenario).append(":\n  ").append(rule.statement());
            findings.stream().limit(FINDINGS_SHOWN).forEach(f -> m.append("\n  - ")
                    .append(f.describe(target.baseUrl()).replace("\n", "\n    ")));
            if (findings.size() > FINDINGS_SHOWN) {
                m.append("\n  - and ").append(findings.size() - FINDINGS_SHOWN).append(" more");
            }
            if (rule.level() == Rule.Level.SHOULD && !options.strict()) {
                throw new ShouldNotMet("SHOULD not met (reported, not failed; strict mode fails it): " + m);
            }
            throw new AssertionFailedError(m.toString());
        }
        if (o.checked(id)) {
            return;
        }
        throw new TestAbortedException(o.skipped.getOrDefault(id, "no part of the scenario that names "
                + rule.id() + " ran against this target"));
    }

    ServerTarget target() {
        return target;
    }

    Seeder seeder() {
        return seeder;
    }
}
