package io.github.imhistory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.ClasspathResources;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RawJson;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.Walker;
import io.github.imhistory.oracle.EngineTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Stored bodies are answered byte for byte as the scenario file writes them (whitespace outside strings aside), and
 * the 13K page limit counts those bytes (C2C-PAGE-006): numbers are never re-serialized through a double.
 */
class VerbatimBodiesTest {
    static final String PATH = "scenarios/c2c/c2c-verbatim-bodies.json";

    static String file() throws IOException {
        try (InputStream in = ClasspathResources.open(PATH)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Walker.Result walk(int index) {
        Scenario s = Scenario.of(Json.read(ClasspathResources.open(PATH), PATH), PATH);
        Tenants tenants = new Tenants(EngineSettings.defaults());
        tenants.load(s, -1);
        CallFactory calls = CallFactory.signing(s.tenant(), () -> System.currentTimeMillis() / 1000);
        return new Walker(calls, EngineTransport.of(new Engine(tenants, Clock.systemUTC())))
                .walk(Api.ADMIN_GETROAMMSG, s.walks().get(index).body(), 100);
    }

    @Test
    void everyBodyAndCloudCustomDataComesBackAsWritten() throws IOException {
        String file = file();
        String answers = String.join("\n", walk(1).pages().stream().map(p -> p.answer().text()).toList());
        Matcher body = Pattern.compile("\"MsgBody\": (\\[\\{.*?\\}\\])\\}", Pattern.MULTILINE).matcher(file);
        int bodies = 0;
        while (body.find()) {
            String written = RawJson.minify(body.group(1));
            if (written.contains("boundary")) {
                continue;
            }
            assertThat(answers).as("the answer holds %s byte for byte", written).contains("\"MsgBody\":" + written);
            bodies++;
        }
        assertThat(bodies).isEqualTo(4);
        assertThat(answers).contains("12.345678901234567890123", "\"Longitude\":1E+2", "\"Index\":-0",
                "123456789012345678901234567890", "\"Second\":1e2", "caf\\u00e9 and \\ud83d\\ude00",
                "\"CloudCustomData\":\"caf\\u00e9 \uD83C\uDF89\"");
    }

    @Test
    void pagesAreCutWhereTheWrittenBytesSay() {
        Walker.Result r = walk(0);
        assertThat(r.end()).isEqualTo(Walker.End.COMPLETE);
        List<Walker.Attempt> pages = r.pages();
        assertThat(pages.size()).as("a re-serialized 1.0 would let all forty fit one page").isGreaterThan(1);
        long total = 0;
        for (int i = 0; i < pages.size(); i++) {
            Answer a = pages.get(i).answer();
            List<Long> sizes = RawJson.elementSizes(a.text(), "MsgList");
            long bytes = sizes.stream().mapToLong(Long::longValue).sum();
            total += sizes.size();
            assertThat(bytes).as("page %d", i + 1).isLessThanOrEqualTo(ApiProfile.C2C_PAGE_BYTES);
            if (i + 1 < pages.size()) { // the next older message would not have fit
                List<Long> older = RawJson.elementSizes(pages.get(i + 1).answer().text(), "MsgList");
                assertThat(bytes + older.get(older.size() - 1)).as("page %d plus the next older message", i + 1)
                        .isGreaterThan(ApiProfile.C2C_PAGE_BYTES);
            }
            JsonNode json = a.json();
            assertThat(json.path("MsgCnt").asInt()).isEqualTo(sizes.size());
        }
        assertThat(total).isEqualTo(40);
    }
}
