package io.github.imhistory.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.Walker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checking proxy and the recorder as a user runs them: the standalone jar as the upstream, a second standalone
 * with {@code --proxy-to} in front of it, a client walking through the proxy, and (for the recorder) a third
 * standalone serving what was recorded.
 */
class CheckingProxyIT {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final long DEMO = 1_400_000_000L;
    static final String KEY = TenantSpec.DEFAULT_SECRET_KEY;
    static StandaloneProcess upstream;
    static String upstreamUrl;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = StandaloneProcess.start("--port", "0", "--rate-limit", "off");
        upstreamUrl = upstream.awaitListening();
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        upstream.close();
    }

    /** Walks of every API of the demo tenant, as a client would send them; groups also with recalled messages. */
    static final List<String[]> DEMO_WALKS = List.of(
            new String[] {"admin_getroammsg", "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":20,"
                    + "\"MinTime\":1700000000,\"MaxTime\":1700000499}"},
            new String[] {"admin_getroammsg", "{\"Operator_Account\":\"user2\",\"Peer_Account\":\"user1\",\"MaxCnt\":100,"
                    + "\"MinTime\":1700000100,\"MaxTime\":1700000300}"},
            new String[] {"group_msg_get_simple", "{\"GroupId\":\"@TGS#DEMO\",\"ReqMsgNumber\":20}"},
            new String[] {"group_msg_get_simple", "{\"GroupId\":\"@TGS#DEMO\",\"ReqMsgNumber\":7,\"WithRecalledMsg\":1}"},
            new String[] {"official_account_msg_get_simple", "{\"Official_Account\":\"@TOA#_DEMO\"}"},
            new String[] {"official_account_msg_get_simple", "{\"Official_Account\":\"@TOA#_DEMO\",\"ReqMsgNumber\":9,"
                    + "\"WithRecalledMsg\":1}"});

    @Test
    void aCorrectUpstreamShowsNoDriftThePassingClientVerdictAndComesBackByteForByte() throws Exception {
        try (StandaloneProcess proxy = StandaloneProcess.start("--port", "0", "--proxy-to", upstreamUrl, "--secret-key", KEY)) {
            String base = proxy.awaitListening();
            assertThat(proxy.outputText()).contains("checking proxy", "forwarding the three APIs to " + upstreamUrl);
            for (String[] w : DEMO_WALKS) {
                Walker.Result r = walk(base, DEMO, Api.byCommand(w[0]).orElseThrow(), w[1]);
                assertThat(r.end()).as(w[1]).isEqualTo(Walker.End.COMPLETE);
            }
            // forwarded unchanged: the same call straight to the upstream answers the same status, type and bytes
            HttpCall call = calls(DEMO).body(Api.ADMIN_GETROAMMSG, Json.parseStrict("{\"From_Account\":\"user1\","
                    + "\"To_Account\":\"user2\",\"MaxCnt\":100,\"MinTime\":1700000480,\"MaxTime\":1700000499}", "test"));
            HttpResponse<byte[]> direct = send(upstreamUrl, call);
            HttpResponse<byte[]> proxied = send(base, call);
            assertThat(proxied.statusCode()).isEqualTo(direct.statusCode());
            assertThat(proxied.headers().firstValue("Content-Type")).isEqualTo(direct.headers().firstValue("Content-Type"));
            assertThat(proxied.body()).isEqualTo(direct.body());

            JsonNode drift = drift(base, DEMO);
            assertThat(drift.get("findings")).as(Json.pretty(drift)).isEmpty();
            assertThat(drift.get("drift").asBoolean()).isFalse();
            assertThat(drift.get("upstreamErrors")).isEmpty();
            assertThat(drift.get("walks")).hasSizeGreaterThanOrEqualTo(DEMO_WALKS.size())
                    .allSatisfy(w -> assertThat(w.get("ended").asBoolean()).as(w.toString()).isTrue());
            assertThat(drift.path("client").path("passed").asBoolean()).as(Json.pretty(drift.get("client"))).isTrue();
            assertThat(drift.path("client").path("findings")).isEmpty();
            String text = get(base + "/__imhistory/tenants/" + DEMO + "/drift?format=text").body();
            assertThat(text).startsWith("NO DRIFT: tenant " + DEMO).contains("client: PASSED");
            // the admin page lists the tenants the proxy saw, from the list of drifts
            JsonNode all = Json.WIRE.readTree(get(base + "/__imhistory/drift").body());
            assertThat(all.get("upstream").asText()).isEqualTo(upstreamUrl);
            assertThat(all.get("tenants")).singleElement().satisfies(t -> {
                assertThat(t.get("sdkappid").asLong()).isEqualTo(DEMO);
                assertThat(t.get("drift").asBoolean()).isFalse();
            });
            assertThat(get(base + "/__imhistory/").body()).contains("Drift of the upstream", "/__imhistory/drift");
            assertThat(get(base + "/__imhistory/tenants/42/drift").statusCode()).isEqualTo(404);
            assertThat(get(base + "/__imhistory/tenants/" + DEMO + "/drift?format=xml").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void anUnreachableUpstreamIsA502NamingItRecordedAndNeverAHang() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once closed
        }
        try (ServerSocket silent = new ServerSocket(0);
             StandaloneProcess refused = StandaloneProcess.start("--port", "0", "--proxy-to", "http://127.0.0.1:" + closed);
             StandaloneProcess hanging = StandaloneProcess.start("--port", "0", "--proxy-to",
                     "http://127.0.0.1:" + silent.getLocalPort(), "--upstream-timeout-ms", "700")) {
            Thread acceptor = new Thread(() -> hold(silent)); // accepts and never answers
            acceptor.setDaemon(true);
            acceptor.start();
            for (StandaloneProcess p : List.of(refused, hanging)) {
                String base = p.awaitListening();
                HttpCall call = calls(DEMO).body(Api.ADMIN_GETROAMMSG, Json.parseStrict(DEMO_WALKS.get(0)[1], "test"));
                HttpResponse<byte[]> r = send(base, call);
                assertThat(r.statusCode()).isEqualTo(502);
                String body = new String(r.body(), StandardCharsets.UTF_8);
                assertThat(body).startsWith("im-history checking proxy: the upstream http://127.0.0.1:")
                        .contains("gave no answer to POST /v4/openim/admin_getroammsg");
                JsonNode drift = drift(base, DEMO);
                assertThat(drift.get("upstreamErrors")).hasSize(1);
                assertThat(drift.get("findings")).as("a network error is allowed (COM-HTTP-001): listed, not a finding")
                        .isEmpty();
            }
            assertThat(new String(send(hanging.awaitListening(), calls(DEMO).body(Api.ADMIN_GETROAMMSG,
                    Json.parseStrict(DEMO_WALKS.get(0)[1], "test"))).body(), StandardCharsets.UTF_8)).contains("no answer within 700 ms");
        }
    }

    @Test
    void badProxyFlagsAreNamedWithUsageAndExitCode2() throws Exception {
        List<String[]> bad = List.of(new String[] {"--proxy-to", "ftp://example.com"},
                new String[] {"--proxy-to", "http://example.com/v4/openim"},
                new String[] {"--record", "/tmp/x"},
                new String[] {"--proxy-to", "http://127.0.0.1:1", "--redact"},
                new String[] {"--proxy-to", "http://127.0.0.1:1", "--upstream-timeout-ms", "soon"},
                new String[] {"--proxy-to"});
        List<String> reasons = List.of("http:// or https:// URL", "without a path", "--record only applies with --proxy-to",
                "--redact only applies with --record", "--upstream-timeout-ms takes a number", "--proxy-to needs a value");
        for (int i = 0; i < bad.size(); i++) {
            List<String> args = new ArrayList<>(List.of("--port", "0"));
            args.addAll(List.of(bad.get(i)));
            try (StandaloneProcess p = StandaloneProcess.start(args.toArray(String[]::new))) {
                assertThat(p.awaitExit()).isEqualTo(2);
                assertThat(p.outputText()).contains(reasons.get(i), "--proxy-to URL").doesNotContain("Exception");
            }
        }
    }

    @Test
    void aRecordedHistoryIsServedAndAnswersOtherPagingPathsAsTheUpstreamDoes(@TempDir Path dir) throws Exception {
        try (StandaloneProcess proxy = StandaloneProcess.start("--port", "0", "--proxy-to", upstreamUrl, "--record",
                dir.toString())) {
            String base = proxy.awaitListening();
            for (String[] w : DEMO_WALKS) {
                walk(base, DEMO, Api.byCommand(w[0]).orElseThrow(), w[1]);
            }
        }
        Path file = dir.resolve("recorded-" + DEMO + ".json");
        String recorded = Files.readString(file);
        String sig = calls(DEMO).body(Api.ADMIN_GETROAMMSG, Json.object()).query().get("usersig");
        assertThat(recorded).doesNotContain(KEY, "usersig=", sig.substring(0, 12), "secretKey");
        try (StandaloneProcess replay = StandaloneProcess.start("--port", "0", "--scenarios", dir.toString())) {
            String base = replay.awaitListening();
            assertThat(replay.outputText()).contains(DEMO + "  recorded-" + DEMO);
            // other page sizes and start points than were recorded: the same history as the upstream gives them
            List<String[]> other = List.of(
                    new String[] {"admin_getroammsg", "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":7,"
                            + "\"MinTime\":1700000000,\"MaxTime\":1700000499}"},
                    new String[] {"admin_getroammsg", "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":1,"
                            + "\"MinTime\":1700000150,\"MaxTime\":1700000170}"},
                    new String[] {"group_msg_get_simple", "{\"GroupId\":\"@TGS#DEMO\",\"ReqMsgNumber\":13,\"ReqMsgSeq\":250}"},
                    new String[] {"group_msg_get_simple", "{\"GroupId\":\"@TGS#DEMO\",\"ReqMsgNumber\":3,\"WithRecalledMsg\":1}"},
                    new String[] {"official_account_msg_get_simple", "{\"Official_Account\":\"@TOA#_DEMO\",\"ReqMsgNumber\":6}"},
                    new String[] {"official_account_msg_get_simple", "{\"Official_Account\":\"@TOA#_DEMO\",\"ReqMsgNumber\":20,"
                            + "\"WithRecalledMsg\":1}"});
            for (String[] w : other) {
                Api api = Api.byCommand(w[0]).orElseThrow();
                Walker.Result fromUpstream = walk(upstreamUrl, DEMO, api, w[1]);
                Walker.Result fromRecording = walk(base, DEMO, api, w[1]);
                assertThat(fromRecording.end()).isEqualTo(Walker.End.COMPLETE);
                assertThat(pages(fromRecording)).as("pages of %s", w[1]).isEqualTo(pages(fromUpstream));
            }
        }
    }

    @Test
    void aRedactedRecordingHoldsNoOriginalTextAndCutsPagesWhereTheUpstreamDid(@TempDir Path dir) throws Exception {
        long tenant = 1_400_500_001L;
        load(upstreamUrl, tenant, "c2c-byte-cut-large-bodies");
        String alice = "{\"From_Account\":\"alice\",\"To_Account\":\"bob\",\"MaxCnt\":100,\"MinTime\":1700000000,"
                + "\"MaxTime\":1700000199}";
        Walker.Result original;
        try (StandaloneProcess proxy = StandaloneProcess.start("--port", "0", "--proxy-to", upstreamUrl, "--record",
                dir.toString(), "--redact")) {
            original = walk(proxy.awaitListening(), tenant, Api.ADMIN_GETROAMMSG, alice);
        }
        assertThat(original.pages()).as("the scenario's pages are cut by bytes").hasSizeGreaterThan(1);
        String recorded = Files.readString(dir.resolve("recorded-" + tenant + ".json"));
        List<String> texts = new ArrayList<>();
        original.history().forEach(m -> strings(m.get("MsgBody"), texts));
        assertThat(texts).isNotEmpty();
        for (String t : texts) {
            assertThat(recorded).as("an original text").doesNotContain(Json.compact(Json.NODES.textNode(t)));
        }
        try (StandaloneProcess replay = StandaloneProcess.start("--port", "0", "--scenarios", dir.toString())) {
            Walker.Result redacted = walk(replay.awaitListening(), tenant, Api.ADMIN_GETROAMMSG, alice);
            assertThat(sizes(redacted)).as("messages per page").isEqualTo(sizes(original));
            assertThat(pages(redacted)).as("MsgKeys per page").isEqualTo(pages(original));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Every string value under MsgContent (the texts a redaction must hide). */
    private static void strings(JsonNode body, List<String> out) {
        for (JsonNode element : body) {
            element.path("MsgContent").fields().forEachRemaining(f -> {
                if (f.getValue().isTextual() && f.getValue().asText().length() > 3) {
                    out.add(f.getValue().asText());
                }
            });
        }
    }

    private static List<Integer> sizes(Walker.Result r) {
        return r.answers().stream().map(a -> r.api().profile().entries(a).size()).toList();
    }

    /** Each page's entry keys, in answer order. */
    static List<String> pages(Walker.Result r) {
        return r.answers().stream().map(a -> String.join(",", r.api().profile().keys(a))).collect(Collectors.toList());
    }

    static void hold(ServerSocket server) {
        List<Socket> held = new ArrayList<>();
        try {
            while (true) {
                held.add(server.accept());
            }
        } catch (IOException e) {
            held.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            });
        }
    }

    static CallFactory calls(long sdkappid) {
        return CallFactory.signing(TenantSpec.of(Json.object()).withSdkappid(sdkappid), () -> System.currentTimeMillis() / 1000);
    }

    static Walker.Result walk(String base, long sdkappid, Api api, String first) {
        Walker.Result r = new Walker(calls(sdkappid), call -> {
            HttpResponse<byte[]> x = send(base, call);
            return new Answer(x.statusCode(), x.body());
        }).walk(api, Json.parseStrict(first, "test"), 1_000);
        assertThat(r.failures()).as("failed attempts of %s", first).isEmpty();
        return r;
    }

    static HttpResponse<byte[]> send(String base, HttpCall call) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + call.pathAndQuery())).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").method(call.method(),
                            HttpRequest.BodyPublishers.ofByteArray(call.body())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode drift(String base, long sdkappid) throws Exception {
        HttpResponse<String> r = get(base + "/__imhistory/tenants/" + sdkappid + "/drift");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.WIRE.readTree(r.body());
    }

    static void load(String base, long sdkappid, String scenario) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/__imhistory/tenants/" + sdkappid
                + "/scenario/" + scenario)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    static ObjectNode body(String json) {
        return (ObjectNode) Json.parseStrict(json, "test");
    }
}
