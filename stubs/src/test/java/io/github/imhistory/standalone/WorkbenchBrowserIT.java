package io.github.imhistory.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Json;
import java.io.IOException;
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
 * The admin page as a workbench, in headless Chromium, against the verdict API for the same traffic: with the same
 * defaults (whole history on, strict off) the page says what the API says, and still does when an option changes; the
 * tenant list stays short with the demo first and a search; a ready request sent from the page is answered and
 * carries a fresh random.
 */
class WorkbenchBrowserIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SUMMARY = "#verdict-summary";

    @Test
    void thePageAgreesWithTheVerdictApiOnTheSameTraffic(@TempDir Path profile) throws Exception {
        Chromium.require();
        try (StandaloneProcess stub = StandaloneProcess.start("--port", "0"); Chromium chromium = Chromium.start(profile)) {
            String base = stub.awaitListening();
            // an app that shows the newest page of a conversation and of a group, reusing one random
            send(base, "/v4/openim/admin_getroammsg", 7, "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":20,"
                    + "\"MinTime\":1700000000,\"MaxTime\":1700000499}");
            send(base, "/v4/group_open_http_svc/group_msg_get_simple", 7, "{\"GroupId\":\"@TGS#DEMO\",\"ReqMsgNumber\":20}");

            Chromium.Tab page = chromium.open(base + "/__imhistory/#1400000000");
            assertAgrees(page, base, "", 2);
            assertThat(page.eval("String(document.querySelector('#whole').checked) + '/' + document.querySelector('#strict').checked"))
                    .as("the page's defaults are the API's").isEqualTo("true/false");
            JsonNode byDefault = verdict(base, "");
            assertThat(byDefault.get("passed").asBoolean()).as("two first pages do not walk the whole history").isFalse();

            page.eval("document.querySelector('#whole').click()");
            assertAgrees(page, base, "?wholeHistory=false&strict=false", 2);
            assertThat(verdict(base, "?wholeHistory=false&strict=false").get("passed").asBoolean()).isTrue();
            page.eval("document.querySelector('#strict').click()");
            assertAgrees(page, base, "?wholeHistory=false&strict=true", 2);

            // a ready request sent from the page: answered, with a fresh random
            assertThat(page.eval("document.querySelector('#holds-section').innerText")).contains("user1 ↔ user2", "1000",
                    "1700000000 .. 1700000499", "@TGS#DEMO", "@TOA#_DEMO");
            page.eval("document.querySelector('.ready[data-api=admin_getroammsg] button.send').click()");
            String answer = page.await("(() => { const a = document.querySelector('.ready[data-api=admin_getroammsg] .answer').textContent;"
                    + " return a.includes('MsgList') ? a : ''; })()", Duration.ofSeconds(15), "the ready request's answer");
            assertThat(Json.WIRE.readTree(answer).path("MsgCnt").asInt()).isEqualTo(20);
            JsonNode journal = get(base, "/__imhistory/tenants/1400000000/requests");
            assertThat(journal.get("requests")).hasSize(3);
            assertThat(journal.get("requests").get(2).path("query").path("random").asText()).isNotEqualTo("7");
            assertAgrees(page, base, "?wholeHistory=false&strict=true", 3);

            // the tenant list stays short: the demo first, a search for the rest
            assertThat(page.eval("document.querySelector('#tenants li').dataset.sdkappid")).isEqualTo("1400000000");
            assertThat(Integer.parseInt(page.eval("String(document.querySelectorAll('#tenants li').length)"))).isBetween(2, 13);
            page.eval("const s = document.querySelector('#search'); s.value = 'c2c-doc-two'; s.dispatchEvent(new Event('input'))");
            assertThat(page.eval("[...document.querySelectorAll('#tenants li .scn')].map(e => e.textContent).join(',')"))
                    .contains("c2c-doc-two-pages");
            assertThat(page.eval("[...document.querySelectorAll('#tenants li .scn')].map(e => e.textContent)"
                    + ".filter(t => t !== 'demo-history' && !t.includes('c2c-doc-two')).join(',')")).isEmpty();
        }
    }

    /** The page's verdict (once it shows {@code requests} requests) is the API's for the same options. */
    private static void assertAgrees(Chromium.Tab page, String base, String options, int requests) throws Exception {
        JsonNode api = verdict(base, options);
        String shown = page.await("(() => { const s = document.querySelector('" + SUMMARY + "');"
                + " return s && s.textContent.includes(': " + requests + " requests') && s.dataset.passed"
                + " && s.dataset.options === '" + (options.isEmpty() ? "wholeHistory=true&strict=false" : options.substring(1)) + "'"
                + " ? JSON.stringify({passed: s.dataset.passed, failing: s.dataset.failing, reported: s.dataset.reported, text: s.textContent}) : ''; })()",
                Duration.ofSeconds(20), "the verdict for " + options);
        JsonNode onPage = Json.WIRE.readTree(shown);
        assertThat(onPage.get("passed").asText()).as(shown + " vs " + api).isEqualTo(api.get("passed").asText());
        assertThat(onPage.get("failing").asText()).as(shown).isEqualTo(join(api.get("failing")));
        assertThat(onPage.get("reported").asText()).as(shown).isEqualTo(join(api.get("reported")));
        assertThat(onPage.get("text").asText()).startsWith(api.get("passed").asBoolean() ? "PASSED" : "FAILED");
        List<String> rows = new ArrayList<>(List.of(page.eval("[...document.querySelectorAll('#verdict tbody tr')].map(r => r.dataset.rule).join(',')")
                .split(",")));
        rows.removeIf(String::isEmpty);
        List<String> broken = new ArrayList<>();
        api.get("rules").forEach(r -> {
            if (r.get("broken").asBoolean()) {
                broken.add(r.get("id").asText());
            }
        });
        assertThat(rows).as("every broken rule is listed").isEqualTo(broken);
    }

    private static String join(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asText()));
        return String.join(",", ids);
    }

    static JsonNode verdict(String base, String options) throws IOException, InterruptedException {
        return get(base, "/__imhistory/tenants/1400000000/verdict" + options);
    }

    static JsonNode get(String base, String path) throws IOException, InterruptedException {
        return Json.WIRE.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    static void send(String base, String path, long random, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path
                + "?sdkappid=1400000000&identifier=admin&usersig=any&random=" + random + "&contenttype=json"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"ErrorCode\":0");
    }
}
