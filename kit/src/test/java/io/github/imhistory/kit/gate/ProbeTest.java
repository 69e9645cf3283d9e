package io.github.imhistory.kit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.kit.server.StubServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeTest {
    static StubServer stub;
    static final AtomicLong SDKAPPID = new AtomicLong(1_650_000_000L);

    @TempDir
    Path reports;

    @BeforeAll
    static void start() {
        stub = new StubServer();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    /** Loads a bundled scenario into a tenant of its own (UserSigs checked), returns the sdkappid. */
    static long load(String baseUrl, String scenario) throws Exception {
        long tenant = SDKAPPID.getAndIncrement();
        ObjectNode s = (ObjectNode) ScenarioIndex.bundled().find(scenario).orElseThrow().json().deepCopy();
        s.withObject("/tenant").put("sdkappid", tenant).put("verifyUserSig", true);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl
                + "/__imhistory/tenants/" + tenant)).POST(HttpRequest.BodyPublishers.ofString(Json.compact(s))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return tenant;
    }

    @Test
    void explore() throws Exception {
        long tenant = load(stub.baseUrl(), "demo-history");
        GateTest.Run run = GateTest.gate("probe", "--base-url", stub.baseUrl(), "--sdkappid", Long.toString(tenant),
                "--identifier", "admin", "--secret-key", StubServer.SECRET_KEY, "--c2c", "user1:user2:1700000400:1700000499",
                "--group", "@TGS#DEMO", "--official-account", "@TOA#_DEMO", "--report-dir", reports.toString());
        System.out.println(run.out());
        System.out.println(run.err());
        assertThat(run.code()).isEqualTo(0);
    }
}
