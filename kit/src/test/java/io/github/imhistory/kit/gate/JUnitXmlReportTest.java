package io.github.imhistory.kit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class JUnitXmlReportTest {

    @Test
    void textAndAttributesSurviveControlCharactersMarkupAndQuotes() throws Exception {
        String nasty = "a\u0001b <c> & \"d\" \uD83D\uDE00 \uD800 \u0008\ttab\nline";
        String xml = "<r a=\"" + JUnitXmlReport.attribute(nasty) + "\">" + JUnitXmlReport.text(nasty) + "</r>";
        Element r = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        String expected = "a\\u0001b <c> & \"d\" \uD83D\uDE00 \\ud800 \\u0008\ttab\nline";
        assertThat(r.getAttribute("a")).isEqualTo(expected);
        assertThat(r.getTextContent()).isEqualTo(expected);
    }
}
