package io.github.imhistory.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console a frontend developer sees starts with the banner: no SLF4J warnings (networknt logs through
 * wiremock-standalone's relocated SLF4J, whose provider is registered) and no escape codes, also when a scenario
 * folder makes the schema validator log on start.
 */
class QuietConsoleIT {
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
