package io.github.imhistory.robustness;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.ScenarioPlayer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenant;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.wiremock.BundledScenarios;
import io.github.imhistory.wiremock.ImHistoryExtension;
import io.github.imhistory.wiremock.StubOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * A WireMock server with the im-history extension on 127.0.0.1 and a dynamic port, and a JDK HTTP client for it.
 * Only loopback is ever contacted.
 */
public final class RunningStub implements AutoCloseable {
    final WireMockServer server;
    final ImHistoryExtension extension;
    public final String base;
    private final HttpClient client;

    private RunningStub(EngineSettings settings, StubOptions options, int containerThreads, Clock clock) {
        extension = new ImHistoryExtension(new Tenants(settings), clock, options);
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .httpServerFactory(new io.github.imhistory.wiremock.ImHistoryHttpServerFactory())
                .disableRequestJournal() // the tenants keep their own bounded journals; WireMock's would grow
                .containerThreads(containerThreads)
                .extensions(extension));
        server.start();
        base = "http://127.0.0.1:" + server.port();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Rate limiting is off (a fuzz of 100,000 requests is not what COM-RATE-002 is about). */
    public static RunningStub start(int containerThreads) {
        return start(EngineSettings.defaults().withRateLimit(false), StubOptions.defaults(), containerThreads);
    }

    static RunningStub start(EngineSettings settings, StubOptions options, int containerThreads) {
        return new RunningStub(settings, options, containerThreads, Clock.systemUTC());
    }

    static RunningStub start(EngineSettings settings, StubOptions options, int containerThreads, Clock clock) {
        return new RunningStub(settings, options, containerThreads, clock);
    }

    Tenants tenants() {
        return extension.tenants();
    }

    /** Loads a bundled scenario into {@code sdkappid}, with UserSig checking switched as asked. */
    Tenant loadBundled(String scenarioId, long sdkappid, boolean verifyUserSig) {
        ObjectNode scenario = BundledScenarios.read(BundledScenarios.pathOf(scenarioId).orElseThrow()).deepCopy();
        scenario.withObject("/tenant").put("verifyUserSig", verifyUserSig);
        return tenants().load(scenario, sdkappid);
    }

    record Reply(int status, byte[] body, long nanos) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** One request; {@code pathAndQuery} is sent as written (it must already be a valid URI reference). */
    Reply send(String method, String pathAndQuery, byte[] body, String... headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        boolean contentType = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            contentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!contentType) {
            b.header("Content-Type", "application/json; charset=utf-8");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.body(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A transport for {@link ScenarioPlayer} over this server. */
    Transport transport() {
        return call -> {
            Reply r = send(call.method(), call.pathAndQuery(), call.body());
            return new Answer(r.status(), r.body());
        };
    }

    String curl(HttpCall call) {
        return call.curl(base);
    }

    JsonNode json(Reply r) throws IOException {
        return io.github.imhistory.contract.Json.WIRE.readTree(r.body());
    }

    @Override
    public void close() {
        server.stop();
    }
}
