package io.github.imhistory.kit.gate;

import io.github.imhistory.contract.BuildInfo;
import io.github.imhistory.kit.gate.GateListener.TestRecord;
import io.github.imhistory.kit.gate.GateListener.Verdict;
import io.github.imhistory.kit.server.RuleTestName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gate's JUnit XML ({@value #FILE_NAME}), written from the gate's own records rather than by JUnit's legacy
 * reporter (which names dynamic tests after their factory method, {@code serverConformance(...)[12][6]}): every
 * {@code testcase} is named by its rule test name ({@code C2C-PAGE-008 [MUST, inferred] … (scenario)}), its
 * {@code classname} is {@code im-history.<scenario>} (so CI tools group tests by scenario), and its
 * {@code properties} carry the rule, level, basis and scenario as data. The counts are the gate's one set
 * ({@link ConformanceReport.Counts}): a SHOULD finding not failed is {@code skipped}, a kit or set-up error is an
 * {@code error}, never a {@code failure}. Run errors (the suite could not start) become an {@code error} test case
 * named {@code im-history server suite}.
 */
final class JUnitXmlReport {
    static final String FILE_NAME = "TEST-im-history-conformance.xml";
    static final String SUITE_NAME = "im-history server conformance";

    private final StringBuilder x = new StringBuilder(64 * 1024);

    private JUnitXmlReport() {}

    static void write(Path dir, GateListener run, ConformanceReport report) throws IOException {
        JUnitXmlReport xml = new JUnitXmlReport();
        xml.document(run, report);
        Files.writeString(dir.resolve(FILE_NAME), xml.x, StandardCharsets.UTF_8);
    }

    private void document(GateListener run, ConformanceReport report) {
        ConformanceReport.Counts c = report.tests;
        String counts = " name=\"" + SUITE_NAME + "\" tests=\"" + (c.total() + report.runErrors.size()) + "\" failures=\""
                + c.failed() + "\" errors=\"" + (c.errors() + report.runErrors.size()) + "\" skipped=\"" + c.skipped()
                + "\" time=\"" + seconds(report.millis) + "\"";
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites").append(counts).append(">\n");
        x.append("  <testsuite").append(counts).append(" timestamp=\"")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(report.startedAt.atOffset(ZoneOffset.UTC).withNano(0)))
                .append("\">\n");
        properties("    ", Map.of("imhistory.baseUrl", report.target.get("baseUrl"),
                "imhistory.sdkappid", report.target.get("sdkappid"), "imhistory.seed", report.target.get("seed"),
                "imhistory.strict", Boolean.toString(report.strict), "imhistory.conformant",
                Boolean.toString(report.conformant()), "imhistory.version", BuildInfo.version(),
                "imhistory.commit", BuildInfo.commit()));
        for (TestRecord t : run.tests) {
            testCase(t);
        }
        for (String error : report.runErrors) {
            x.append("    <testcase name=\"im-history server suite\" classname=\"im-history\" time=\"0\">\n");
            x.append("      <error message=\"").append(attribute(GateListener.firstLine(error)))
                    .append("\" type=\"run error\">").append(text(error)).append("</error>\n");
            x.append("    </testcase>\n");
        }
        x.append("  </testsuite>\n</testsuites>\n");
    }

    private void testCase(TestRecord t) {
        x.append("    <testcase name=\"").append(attribute(t.displayName())).append("\" classname=\"im-history.")
                .append(attribute(t.rule().map(RuleTestName::scenarioId).orElse("server"))).append("\" time=\"")
                .append(seconds(t.millis())).append("\">\n");
        t.rule().ifPresent(r -> properties("      ", Map.of("rule", r.ruleId(), "level", r.level(), "basis", r.basis(),
                "scenario", r.scenarioId())));
        String element = switch (t.verdict()) {
            case PASS -> null;
            case FAIL -> "failure";
            case ERROR -> "error";
            case WARN, SKIP -> "skipped";
        };
        if (element != null) {
            String message = t.verdict() == Verdict.WARN ? "SHOULD not met (reported, not failed): "
                    + GateListener.firstFindings(t.message(), 1).stream().findFirst().orElse("")
                    : GateListener.firstLine(t.message());
            x.append("      <").append(element).append(" message=\"").append(attribute(message)).append('"');
            if (t.verdict() == Verdict.FAIL || t.verdict() == Verdict.ERROR) {
                x.append(" type=\"").append(attribute(t.errorType())).append('"');
            }
            if (t.message().isBlank() || t.verdict() == Verdict.SKIP) {
                x.append("/>\n");
            } else {
                x.append('>').append(text(t.message())).append("</").append(element).append(">\n");
            }
        }
        x.append("    </testcase>\n");
    }

    private void properties(String indent, Map<String, String> values) {
        x.append(indent).append("<properties>\n");
        new TreeMap<>(values).forEach((name, value) -> x.append(indent).append("  <property name=\"").append(attribute(name))
                .append("\" value=\"").append(attribute(String.valueOf(value))).append("\"/>\n"));
        x.append(indent).append("</properties>\n");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Character data: escaped, and without the characters XML 1.0 cannot hold (see {@link #clean}). */
    static String text(String s) {
        return clean(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An attribute value: as {@link #text}, with quotes and line breaks kept as references. */
    static String attribute(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }

    /** Text without the characters XML 1.0 cannot hold (scenario data has control characters), as \\uXXXX. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = ch == '\t' || ch == '\n' || ch == '\r' || (ch >= 0x20 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD)
                    || (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                    || (Character.isLowSurrogate(ch) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
            if (ok) {
                b.append(ch);
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            }
        }
        return b.toString();
    }
}
