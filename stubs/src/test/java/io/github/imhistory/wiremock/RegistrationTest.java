package io.github.imhistory.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.standalone.WireMockServerRunner;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.ScenarioPlayer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.contract.TenantSpec;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three ways WireMock finds the extension: programmatic (elsewhere), ServiceLoader, and --extensions. */
class RegistrationTest {

    @Test
    void foundByServiceLoaderWithTheDemoTenant() throws Exception {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .extensionScanningEnabled(true).disableRequestJournal());
        server.start();
        try {
            assertDemoAnswers("http://127.0.0.1:" + server.port());
        } finally {
            server.stop();
        }
    }

    @Test
    void foundByTheExtensionsFlag(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("mappings"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        WireMockServerRunner runner = new WireMockServerRunner();
        runner.run("--port", Integer.toString(port), "--bind-address", "127.0.0.1", "--root-dir", root.toString(),
                "--disable-extensions-scanning", "--no-request-journal", "--disable-banner",
                "--extensions", ImHistoryExtension.class.getName());
        try {
            assertDemoAnswers("http://127.0.0.1:" + port);
        } finally {
            runner.stop();
        }
    }

    /** A first page of the demo conversation, through the whole stack. */
    private static void assertDemoAnswers(String base) throws Exception {
        ScenarioPlayer player = new ScenarioPlayer(CallFactory.signing(TenantSpec.of(Json.object()),
                () -> System.currentTimeMillis() / 1000), new HttpTransport(base));
        JsonNode body = Json.parseStrict("{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":5,"
                + "\"MinTime\":1700000000,\"MaxTime\":1700000499}", "test");
        Answer answer = new HttpTransport(base).send(player.bodyCall(Api.ADMIN_GETROAMMSG, body));
        JsonNode json = Json.WIRE.readTree(answer.body());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(json.path("ErrorCode").asInt()).as(answer.text()).isZero();
        assertThat(json.path("MsgCnt").asInt()).isEqualTo(5);
        assertThat(json.path("Complete").asInt()).isZero();
    }
}
