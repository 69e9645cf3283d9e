package io.github.imhistory.kit.server;

import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleCatalog;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.UriSource;

/**
 * One server-suite test: the rule and the scenario it is judged in. Its display name leads with rule ID, level and
 * basis, then the rule's claim (shortened), then the scenario in parentheses, e.g. {@code C2C-PAGE-008 [MUST,
 * inferred] A continuation returns only messages that… (c2c-equal-timestamps-page-boundary)}; the same facts travel
 * as structured data in the test's source, a URI such as
 * {@code imhistory:server-rule/C2C-PAGE-008/scenario/c2c-equal-timestamps-page-boundary}, so that reports (the gate's,
 * or any JUnit listener) read them without parsing names.
 */
public record RuleTestName(String ruleId, String level, String basis, String scenarioId) {
    /** How much of a rule's statement a test name carries. */
    static final int STATEMENT_CHARS = 72;
    /** The scheme of the test source URIs. */
    public static final String URI_SCHEME = "imhistory";
    private static final Pattern FORM = Pattern.compile(
            "^([A-Z0-9]+(?:-[A-Z0-9]+)+) \\[(MUST|SHOULD), (documented|inferred)\\] .*\\(([a-z0-9]+(?:-[a-z0-9]+)*)\\)$",
            Pattern.DOTALL);
    private static final Pattern SOURCE = Pattern.compile(
            "^server-rule/([A-Z0-9]+(?:-[A-Z0-9]+)+)/scenario/([a-z0-9]+(?:-[a-z0-9]+)*)$");

    public static RuleTestName of(Rule rule, String scenarioId) {
        return new RuleTestName(rule.id(), rule.level().name(), rule.basis().json(), scenarioId);
    }

    public static String format(Rule rule, String scenarioId) {
        String s = rule.statement();
        if (s.length() > STATEMENT_CHARS) {
            s = s.substring(0, STATEMENT_CHARS).replaceAll("\\s+\\S*$", "") + "…";
        }
        return rule.displayName() + " " + s + " (" + scenarioId + ")";
    }

    /** The test source URI that carries this rule and scenario. */
    public URI uri() {
        return URI.create(URI_SCHEME + ":server-rule/" + ruleId + "/scenario/" + scenarioId);
    }

    /** The rule and scenario of a server-suite test, from its source; empty for any other test. */
    public static Optional<RuleTestName> fromSource(Optional<TestSource> source) {
        return source.filter(UriSource.class::isInstance).map(s -> ((UriSource) s).getUri())
                .filter(u -> URI_SCHEME.equals(u.getScheme()))
                .map(u -> SOURCE.matcher(u.getSchemeSpecificPart()))
                .filter(Matcher::matches)
                .flatMap(m -> RuleCatalog.bundled().find(m.group(1)).map(rule -> of(rule, m.group(2))));
    }

    /** The parts of a name made by {@link #format}; empty for any other name (for reports that only have names). */
    public static Optional<RuleTestName> parse(String displayName) {
        Matcher m = FORM.matcher(displayName);
        return m.matches() ? Optional.of(new RuleTestName(m.group(1), m.group(2), m.group(3), m.group(4)))
                : Optional.empty();
    }
}
