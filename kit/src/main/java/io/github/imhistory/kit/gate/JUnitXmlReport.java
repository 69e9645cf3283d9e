package io.github.imhistory.kit.gate;

import io.github.imhistory.contract.BuildInfo;
import io.github.imhistory.kit.gate.GateListener.TestRecord;
import io.github.imhistory.kit.gate.GateListener.Verdict;
import io.github.imhistory.kit.server.RuleTestName;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The gate's JUnit XML ({@value #FILE_NAME}), written from the gate's own records rather than by JUnit's legacy
 * reporter (which names dynamic tests after their factory method, {@code serverConformance(...)[12][6]}): every
 * {@code testcase} is named by its rule test name ({@code C2C-CONT-001 [MUST, documented] … (c2c-doc-two-pages)}),
 * its {@code classname} is {@code im-history.<scenario>} (so CI tools group tests by scenario), and its
 * {@code properties} carry the rule, level, basis and scenario as data. The counts are the gate's one set
 * ({@link ConformanceReport.Counts}): a SHOULD finding not failed is {@code skipped}, a kit or set-up error is an
 * {@code error}, never a {@code failure}. Run errors (the suite could not start) become an {@code error} test case
 * named {@code im-history server suite}.
 */
final class JUnitXmlReport {
    static final String FILE_NAME = "TEST-im-history-conformance.xml";
    static final String SUITE_NAME = "im-history server conformance";

    private JUnitXmlReport() {}

    static void write(Path dir, GateListener run, ConformanceReport report) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            ConformanceReport.Counts c = report.tests;
            long runErrors = report.runErrors.size();
            String seconds = seconds(report.millis);
            x.writeStartElement("testsuites");
            counts(x, c, runErrors, seconds);
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            counts(x, c, runErrors, seconds);
            x.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(report.startedAt.atOffset(ZoneOffset.UTC)
                    .withNano(0)));
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            properties(x, "      ", Map.of("imhistory.baseUrl", report.target.get("baseUrl"),
                    "imhistory.sdkappid", report.target.get("sdkappid"), "imhistory.seed", report.target.get("seed"),
                    "imhistory.strict", Boolean.toString(report.strict), "imhistory.conformant",
                    Boolean.toString(report.conformant()), "imhistory.version", BuildInfo.version(),
                    "imhistory.commit", BuildInfo.commit()));
            x.writeCharacters("\n    ");
            x.writeEndElement();
            for (TestRecord t : run.tests) {
                testCase(x, t);
            }
            for (String error : report.runErrors) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", "im-history server suite");
                x.writeAttribute("classname", "im-history");
                x.writeAttribute("time", "0");
                x.writeStartElement("error");
                x.writeAttribute("message", clean(GateListener.firstLine(error)));
                x.writeAttribute("type", "run error");
                x.writeCharacters(clean(error));
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void counts(XMLStreamWriter x, ConformanceReport.Counts c, long runErrors, String seconds)
            throws XMLStreamException {
        x.writeAttribute("name", SUITE_NAME);
        x.writeAttribute("tests", Long.toString(c.total() + runErrors));
        x.writeAttribute("failures", Long.toString(c.failed()));
        x.writeAttribute("errors", Long.toString(c.errors() + runErrors));
        x.writeAttribute("skipped", Long.toString(c.skipped()));
        x.writeAttribute("time", seconds);
    }

    private static void testCase(XMLStreamWriter x, TestRecord t) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", clean(t.displayName()));
        x.writeAttribute("classname", "im-history." + t.rule().map(RuleTestName::scenarioId).orElse("server"));
        x.writeAttribute("time", seconds(t.millis()));
        if (t.rule().isPresent()) {
            RuleTestName r = t.rule().get();
            x.writeCharacters("\n      ");
            x.writeStartElement("properties");
            properties(x, "        ", Map.of("rule", r.ruleId(), "level", r.level(), "basis", r.basis(),
                    "scenario", r.scenarioId()));
            x.writeCharacters("\n      ");
            x.writeEndElement();
        }
        String element = switch (t.verdict()) {
            case PASS -> null;
            case FAIL -> "failure";
            case ERROR -> "error";
            case WARN, SKIP -> "skipped";
        };
        if (element != null) {
            x.writeCharacters("\n      ");
            x.writeStartElement(element);
            String message = t.verdict() == Verdict.WARN ? "SHOULD not met (reported, not failed): "
                    + GateListener.firstFindings(t.message(), 1).stream().findFirst().orElse("")
                    : GateListener.firstLine(t.message());
            x.writeAttribute("message", clean(message));
            if (t.verdict() == Verdict.FAIL || t.verdict() == Verdict.ERROR) {
                x.writeAttribute("type", t.errorType());
            }
            if (!t.message().isBlank() && t.verdict() != Verdict.SKIP) {
                x.writeCharacters(clean(t.message()));
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private static void properties(XMLStreamWriter x, String indent, Map<String, String> values) throws XMLStreamException {
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(values).entrySet()) {
            x.writeCharacters("\n" + indent);
            x.writeEmptyElement("property");
            x.writeAttribute("name", e.getKey());
            x.writeAttribute("value", clean(String.valueOf(e.getValue())));
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
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
