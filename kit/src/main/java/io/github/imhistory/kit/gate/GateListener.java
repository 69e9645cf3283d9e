package io.github.imhistory.kit.gate;

import io.github.imhistory.contract.KitError;
import io.github.imhistory.kit.probe.ProbeSuite;
import io.github.imhistory.kit.server.RuleTestName;
import io.github.imhistory.kit.server.RunTimings;
import io.github.imhistory.kit.server.ShouldNotMet;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints one line per test as it finishes (verdict, rule ID, level, name) and keeps every result for the reports.
 * The rule and scenario of a test come from its source ({@link RuleTestName#fromSource}), not from its name. A
 * container that fails (the suite could not start, a scenario could not be listed) is kept as a run error.
 */
final class GateListener implements TestExecutionListener {

    enum Verdict {
        PASS, FAIL,
        /** A SHOULD rule not met in a run that is not strict: reported, not failed (JUnit: skipped). */
        WARN,
        SKIP,
        /** The test could not reach a verdict: the kit failed, or the target could not be set up. Never a failure. */
        ERROR
    }

    /**
     * One finished test. {@code rule} is empty for a test that is not a rule test; {@code errorType} names the
     * exception of a FAIL or ERROR.
     */
    record TestRecord(String displayName, Optional<RuleTestName> rule, Verdict verdict, String message, String errorType,
                      long millis) {}

    private final PrintStream out;
    final List<TestRecord> tests = new ArrayList<>();
    final List<String> runErrors = new ArrayList<>();
    /** Errors of the kit itself (a bug of im-history): the gate exits 2 and says "kit error". */
    final List<String> kitErrors = new ArrayList<>();
    /** What the suite published about its run (timings), without the key prefix. */
    final Map<String, String> timings = new LinkedHashMap<>();
    /** Notes the suite published on its run (the probe's requests and budget), in order. */
    final List<String> notes = new ArrayList<>();
    private final Map<String, Long> started = new HashMap<>();

    GateListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((k, v) -> {
            if (k.startsWith(RunTimings.REPORT_PREFIX)) {
                timings.put(k.substring(RunTimings.REPORT_PREFIX.length()), v);
            } else if (k.startsWith(ProbeSuite.NOTE_PREFIX)) {
                notes.add(v);
            }
        });
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
        if (!id.isTest()) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                String error = id.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse("failed");
                runErrors.add(error);
                out.println("ERROR " + error);
            }
            return;
        }
        Verdict verdict = switch (result.getStatus()) {
            case SUCCESSFUL -> Verdict.PASS;
            case FAILED -> result.getThrowable().filter(AssertionError.class::isInstance).isPresent() ? Verdict.FAIL
                    : Verdict.ERROR;
            case ABORTED -> result.getThrowable().filter(ShouldNotMet.class::isInstance).isPresent() ? Verdict.WARN
                    : Verdict.SKIP;
        };
        if (verdict == Verdict.ERROR) {
            String error = message.isBlank() ? result.getThrowable().map(Throwable::toString).orElse("error") : message;
            (result.getThrowable().filter(KitError.class::isInstance).isPresent() ? kitErrors : runErrors)
                    .add(firstLine(error));
        }
        record(id, verdict, message, result.getThrowable().map(t -> t.getClass().getName()).orElse(""));
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            record(id, Verdict.SKIP, reason, "");
        }
    }

    private void record(TestIdentifier id, Verdict verdict, String message, String errorType) {
        Optional<RuleTestName> rule = RuleTestName.fromSource(id.getSource());
        Long start = started.remove(id.getUniqueId());
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        tests.add(new TestRecord(id.getDisplayName(), rule, verdict, message, errorType, millis));
        String ruleId = rule.map(RuleTestName::ruleId).orElse("-");
        String level = rule.map(RuleTestName::level).orElse("-");
        out.printf("%-4s %-15s %-6s %s%n", verdict, ruleId, level, id.getDisplayName());
        if (verdict == Verdict.FAIL || verdict == Verdict.WARN || verdict == Verdict.ERROR) {
            firstFindings(message, 3).forEach(line -> out.println("       " + line));
        } else if (verdict == Verdict.SKIP && !message.isEmpty()) {
            out.println("       skipped: " + firstLine(message));
        }
    }

    /** The finding lines ("- where: what") of a failure message, at most {@code n}. */
    static List<String> firstFindings(String message, int n) {
        List<String> out = new ArrayList<>();
        for (String line : message.split("\n")) {
            String t = line.trim();
            if (t.startsWith("- ")) {
                out.add(t.length() > 300 ? t.substring(0, 300) + "..." : t);
                if (out.size() == n) {
                    break;
                }
            }
        }
        if (out.isEmpty() && !message.isBlank()) {
            out.add(firstLine(message));
        }
        return out;
    }

    static String firstLine(String message) {
        String line = message.strip().split("\n", 2)[0];
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    long count(Verdict v) {
        return tests.stream().filter(t -> t.verdict() == v).count();
    }
}
