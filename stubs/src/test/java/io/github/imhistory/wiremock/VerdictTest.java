package io.github.imhistory.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.HttpCall;
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
import java.io.IOException;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /__imhistory/tenants/{sdkappid}/verdict}, the path for clients not written in Java: over real HTTP, a
 * client that keeps the rules gets a passing verdict, and each broken traffic pattern is named by its rule ID.
 */
class VerdictTest {
    static WireMockServer server;
    static String base;
    static final AtomicLong nextSdkappid = new AtomicLong(1_700_000_000L);

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").disableRequestJournal()
                .extensions(new ImHistoryExtension(new Tenants(EngineSettings.defaults()), Clock.systemUTC())));
        server.start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** A fresh tenant holding a bundled scenario, and a player that signs requests for it. */
    private static ScenarioPlayer tenant(String scenarioId) throws IOException {
        long sdkappid = nextSdkappid.getAndIncrement();
        Answer loaded = HttpTransport.post(base + "/__imhistory/tenants/" + sdkappid + "/scenario/" + scenarioId, "");
        assertThat(loaded.status()).as(loaded.text()).isEqualTo(201);
        TenantSpec tenant = ScenarioIndex.bundled().find(scenarioId).orElseThrow().scenario().tenant();
        return new ScenarioPlayer(CallFactory.signing(tenant.withSdkappid(sdkappid), () -> System.currentTimeMillis() / 1000),
                new HttpTransport(base));
    }

    private static JsonNode verdict(ScenarioPlayer p, String options) throws IOException {
        Answer a = HttpTransport.get(base + "/__imhistory/tenants/" + p.tenant().sdkappid() + "/verdict" + options);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return Json.WIRE.readTree(a.body());
    }

    private static JsonNode verdict(ScenarioPlayer p) throws IOException {
        return verdict(p, "");
    }

    private static JsonNode send(ScenarioPlayer p, HttpCall call) throws IOException {
        return Json.WIRE.readTree(new HttpTransport(base).send(call).body());
    }

    private static JsonNode post(ScenarioPlayer p, Api api, String body) throws IOException {
        return send(p, p.bodyCall(api, Json.WIRE.readTree(body)));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode rule(JsonNode verdict, String id) {
        for (JsonNode r : verdict.get("rules")) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError(id + " not among the checked rules of " + verdict);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"c2c-doc-two-pages", "group-walk-multipage", "oa-continuation-from-hole"})
    void aClientThatKeepsTheRulesPasses(String scenarioId) throws IOException {
        ScenarioPlayer p = tenant(scenarioId);
        Scenario.WalkSpec walk = ScenarioIndex.bundled().find(scenarioId).orElseThrow().scenario().walks().get(0);
        assertThat(p.playWalk(walk).passed()).isTrue();

        JsonNode v = verdict(p);
        assertThat(v.get("passed").asBoolean()).as(v.toPrettyString()).isTrue();
        assertThat(v.get("failing")).as(v.toPrettyString()).isEmpty();
        assertThat(v.get("reported")).as(v.toPrettyString()).isEmpty();
        assertThat(v.get("walks")).hasSize(1);
        assertThat(v.get("walks").get(0).get("pages").asInt()).isEqualTo(walk.pages().orElseThrow().size());
        assertThat(texts(v.get("rules")).size()).isGreaterThan(10);
        assertThat(v.get("requests").asLong()).isEqualTo(walk.pages().orElseThrow().size());
    }

    private static final String FIRST = "{\"From_Account\":\"user2\",\"To_Account\":\"user1\",\"MaxCnt\":100,"
            + "\"MinTime\":1584669600,\"MaxTime\":1584673200}";

    @Test
    void aContinuationWithoutLastMsgKeyBreaksC2cCont001() throws IOException {
        ScenarioPlayer p = tenant("c2c-doc-two-pages");
        JsonNode first = post(p, Api.ADMIN_GETROAMMSG, FIRST);
        assertThat(first.get("Complete").asInt()).isZero();
        ObjectNode next = (ObjectNode) Json.WIRE.readTree(FIRST);
        next.put("MaxTime", first.get("LastMsgTime").asLong()); // LastMsgKey forgotten
        send(p, p.bodyCall(Api.ADMIN_GETROAMMSG, next));

        JsonNode v = verdict(p);
        assertThat(v.get("passed").asBoolean()).isFalse();
        assertThat(texts(v.get("failing"))).contains("C2C-CONT-001");
        JsonNode finding = rule(v, "C2C-CONT-001").get("findings").get(0);
        assertThat(finding.get("message").asText()).contains("LastMsgKey");
        assertThat(finding.get("request").asLong()).isEqualTo(2);
        assertThat(finding.get("curl").asText()).startsWith("curl").contains(base + Api.ADMIN_GETROAMMSG.path());
    }

    @Test
    void stoppingAfterThePageThatSaysMoreBreaksC2cCont002UnlessThatIsTheClientsJob() throws IOException {
        ScenarioPlayer p = tenant("c2c-doc-two-pages");
        post(p, Api.ADMIN_GETROAMMSG, FIRST);

        assertThat(texts(verdict(p).get("failing"))).containsExactly("C2C-CONT-002");
        JsonNode paging = verdict(p, "?wholeHistory=false");
        assertThat(paging.get("passed").asBoolean()).as(paging.toPrettyString()).isTrue();
        assertThat(paging.get("settings").get("wholeHistory").asBoolean()).isFalse();
    }

    @Test
    void groupReqMsgSeqOffByOneBreaksGrpCont001() throws IOException {
        ScenarioPlayer p = tenant("group-walk-multipage");
        JsonNode first = post(p, Api.GROUP_MSG_GET_SIMPLE, "{\"GroupId\":\"@TGS#2WALK45\",\"ReqMsgNumber\":20}");
        long smallest = Long.MAX_VALUE;
        for (JsonNode m : first.get("RspMsgList")) {
            smallest = Math.min(smallest, m.get("MsgSeq").asLong());
        }
        post(p, Api.GROUP_MSG_GET_SIMPLE, "{\"GroupId\":\"@TGS#2WALK45\",\"ReqMsgNumber\":20,\"ReqMsgSeq\":" + smallest + "}");

        assertThat(texts(verdict(p, "?wholeHistory=false").get("failing"))).containsExactly("GRP-CONT-001");
    }

    @Test
    void aGetAndAWrongPathAreJudgedAndStillAnsweredAsBefore() throws IOException {
        ScenarioPlayer p = tenant("c2c-doc-two-pages");
        HttpCall post = p.bodyCall(Api.ADMIN_GETROAMMSG, Json.WIRE.readTree(FIRST));
        JsonNode get = send(p, new HttpCall("GET", post.path(), post.query(), new byte[0]));
        assertThat(get.get("ErrorCode").asInt()).isEqualTo(60008); // COM-METHOD-002, unchanged by journaling
        HttpCall other = p.bodyCall(Api.ADMIN_GETROAMMSG, Json.WIRE.readTree(FIRST));
        JsonNode wrong = send(p, new HttpCall("POST", "/v4/openim/admin_getroammsgs", other.query(), other.body()));
        assertThat(wrong.get("ErrorCode").asInt()).isNotZero();

        JsonNode v = verdict(p, "?wholeHistory=false");
        assertThat(v.get("requests").asLong()).isEqualTo(2);
        assertThat(texts(v.get("failing"))).contains("COM-METHOD-001", "COM-BODY-001");
    }

    @Test
    void aRepeatedRandomIsReportedAtShouldLevelAndFailsOnlyWhenStrict() throws IOException {
        ScenarioPlayer p = tenant("c2c-doc-two-pages");
        HttpCall one = p.bodyCall(Api.ADMIN_GETROAMMSG, Json.WIRE.readTree(FIRST));
        HttpCall other = p.bodyCall(Api.ADMIN_GETROAMMSG,
                Json.WIRE.readTree(FIRST.replace("\"MaxCnt\":100", "\"MaxCnt\":99")));
        Map<String, String> sameRandom = new LinkedHashMap<>(other.query());
        sameRandom.put("random", one.query().get("random"));
        send(p, one);
        send(p, new HttpCall("POST", other.path(), sameRandom, other.body()));

        JsonNode lenient = verdict(p, "?wholeHistory=false");
        assertThat(lenient.get("passed").asBoolean()).as(lenient.toPrettyString()).isTrue();
        assertThat(texts(lenient.get("reported"))).containsExactly("COM-QRY-007");
        assertThat(rule(lenient, "COM-QRY-007").get("level").asText()).isEqualTo("SHOULD");
        JsonNode strict = verdict(p, "?wholeHistory=false&strict=true");
        assertThat(strict.get("passed").asBoolean()).isFalse();
        assertThat(texts(strict.get("failing"))).containsExactly("COM-QRY-007");
    }

    @Test
    void aForgedUserSigBreaksTheUserSigRulesUnlessTheTenantDoesNotVerify() throws IOException {
        ScenarioPlayer p = tenant("c2c-doc-two-pages");
        HttpCall call = p.bodyCall(Api.ADMIN_GETROAMMSG, Json.WIRE.readTree(FIRST));
        Map<String, String> wrongKey = new LinkedHashMap<>(call.query());
        wrongKey.put("usersig", io.github.imhistory.contract.UserSig.generate(p.tenant().sdkappid(), "admin",
                "not-the-key", System.currentTimeMillis() / 1000, 86_400));
        send(p, new HttpCall("POST", call.path(), wrongKey, call.body()));
        assertThat(texts(verdict(p, "?wholeHistory=false").get("failing"))).containsExactly("SIG-ALG-001");
        Map<String, String> forged = new LinkedHashMap<>(call.query());
        forged.put("random", "7");
        forged.put("usersig", "eJyrVspLzExRslIyTc1NTVGyUjIyMDQwNFWyUqoFAHUtB4o_"); // no TLSSigAPIv2 document inside
        byte[] otherWindow = FIRST.replace("\"MaxCnt\":100", "\"MaxCnt\":99").getBytes(StandardCharsets.UTF_8);
        send(p, new HttpCall("POST", call.path(), forged, otherWindow)); // another request, not a retry of the first
        assertThat(texts(verdict(p, "?wholeHistory=false").get("failing"))).containsExactly("SIG-ALG-001", "SIG-ALG-002");

        long open = nextSdkappid.getAndIncrement();
        ObjectNode scenario = ScenarioIndex.bundled().find("c2c-doc-two-pages").orElseThrow().json().deepCopy();
        ((ObjectNode) scenario.get("tenant")).put("verifyUserSig", false);
        assertThat(HttpTransport.post(base + "/__imhistory/tenants/" + open, Json.compact(scenario)).status()).isEqualTo(201);
        forged.put("sdkappid", Long.toString(open));
        assertThat(send(p, new HttpCall("POST", call.path(), forged, call.body())).get("ErrorCode").asInt()).isZero();
        JsonNode v = Json.WIRE.readTree(HttpTransport.get(base + "/__imhistory/tenants/" + open + "/verdict?wholeHistory=false").body());
        assertThat(v.get("passed").asBoolean()).as(v.toPrettyString()).isTrue();
        // ... and one request never comes near 200 a second, so the rate limit is not checked either, and said so
        assertThat(v.get("notChecked").findValuesAsText("id")).containsExactly("SIG-ALG-001", "SIG-ALG-002", "SIG-CLI-001",
                "COM-RATE-001");
        assertThat(v.get("rules").findValuesAsText("id")).doesNotContain("SIG-ALG-001", "SIG-ALG-002", "SIG-CLI-001");
    }

    @Test
    void theTextFormatSaysPassedOrFailedWithRuleIdsAndCurls() throws IOException {
        ScenarioPlayer p = tenant("c2c-doc-two-pages");
        Answer empty = HttpTransport.get(base + "/__imhistory/tenants/" + p.tenant().sdkappid() + "/verdict?format=text");
        assertThat(empty.text()).startsWith("PASSED").contains("no requests yet");

        post(p, Api.ADMIN_GETROAMMSG, FIRST);
        Answer text = HttpTransport.get(base + "/__imhistory/tenants/" + p.tenant().sdkappid() + "/verdict?format=text");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.text()).startsWith("FAILED").contains("FAIL C2C-CONT-002 [MUST, documented]").contains("curl ");
    }

    @Test
    void theRequestsJournalCanBeLimitedToTheNewest() throws IOException {
        ScenarioPlayer p = tenant("c2c-doc-two-pages");
        post(p, Api.ADMIN_GETROAMMSG, FIRST);
        post(p, Api.ADMIN_GETROAMMSG, FIRST.replace("\"MaxCnt\":100", "\"MaxCnt\":1"));
        String url = base + "/__imhistory/tenants/" + p.tenant().sdkappid() + "/requests";
        JsonNode newest = Json.WIRE.readTree(HttpTransport.get(url + "?limit=1").body());
        assertThat(newest.get("requests")).hasSize(1);
        assertThat(newest.get("requests").get(0).get("number").asLong()).isEqualTo(2);
        assertThat(newest.get("requests").get(0).get("body").asText()).contains("\"MaxCnt\":1");
        assertThat(Json.WIRE.readTree(HttpTransport.get(url).body()).get("requests")).hasSize(2);
        Answer bad = HttpTransport.get(url + "?limit=-1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("limit must be a non-negative integer");
    }

    @Test
    void badOptionsAndUnknownTenantsGetAClearAnswer() throws IOException {
        ScenarioPlayer p = tenant("c2c-doc-two-pages");
        String url = base + "/__imhistory/tenants/" + p.tenant().sdkappid() + "/verdict";
        Answer flag = HttpTransport.get(url + "?strict=yes");
        assertThat(flag.status()).isEqualTo(400);
        assertThat(flag.text()).contains("strict must be true or false");
        assertThat(HttpTransport.get(url + "?format=xml").text()).contains("format must be json or text");
        Answer none = HttpTransport.get(base + "/__imhistory/tenants/42/verdict");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.text()).contains("no tenant 42");
    }
}
