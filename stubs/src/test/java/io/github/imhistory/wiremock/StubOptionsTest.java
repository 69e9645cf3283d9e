package io.github.imhistory.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.ScenarioPlayer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Stub-level options: added latency and CORS headers reach the client. */
class StubOptionsTest {
    static final String URL = "/v4/openim/admin_getroammsg?sdkappid=1400000000&identifier=admin&usersig=x&random=1&contenttype=json";
    static final String BODY = "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":2,\"MinTime\":1700000000,\"MaxTime\":1700000499}";

    @Test
    void latencyIsAddedToEveryApiAnswer() throws Exception {
        WireMockServer server = start(StubOptions.defaults().withLatency(400));
        try {
            String base = "http://127.0.0.1:" + server.port();
            HttpTransport.post(base + URL, BODY); // warm up
            long t0 = System.nanoTime();
            Answer a = HttpTransport.post(base + URL, BODY);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(a.text()).contains("\"ErrorCode\":0");
            assertThat(millis).as("answer time with 400 ms latency").isGreaterThanOrEqualTo(400);
        } finally {
            server.stop();
        }
    }

    @Test
    void withoutLatencyOptionsTheAnswerIsNotDelayed() throws Exception {
        WireMockServer server = start(StubOptions.defaults());
        try {
            String base = "http://127.0.0.1:" + server.port();
            HttpTransport.post(base + URL, BODY);
            long t0 = System.nanoTime();
            HttpTransport.post(base + URL, BODY);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(400);
        } finally {
            server.stop();
        }
    }

    private static WireMockServer start(StubOptions options) {
        Tenants tenants = new Tenants(EngineSettings.defaults().withVerifyUserSig(false));
        ImHistoryExtension ext = new ImHistoryExtension(tenants, Clock.systemUTC(), options);
        ext.loadBundled(ImHistoryExtension.DEMO_SCENARIO, 1_400_000_000L);
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").disableRequestJournal().extensions(ext));
        server.start();
        return server;
    }
}
