package io.github.imhistory.kit.gate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.BuildInfo;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleCatalog;
import io.github.imhistory.kit.gate.GateListener.TestRecord;
import io.github.imhistory.kit.gate.GateListener.Verdict;
import io.github.imhistory.kit.server.RuleTestName;
import io.github.imhistory.kit.server.SuiteConfiguration;
import io.github.imhistory.kit.server.SuiteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run as a conformance statement, one entry per server-binding rule of the catalogue: verdict (pass, fail or
 * skip), the reason, and the scenarios that exercised it. Written as {@code conformance.json} and
 * {@code CONFORMANCE.md}.
 */
final class ConformanceReport {

    /**
     * @param blocking false for a SHOULD rule not met in a run that is not strict (reported, does not fail the run)
     */
    record RuleResult(Rule rule, String verdict, boolean blocking, String reason, List<String> scenarios, int passed,
                      int failed, int skipped) {}

    /**
     * The run's one set of test counts, the same on the console, in {@code conformance.json}, {@code CONFORMANCE.md}
     * and the JUnit XML: every test is exactly one of passed, failed, skipped or error. {@code shouldFindings} are the
     * skipped tests that are SHOULD rules not met in a run that is not strict (reported, not failed).
     */
    record Counts(long passed, long failed, long skipped, long errors, long shouldFindings) {
        long total() {
            return passed + failed + skipped + errors;
        }

        /** {@code 553 passed, 14 failed, 0 skipped} (and {@code , 2 errors} when there are any). */
        String line() {
            return passed + " passed, " + failed + " failed, " + skipped + " skipped" + (errors > 0 ? ", " + errors + " errors" : "");
        }
    }

    static final String NOT_RUN = "not run";
    /** The {@code seed} of a probe run: nothing was seeded. */
    static final String PROBED = "none (probe: histories already on the target)";

    final List<RuleResult> rules = new ArrayList<>();
    final Map<String, String> target;
    final boolean strict;
    final Instant startedAt;
    final long millis;
    final Counts tests;
    final List<String> runErrors;
    final Map<String, String> timings;
    /** What the suite noted on its run (the probe: requests against the budget, a budget spent). */
    final List<String> notes;
    /** Whether the run was {@code gate probe} (histories already on the target) rather than the server suite. */
    final boolean probe;

    ConformanceReport(RuleCatalog catalog, GateListener run, Map<String, String> config, Instant startedAt, long millis) {
        this(catalog, run, config, startedAt, millis, false);
    }

    ConformanceReport(RuleCatalog catalog, GateListener run, Map<String, String> config, Instant startedAt, long millis,
                      boolean probe) {
        this.probe = probe;
        SuiteConfiguration configuration = SuiteConfiguration.of(config);
        SuiteOptions options = configuration.options();
        this.strict = options.strict();
        this.startedAt = startedAt;
        this.millis = millis;
        this.target = Map.of("baseUrl", config.get(SuiteConfiguration.BASE_URL),
                "sdkappid", config.get(SuiteConfiguration.SDKAPPID),
                "identifier", config.get(SuiteConfiguration.IDENTIFIER),
                "seed", probe ? PROBED : configuration.seed());
        this.tests = new Counts(run.count(Verdict.PASS), run.count(Verdict.FAIL),
                run.count(Verdict.SKIP) + run.count(Verdict.WARN), run.count(Verdict.ERROR), run.count(Verdict.WARN));
        this.runErrors = List.copyOf(run.runErrors);
        this.timings = Map.copyOf(run.timings);
        this.notes = List.copyOf(run.notes);
        for (Rule rule : catalog.bindingServer()) {
            List<TestRecord> tests = run.tests.stream()
                    .filter(t -> t.rule().map(RuleTestName::ruleId).filter(rule.id()::equals).isPresent()).toList();
            rules.add(judge(rule, tests, options, probe));
        }
    }

    private static RuleResult judge(Rule rule, List<TestRecord> tests, SuiteOptions options, boolean probe) {
        Set<String> scenarios = new LinkedHashSet<>();
        tests.forEach(t -> t.rule().ifPresent(n -> scenarios.add(n.scenarioId())));
        int passed = (int) tests.stream().filter(t -> t.verdict() == Verdict.PASS).count();
        int failed = (int) tests.stream().filter(t -> t.verdict() == Verdict.FAIL).count();
        int warned = (int) tests.stream().filter(t -> t.verdict() == Verdict.WARN).count();
        int skipped = tests.size() - passed - failed - warned;
        List<String> list = List.copyOf(scenarios);
        if (failed > 0 || warned > 0) {
            TestRecord first = tests.stream().filter(t -> t.verdict() == Verdict.FAIL).findFirst()
                    .orElseGet(() -> tests.stream().filter(t -> t.verdict() == Verdict.WARN).findFirst().orElseThrow());
            String where = first.rule().map(RuleTestName::scenarioId).orElse("?");
            String reason = (failed > 0 ? "" : "SHOULD not met (not blocking without --strict): ") + where + ": "
                    + GateListener.firstFindings(first.message(), 1).get(0).replaceFirst("^- ", "");
            int bad = failed + warned;
            if (bad > 1) {
                reason += " (and " + (bad - 1) + " more scenario" + (bad > 2 ? "s" : "") + ")";
            }
            return new RuleResult(rule, "fail", failed > 0, reason, list, passed, bad, skipped);
        }
        if (passed > 0) {
            return new RuleResult(rule, "pass", false, "met in " + passed + " scenario" + (passed > 1 ? "s" : "")
                    + (skipped > 0 ? "; " + skipped + " skipped" : ""), list, passed, 0, skipped);
        }
        if (tests.isEmpty()) {
            String reason = !options.selects(rule) ? "not selected (--include/--exclude)"
                    : probe ? "the probe does not check it: it needs stored data, or the histories probed never reached it"
                    : "no scenario of this run exercises it";
            return new RuleResult(rule, NOT_RUN, false, reason, list, 0, 0, 0);
        }
        String reason = tests.stream().map(TestRecord::message).filter(m -> !m.isBlank()).map(GateListener::firstLine)
                .findFirst().orElse("skipped");
        return new RuleResult(rule, "skip", false, reason, list, 0, 0, skipped);
    }

    long count(String verdict) {
        return rules.stream().filter(r -> r.verdict().equals(verdict)).count();
    }

    long blockingFailures() {
        return rules.stream().filter(RuleResult::blocking).count();
    }

    /** {@code Rules: 17 pass, 0 fail (0 blocking), 0 skip; 84 not run (not selected or not exercised by this run)}. */
    String rulesLine() {
        return count("pass") + " pass, " + count("fail") + " fail (" + blockingFailures() + " blocking), " + count("skip")
                + " skip; " + count(NOT_RUN) + " not run (not selected, or " + (probe ? "the probe does not check them"
                : "no scenario of this run exercises them") + "), of "
                + rules.size() + " server rules";
    }

    /** {@code Tests: 17 passed, 0 failed, 0 skipped}, with the SHOULD findings among the skipped when there are any. */
    String testsLine() {
        return tests.line() + (tests.shouldFindings() > 0 ? " (of the skipped, " + tests.shouldFindings()
                + " are SHOULD findings: reported, not failed; --strict fails them)" : "");
    }

    /** Conformant: something was checked, nothing blocking failed, and the run itself did not break. */
    boolean conformant() {
        return blockingFailures() == 0 && tests.failed() == 0 && tests.errors() == 0 && runErrors.isEmpty()
                && tests.passed() > 0;
    }

    ObjectNode json() {
        ObjectNode root = Json.object();
        root.put("tool", probe ? "im-history-kit gate (probe)" : "im-history-kit gate (server suite)");
        root.put("version", BuildInfo.version());
        root.put("commit", BuildInfo.commit());
        ObjectNode tg = root.putObject("target");
        tg.put("baseUrl", target.get("baseUrl"));
        tg.put("sdkappid", Long.parseLong(target.get("sdkappid")));
        tg.put("identifier", target.get("identifier"));
        tg.put("seed", target.get("seed"));
        root.put("strict", strict);
        root.put("startedAt", startedAt.toString());
        root.put("durationMs", millis);
        root.put("conformant", conformant());
        ObjectNode summary = root.putObject("summary");
        ObjectNode t = summary.putObject("tests");
        t.put("total", tests.total());
        t.put("passed", tests.passed());
        t.put("failed", tests.failed());
        t.put("skipped", tests.skipped());
        t.put("errors", tests.errors());
        t.put("shouldFindings", tests.shouldFindings());
        ObjectNode rs = summary.putObject("rules");
        rs.put("pass", count("pass"));
        rs.put("fail", count("fail"));
        rs.put("failBlocking", blockingFailures());
        rs.put("skip", count("skip"));
        rs.put("notRun", count(NOT_RUN));
        ObjectNode time = root.putObject("timings");
        timings.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> time.put(e.getKey(), Long.parseLong(e.getValue())));
        ArrayNode noted = root.putArray("notes");
        notes.forEach(noted::add);
        ArrayNode errors = root.putArray("runErrors");
        runErrors.forEach(errors::add);
        ArrayNode list = root.putArray("rules");
        for (RuleResult r : rules) {
            ObjectNode o = list.addObject();
            o.put("id", r.rule().id());
            o.put("level", r.rule().level().name());
            o.put("basis", r.rule().basis().json());
            o.put("statement", r.rule().statement());
            o.put("verdict", r.verdict());
            o.put("blocking", r.blocking());
            o.put("reason", r.reason());
            ArrayNode sc = o.putArray("scenarios");
            r.scenarios().forEach(sc::add);
            ObjectNode counts = o.putObject("tests");
            counts.put("passed", r.passed());
            counts.put("failed", r.failed());
            counts.put("skipped", r.skipped());
        }
        return root;
    }

    String markdown() {
        StringBuilder m = new StringBuilder();
        m.append(probe ? "# im-history probe conformance statement\n\n" : "# im-history server conformance statement\n\n");
        m.append("Target: `").append(target.get("baseUrl")).append("` (sdkappid ").append(target.get("sdkappid"))
                .append(", identifier `").append(target.get("identifier")).append("`), seeded by `")
                .append(target.get("seed")).append("`; run ").append(startedAt).append(" in ").append(millis)
                .append(" ms; strict: ").append(strict ? "yes" : "no").append(".\n\n");
        m.append("**Verdict: ").append(conformant() ? "CONFORMANT" : "NOT CONFORMANT").append("**");
        m.append(conformant() ? " (no MUST rule checked was broken)" : tests.passed() == 0 && tests.failed() == 0
                ? " (nothing was checked)" : " (see the failed rules below)").append(".\n\n");
        m.append("| Rule | Level | Basis | Verdict | Reason |\n|---|---|---|---|---|\n");
        for (RuleResult r : rules) {
            String verdict = r.verdict().equals("fail") && !r.blocking() ? "fail (not blocking)" : r.verdict();
            m.append("| ").append(r.rule().id()).append(" | ").append(r.rule().level()).append(" | ")
                    .append(r.rule().basis().json()).append(" | ").append(verdict).append(" | ")
                    .append(cell(r.reason())).append(" |\n");
        }
        m.append("\n## Summary\n\n");
        m.append("- Rules: ").append(rulesLine()).append(".\n");
        m.append("- Tests: ").append(testsLine()).append(".\n");
        notes.forEach(n -> m.append("- Note: ").append(cell(n)).append("\n"));
        if (!runErrors.isEmpty()) {
            m.append("- Run errors: ").append(cell(String.join("; ", runErrors))).append("\n");
        }
        m.append("- Each rule's statement and basis are in `scenarios/catalog/rules.json`; every failure, with a curl "
                + "command that reproduces it, is in the JUnit XML and in `conformance.json`'s reasons.\n");
        return m.toString();
    }

    private static String cell(String s) {
        String one = s.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
        return one.length() > 400 ? one.substring(0, 400) + "..." : one;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("conformance.json"), Json.pretty(json()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("CONFORMANCE.md"), markdown(), StandardCharsets.UTF_8);
    }
}
