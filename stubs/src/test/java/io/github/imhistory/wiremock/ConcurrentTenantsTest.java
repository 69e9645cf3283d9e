package io.github.imhistory.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.imhistory.contract.Api;

import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.ScenarioPlayer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 16 threads walking 16 tenants at once over HTTP: each sees exactly its own data, once each. */
class ConcurrentTenantsTest {
    static final int THREADS = 16;

    @Test
    void sixteenWalkersSeeOnlyTheirOwnData() throws Exception {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .disableRequestJournal().containerThreads(THREADS + 8)
                .extensions(new ImHistoryExtension(new Tenants(EngineSettings.defaults()), Clock.systemUTC())));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                results.add(pool.submit((Callable<String>) () -> walkOwnTenant(base, n)));
            }
            for (Future<String> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo("ok");
            }
        } finally {
            pool.shutdownNow();
            server.stop();
        }
    }

    private static String walkOwnTenant(String base, int n) throws Exception {
        long sdkappid = 1_700_000_000L + n;
        int count = 300 + 17 * n; // every tenant holds a different amount, under its own account names
        String a = "t" + n + "-alice";
        String b = "t" + n + "-bob";
        String scenario = "{\"id\":\"concurrent-" + n + "\",\"title\":\"t\",\"source\":\"inferred: test\",\"rules\":[\"C2C-PAGE-001\"],"
                + "\"dataset\":{\"generate\":[{\"kind\":\"c2c\",\"From_Account\":\"" + a + "\",\"To_Account\":\"" + b + "\","
                + "\"count\":" + count + ",\"seed\":" + n + ",\"perSecond\":3}]}}";
        Answer loaded = HttpTransport.post(base + "/__imhistory/tenants/" + sdkappid, scenario);
        assertThat(loaded.status()).as(loaded.text()).isEqualTo(201);
        ScenarioPlayer player = new ScenarioPlayer(CallFactory.signing(TenantSpec.of(Json.object()).withSdkappid(sdkappid),
                () -> System.currentTimeMillis() / 1000), new HttpTransport(base));
        JsonNode request = Json.parseStrict("{\"From_Account\":\"" + a + "\",\"To_Account\":\"" + b + "\",\"MaxCnt\":" + (7 + n)
                + ",\"MinTime\":0,\"MaxTime\":4294967295}", "test");
        Set<String> keys = new HashSet<>();
        HttpTransport http = new HttpTransport(base);
        while (true) {
            JsonNode answer = Json.WIRE.readTree(http.send(player.bodyCall(Api.ADMIN_GETROAMMSG, request)).body());
            assertThat(answer.path("ErrorCode").asInt()).as("tenant %d: %s", n, answer).isZero();
            for (JsonNode m : answer.path("MsgList")) {
                assertThat(Set.of(m.path("From_Account").asText(), m.path("To_Account").asText())).as("tenant %d sees only its data", n)
                        .containsExactlyInAnyOrder(a, b);
                assertThat(keys.add(m.path("MsgKey").asText())).as("tenant %d: no duplicate", n).isTrue();
            }
            Optional<ObjectNode> next = Api.ADMIN_GETROAMMSG.profile().next(request, answer);
            if (next.isEmpty()) {
                break;
            }
            request = next.get();
        }
        assertThat(keys).as("tenant %d: every message once", n).hasSize(count);
        return "ok";
    }
}
