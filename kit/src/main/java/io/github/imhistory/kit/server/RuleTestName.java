package io.github.imhistory.kit.server;

import io.github.imhistory.contract.Rule;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The display name of one server-suite test: rule ID, level and basis first, then the rule's claim (shortened), then
 * the scenario in parentheses, e.g. {@code C2C-PAGE-008 [MUST, inferred] A continuation returns only messages
 * that… (c2c-equal-timestamps-page-boundary)}. Reports (the gate, any JUnit XML) recover rule and scenario from it.
 */
public record RuleTestName(String ruleId, String level, String basis, String scenarioId) {
    /** How much of a rule's statement a test name carries. */
    static final int STATEMENT_CHARS = 72;
    private static final Pattern FORM = Pattern.compile(
            "^([A-Z0-9]+(?:-[A-Z0-9]+)+) \\[(MUST|SHOULD), (documented|inferred)\\] .*\\(([a-z0-9]+(?:-[a-z0-9]+)*)\\)$",
            Pattern.DOTALL);

    public static String format(Rule rule, String scenarioId) {
        String s = rule.statement();
        if (s.length() > STATEMENT_CHARS) {
            s = s.substring(0, STATEMENT_CHARS).replaceAll("\\s+\\S*$", "") + "…";
        }
        return rule.displayName() + " " + s + " (" + scenarioId + ")";
    }

    /** The parts of a name made by {@link #format}; empty for any other name. */
    public static Optional<RuleTestName> parse(String displayName) {
        Matcher m = FORM.matcher(displayName);
        return m.matches() ? Optional.of(new RuleTestName(m.group(1), m.group(2), m.group(3), m.group(4)))
                : Optional.empty();
    }
}
