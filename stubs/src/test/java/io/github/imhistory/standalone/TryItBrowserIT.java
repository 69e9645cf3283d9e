package io.github.imhistory.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The try-it page in headless Chromium: Swagger UI, served from the jar, reads the generated OpenAPI document; the
 * demo example sent from the page to the stub itself comes back as the computed first page, and every send carries a
 * fresh random (the stub's journal shows them).
 */
class TryItBrowserIT {
    static final String OP = "#operations-history-adminGetroammsg";

    @Test
    void aRequestSentFromThePageGetsTheComputedAnswerWithAFreshRandom(@TempDir Path profile) throws Exception {
        Chromium.require();
        try (StandaloneProcess stub = StandaloneProcess.start("--port", "0"); Chromium chromium = Chromium.start(profile)) {
            String base = stub.awaitListening();
            Chromium.Tab page = chromium.open(base + "/__imhistory/api/");
            page.await("document.querySelector('" + OP + "') ? 'yes' : ''", Duration.ofSeconds(30), "the operation to render");
            page.eval("document.querySelector('" + OP + " .opblock-summary-control').click()");
            page.await("document.querySelector('" + OP + " button.execute') ? 'yes' : ''", Duration.ofSeconds(15), "the Execute button");
            String requestUrl = "(() => { const u = document.querySelector('" + OP + " .request-url pre'); return u ? u.textContent : ''; })()";
            String body = "(() => { const c = document.querySelector('" + OP + " .live-responses-table .highlight-code');"
                    + " return c && c.textContent.includes('MsgList') ? c.textContent : ''; })()";
            List<String> urls = new ArrayList<>();
            for (int send = 1; send <= 2; send++) {
                String before = page.eval(requestUrl);
                page.eval("document.querySelector('" + OP + " button.execute').click()");
                String url = page.await("(() => { const u = " + requestUrl + "; return u !== " + Json.WIRE.writeValueAsString(before)
                        + " ? u : ''; })()", Duration.ofSeconds(15), "request " + send + " to be sent");
                urls.add(url);
                String answer = page.await(body, Duration.ofSeconds(15), "the answer");
                JsonNode json = Json.WIRE.readTree(answer.substring(answer.indexOf('{'), answer.lastIndexOf('}') + 1));
                assertThat(json.path("ErrorCode").asInt()).as(answer).isZero();
                assertThat(json.path("MsgCnt").asInt()).as("the demo's first page of 20").isEqualTo(20);
                assertThat(json.path("Complete").asInt()).isZero();
                assertThat(json.path("LastMsgKey").asText()).isNotEmpty();
            }
            assertThat(urls.get(0)).startsWith(base + "/v4/openim/admin_getroammsg?").contains("sdkappid=1400000000");
            JsonNode journal = Json.WIRE.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/__imhistory/tenants/1400000000/requests")).build(), HttpResponse.BodyHandlers.ofString()).body());
            List<String> randoms = new ArrayList<>();
            journal.path("requests").forEach(r -> randoms.add(r.path("query").path("random").asText()));
            assertThat(randoms).hasSize(2).doesNotHaveDuplicates().doesNotContain("4206042"); // not the document's example
            assertThat(journal.path("requests").get(0).path("body").asText()).contains("\"From_Account\"", "user1");
        }
    }
}
