package io.github.imhistory.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.ScenarioPlayer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The extension on a running WireMock, over real HTTP: each bundled scenario is loaded through the admin API into a
 * tenant of its own and played; together they produce every code of the error catalogue.
 */
class ImHistoryExtensionHttpTest {
    static WireMockServer server;
    static String base;
    /** Codes seen in answers over HTTP, to prove every catalogued code was produced. */
    static final Set<Integer> codesSeen = new ConcurrentSkipListSet<>();
    static final AtomicInteger nextSdkappid = new AtomicInteger(1_500_000_000);

    @BeforeAll
    static void start() {
        Tenants tenants = new Tenants(EngineSettings.defaults().withJournalSize(200));
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").disableRequestJournal()
                .extensions(new ImHistoryExtension(tenants, Clock.systemUTC())));
        server.start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @TestFactory
    Stream<DynamicNode> everyBundledScenarioOverHttp() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (ScenarioIndex.Entry entry : ScenarioIndex.bundled().all()) {
            nodes.add(DynamicContainer.dynamicContainer(entry.id(), Stream.of(DynamicTest.dynamicTest("play", () -> {
                long sdkappid = nextSdkappid.getAndIncrement();
                Answer loaded = HttpTransport.post(base + "/__imhistory/tenants/" + sdkappid + "/scenario/" + entry.id(), "");
                assertThat(loaded.status()).as(loaded.text()).isEqualTo(201);
                Scenario scenario = entry.scenario();
                TenantSpec tenant = scenario.tenant().withSdkappid(sdkappid);
                HttpTransport http = new HttpTransport(base);
                ScenarioPlayer player = new ScenarioPlayer(CallFactory.signing(tenant, () -> System.currentTimeMillis() / 1000),
                        call -> record(http.send(call)));
                List<String> failures = new ArrayList<>();
                for (Scenario.Exchange exchange : scenario.exchanges()) {
                    ScenarioPlayer.Outcome o = player.playExchange(exchange);
                    if (!o.passed()) {
                        failures.add(o.name() + ": " + o.detail() + "\n    " + o.lastCall().curl(base));
                    }
                }
                for (Scenario.WalkSpec walk : scenario.walks()) {
                    ScenarioPlayer.Outcome o = player.playWalk(walk);
                    if (!o.passed()) {
                        failures.add(o.name() + ": " + o.detail() + "\n    " + o.lastCall().curl(base));
                    }
                }
                if (!failures.isEmpty()) {
                    fail(entry.path() + "\n  " + String.join("\n  ", failures));
                }
            }))));
        }
        // runs after the scenarios (dynamic nodes run in order)
        nodes.add(DynamicTest.dynamicTest("every code of the error catalogue was answered over HTTP", () -> {
            Set<Integer> missing = new TreeSet<>(ErrorCatalog.bundled().codes());
            missing.removeAll(codesSeen);
            assertThat(missing).as("catalogued codes no scenario produced over HTTP").isEmpty();
        }));
        return nodes.stream();
    }

    private static Answer record(Answer answer) {
        try {
            JsonNode body = Json.WIRE.readTree(answer.body());
            if (body != null && body.has("ErrorCode")) {
                codesSeen.add(body.get("ErrorCode").asInt());
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // not JSON (a scripted 502 page): nothing to record
        }
        return answer;
    }

    @Test
    void adminApiListsLoadsAndRejectsWithPointers() throws Exception {
        Answer list = HttpTransport.get(base + "/__imhistory/scenarios");
        assertThat(list.status()).isEqualTo(200);
        assertThat(Json.WIRE.readTree(list.body()).size()).isEqualTo(ScenarioIndex.bundled().size());

        Answer bad = HttpTransport.post(base + "/__imhistory/tenants/1600000000",
                "{\"id\":\"x\",\"title\":\"t\",\"source\":\"s\",\"rules\":[\"C2C-PAGE-001\"],\"dataset\":{\"c2c\":[{\"From_Account\":\"a\"}]}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("/dataset/c2c/0");

        Answer notJson = HttpTransport.post(base + "/__imhistory/tenants/1600000000", "{nope");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.text()).contains("not valid JSON");

        Answer unknown = HttpTransport.post(base + "/__imhistory/tenants/1600000000/scenario/no-such-scenario", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(HttpTransport.get(base + "/__imhistory/tenants/1600000000/requests").status()).isEqualTo(404);
    }

    @Test
    void userStubsStillWinOverTheExtension() throws Exception {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v4/openim/admin_getroammsg"))
                .withQueryParam("sdkappid", com.github.tomakehurst.wiremock.client.WireMock.equalTo("7"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"mine\":true}")));
        try {
            assertThat(HttpTransport.post(base + "/v4/openim/admin_getroammsg?sdkappid=7", "{}").text()).contains("mine");
            assertThat(HttpTransport.post(base + "/v4/openim/admin_getroammsg?sdkappid=8", "{}").text()).contains("70020");
        } finally {
            server.resetToDefaultMappings();
        }
    }
}
