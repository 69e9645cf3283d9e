package io.github.imhistory.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Which settings a tenant of the standalone gets, seen over its admin API and in its answers: a scenario's explicit
 * {@code tenant.verifyUserSig} / {@code tenant.rateLimit} win over the flags' defaults, the flags fill in for
 * scenarios that say nothing, and the {@code --force-...} flags win over both.
 */
class SettingsPrecedenceTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String EXPLICIT = scenario("{\"verifyUserSig\": true, \"rateLimit\": false}");
    static final String SILENT = scenario("{}");

    @Test
    void withTheDefaultFlagsAScenariosOwnSettingsWinAndSilentOnesGetTheDefaults() throws Exception {
        try (Stub stub = Stub.start()) {
            stub.load(1_500_000_001L, EXPLICIT);
            stub.load(1_500_000_002L, SILENT);
            assertThat(stub.settings(1_500_000_001L)).isEqualTo("verifyUserSig=true (scenario), rateLimit=false (scenario)");
            assertThat(stub.settings(1_500_000_002L)).isEqualTo("verifyUserSig=false (default), rateLimit=true (default)");
            // and the tenants behave so: "any" is no UserSig where the scenario asks for checking
            assertThat(stub.errorCode(1_500_000_001L)).isEqualTo(70003);
            assertThat(stub.errorCode(1_500_000_002L)).isZero();
            assertThat(stub.refusedInBurst(1_500_000_001L)).as("rate limit off by the scenario").isZero();
            assertThat(stub.refusedInBurst(1_500_000_002L)).as("rate limit on by default").isEqualTo(31); // 230 + the one above, in one second of a still clock: 31 over 200
            // bundled scenarios that check UserSigs say so, and keep it on the standalone's default
            assertThat(stub.settings(stub.bundledSdkappid("sig-err-70002"))).startsWith("verifyUserSig=true (scenario)");
            assertThat(stub.banner).contains("UserSig checking: off by default", "rate limit (200/s per app and API): on by default",
                    "1400000000  demo-history", "UserSig off (default), rate limit on (default)");
        }
    }

    @Test
    void theFlagsFillInOnlyForScenariosThatSayNothing() throws Exception {
        try (Stub stub = Stub.start("--verify-usersig", "--rate-limit", "off")) {
            stub.load(1_500_000_001L, scenario("{\"verifyUserSig\": false, \"rateLimit\": true}"));
            stub.load(1_500_000_002L, SILENT);
            assertThat(stub.settings(1_500_000_001L)).isEqualTo("verifyUserSig=false (scenario), rateLimit=true (scenario)");
            assertThat(stub.settings(1_500_000_002L)).isEqualTo("verifyUserSig=true (default), rateLimit=false (default)");
            assertThat(stub.errorCode(1_500_000_001L)).isZero();
            assertThat(stub.errorCode(1_500_000_002L)).isEqualTo(70003);
            assertThat(stub.banner).contains("UserSig checking: on by default", "on by default");
        }
    }

    @Test
    void theForcingFlagsWinOverEveryScenario() throws Exception {
        try (Stub stub = Stub.start("--force-verify-usersig", "off", "--force-rate-limit", "on")) {
            stub.load(1_500_000_001L, EXPLICIT);
            stub.load(1_500_000_002L, SILENT);
            assertThat(stub.settings(1_500_000_001L)).isEqualTo("verifyUserSig=false (forced), rateLimit=true (forced)");
            assertThat(stub.settings(1_500_000_002L)).isEqualTo("verifyUserSig=false (forced), rateLimit=true (forced)");
            assertThat(stub.errorCode(1_500_000_001L)).isZero();
            assertThat(stub.refusedInBurst(1_500_000_001L)).as("rate limit forced on").isEqualTo(31); // 230 + the one above: 31 over 200
            assertThat(stub.banner).contains("UserSig checking: off for every tenant (forced)",
                    "rate limit (200/s per app and API): on for every tenant (forced)");
        }
    }

    @Test
    void theReservedUnknownSdkappidsCannotBeLoaded() throws Exception {
        try (Stub stub = Stub.start()) {
            for (long id : new long[] {1, 999, 4_294_967_000L, 4_294_967_295L}) {
                HttpResponse<String> r = stub.post("/__imhistory/tenants/" + id, SILENT);
                assertThat(r.statusCode()).as("load into %d", id).isEqualTo(400);
                assertThat(r.body()).contains("reserved as unknown");
                assertThat(stub.post("/__imhistory/tenants/" + id + "/scenario/c2c-doc-two-pages", "").statusCode()).isEqualTo(400);
            }
            HttpResponse<String> own = stub.post("/__imhistory/tenants", scenario("{\"sdkappid\": 42}"));
            assertThat(own.statusCode()).isEqualTo(400);
            assertThat(stub.post("/__imhistory/tenants/1000", SILENT).statusCode()).isEqualTo(201);
        }
    }

    static String scenario(String tenant) {
        return "{\"id\":\"mine\",\"title\":\"t\",\"source\":\"inferred: test\",\"rules\":[\"C2C-PAGE-001\"],\"tenant\":" + tenant
                + ",\"dataset\":{\"c2c\":[{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MsgSeq\":1,\"MsgRandom\":1,"
                + "\"MsgTimeStamp\":100,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"x\"}}]}]}}";
    }

    /** The standalone started in-process with these flags, as {@code java -jar} starts it. */
    record Stub(StubServerMain.Started started, String base, String banner) implements AutoCloseable {
        static Stub start(String... flags) throws Exception {
            List<String> args = new ArrayList<>(List.of("--port", "0"));
            args.addAll(List.of(flags));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // the clock stands still, so a burst falls in one second however slowly a loaded machine sends it
            StubServerMain.Started s = StubServerMain.start(StandaloneOptions.parse(args.toArray(String[]::new)),
                    java.util.Optional.empty(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    java.time.Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC));
            return new Stub(s, "http://127.0.0.1:" + s.port(), out.toString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        }

        void load(long sdkappid, String scenario) throws Exception {
            HttpResponse<String> r = post("/__imhistory/tenants/" + sdkappid, scenario);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }

        /** {@code verifyUserSig=true (scenario), rateLimit=false (scenario)} from GET /__imhistory/tenants. */
        String settings(long sdkappid) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/__imhistory/tenants")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : Json.parseStrict(r.body(), "tenants")) {
                if (t.path("sdkappid").asLong() == sdkappid) {
                    return "verifyUserSig=" + t.path("verifyUserSig").asBoolean() + " (" + t.path("settingsFrom").path("verifyUserSig").asText()
                            + "), rateLimit=" + t.path("rateLimit").asBoolean() + " (" + t.path("settingsFrom").path("rateLimit").asText() + ")";
                }
            }
            throw new AssertionError("no tenant " + sdkappid + " in " + r.body());
        }

        long bundledSdkappid(String scenario) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/__imhistory/tenants")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : Json.parseStrict(r.body(), "tenants")) {
                if (t.path("scenario").asText().equals(scenario)) {
                    return t.path("sdkappid").asLong();
                }
            }
            throw new AssertionError("no tenant serves " + scenario);
        }

        HttpRequest history(long sdkappid) {
            return HttpRequest.newBuilder(URI.create(base + "/v4/openim/admin_getroammsg?sdkappid=" + sdkappid
                            + "&identifier=admin&usersig=any&random=" + (int) (Math.random() * 1e9) + "&contenttype=json"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MaxCnt\":5,"
                            + "\"MinTime\":0,\"MaxTime\":1000}")).build();
        }

        int errorCode(long sdkappid) throws Exception {
            HttpResponse<String> r = HTTP.send(history(sdkappid), HttpResponse.BodyHandlers.ofString());
            return Json.parseStrict(r.body(), "answer").path("ErrorCode").asInt(-1);
        }

        /** Sends 230 requests in one second of the stub's clock; how many were refused with 60007 (those over 200). */
        long refusedInBurst(long sdkappid) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 230; i++) {
                sent.add(HTTP.sendAsync(history(sdkappid), HttpResponse.BodyHandlers.ofString()));
            }
            return sent.stream().map(CompletableFuture::join).filter(r -> r.body().contains("60007")).count();
        }

        @Override
        public void close() {
            started.stop();
        }
    }
}
