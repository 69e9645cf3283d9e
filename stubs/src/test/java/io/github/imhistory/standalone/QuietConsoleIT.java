package io.github.imhistory.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console a frontend developer sees starts with the banner: no SLF4J warnings (networknt logs through
 * wiremock-standalone's relocated SLF4J, whose provider is registered) and no escape codes, also when a scenario
 * folder makes the schema validator log on start; and the banner's curls run as pasted, each with a fresh random.
 */
class QuietConsoleIT {
    @Test
    void theBannersCurlsRunAsPastedWithAFreshRandomEachTime() throws Exception {
        try (StandaloneProcess stub = StandaloneProcess.start("--port", "0")) {
            String base = stub.awaitListening();
            String out = stub.outputText();
            String curls = out.substring(out.indexOf('\n', out.indexOf("Try (demo tenant")) + 1, out.indexOf("Which client rules"));
            assertThat(curls).contains("random=$RANDOM").doesNotContain("99999999");
            // pasted twice; bash's RANDOM seeded so that the six values are known to differ, not just likely to
            Process bash = new ProcessBuilder("bash", "-e", "-c", "RANDOM=42\n" + curls + "\n" + curls).redirectErrorStream(true).start();
            String answers = new String(bash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(bash.waitFor()).as(answers).isZero();
            assertThat(answers.split("\"ActionStatus\":\"OK\"", -1)).as(answers).hasSize(7);
            com.fasterxml.jackson.databind.JsonNode verdict = io.github.imhistory.contract.Json.WIRE.readTree(
                    java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            base + "/__imhistory/tenants/1400000000/verdict?wholeHistory=false")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            // (the continuation rules do report the second paste: it repeats first pages that were answered)
            assertThat(verdict.get("requests").asInt()).isEqualTo(6);
            assertThat(verdict.get("reported").toString()).as("no random sent twice").doesNotContain("COM-QRY-007");
            assertThat(verdict.get("failing").toString()).doesNotContain("COM-QRY");
        }
    }

    @Test
    void theConsoleStartsWithTheBannerAndHoldsNoWarningsOrEscapeCodes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.json"), "{\"id\":\"mine\",\"title\":\"t\",\"source\":\"inferred: test\","
                + "\"rules\":[\"C2C-PAGE-001\"],\"dataset\":{\"c2c\":[]}}");
        try (StandaloneProcess stub = StandaloneProcess.start("--port", "0", "--scenarios", dir.toString())) {
            String base = stub.awaitListening();
            StandaloneIT.post(base, io.github.imhistory.contract.Api.ADMIN_GETROAMMSG, 1_500_000_000L,
                    "{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MaxCnt\":5,\"MinTime\":0,\"MaxTime\":1000}");
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/__imhistory/tenants/1500000000/verdict")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            String out = stub.outputText();
            assertThat(out).startsWith("im-history stubs listening on ").doesNotContain("SLF4J").doesNotContain("\u001b");
        }
    }
}
