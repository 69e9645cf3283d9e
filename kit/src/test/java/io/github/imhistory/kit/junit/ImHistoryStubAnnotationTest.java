package io.github.imhistory.kit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ContractException;
import io.github.imhistory.contract.ContractSchemas;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.contract.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The annotation style: a stub for the class, a tenant per test, injected endpoint, traffic, tenant and loader. */
@ImHistoryStub(scenarios = "c2c-doc-two-pages")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImHistoryStubAnnotationTest {
    static final String DOC_BODY = "{\"From_Account\":\"user2\",\"To_Account\":\"user1\",\"MaxCnt\":100,"
            + "\"MinTime\":1584669600,\"MaxTime\":1584673200}";
    static final Set<Long> SDKAPPIDS = ConcurrentHashMap.newKeySet();
    static volatile String baseUrl;
    static volatile long removedTenant = -1;

    @Test
    @Order(1)
    void theEndpointIsALoopbackStubWithATenantOfItsOwn(ImHistoryEndpoint endpoint) {
        assertThat(endpoint.baseUrl()).matches("http://127\\.0\\.0\\.1:[0-9]+");
        assertThat(endpoint.identifier()).isEqualTo("admin");
        assertThat(endpoint.scenarioId()).isEqualTo("c2c-doc-two-pages");
        assertThat(SDKAPPIDS.add(endpoint.sdkappid())).isTrue();
        baseUrl = endpoint.baseUrl();
        UserSig.Verdict sig = UserSig.verify(endpoint.freshUserSig(), endpoint.identifier(),
                Long.toString(endpoint.sdkappid()), endpoint.secretKey(), System.currentTimeMillis() / 1000);
        assertThat(sig.valid()).as(sig.info()).isTrue();
    }

    @Test
    @Order(2)
    void urlCarriesEveryQueryParameterAndTheTenantAnswersItsScenario(ImHistoryEndpoint endpoint, StubTraffic traffic)
            throws Exception {
        String url = endpoint.url(Api.ADMIN_GETROAMMSG);
        Map<String, String> query = io.github.imhistory.wiremock.ImHistoryExtension.parseQuery(URI.create(url).getRawQuery());
        assertThat(query).containsOnlyKeys("sdkappid", "identifier", "usersig", "random", "contenttype");
        assertThat(ContractSchemas.shared().validate(ContractSchemas.SchemaFile.QUERY_PARAMS, Json.WIRE.valueToTree(query)))
                .isEmpty();
        JsonNode answer = Http.post(url, DOC_BODY);
        assertThat(answer.path("ErrorCode").asInt()).as(answer.toString()).isZero();
        assertThat(answer.path("Complete").asInt()).isZero();
        Http.post(endpoint.url(Api.ADMIN_GETROAMMSG), DOC_BODY);

        List<RecordedRequest> requests = traffic.requests();
        assertThat(requests).hasSize(2);
        RecordedRequest first = requests.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.api()).contains(Api.ADMIN_GETROAMMSG);
        assertThat(first.query().get("sdkappid")).isEqualTo(Long.toString(endpoint.sdkappid()));
        assertThat(first.bodyJson().orElseThrow().path("From_Account").asText()).isEqualTo("user2");
        assertThat(first.answerJson().orElseThrow()).isEqualTo(answer);
        assertThat(first.succeeded()).isTrue();
        assertThat(first.answeredAt()).isAfterOrEqualTo(first.at());
        assertThat(requests.get(1).query().get("random")).isNotEqualTo(first.query().get("random"));
        assertThat(first.curl(traffic.baseUrl())).startsWith("curl -sS -X POST '" + endpoint.baseUrl() + "/v4/openim/admin_getroammsg?");
        assertThat(traffic.walks()).hasSize(1);
        removedTenant = endpoint.sdkappid();
    }

    @Test
    @Order(3)
    void aTenantIsRemovedOnceItsTestIsDone(ImHistoryEndpoint endpoint, StubTraffic traffic) throws Exception {
        assertThat(removedTenant).isPositive();
        String url = endpoint.url(Api.ADMIN_GETROAMMSG).replace("sdkappid=" + endpoint.sdkappid(), "sdkappid=" + removedTenant);
        assertThat(Http.post(url, DOC_BODY).path("ErrorCode").asInt()).isEqualTo(70020);
        assertThat(SDKAPPIDS.add(endpoint.sdkappid())).isTrue();
        assertThat(traffic.requests()).as("another tenant's requests are not in this one's traffic").isEmpty();
    }

    @Test
    @Order(4)
    @ImHistoryScenario("group-holes")
    void aMethodsScenarioReplacesTheClasssOne(ImHistoryEndpoint endpoint) throws Exception {
        assertThat(endpoint.scenarioId()).isEqualTo("group-holes");
        JsonNode answer = Http.post(endpoint.url(Api.GROUP_MSG_GET_SIMPLE), "{\"GroupId\":\"@TGS#HOLES30\",\"ReqMsgNumber\":5}");
        assertThat(answer.path("ErrorCode").asInt()).as(answer.toString()).isZero();
        assertThat(answer.path("RspMsgList")).hasSize(5);
    }

    @Test
    @Order(5)
    void anAnnotatedParameterGetsATenantOfThatScenario(ImHistoryEndpoint endpoint,
                                                       @ImHistoryScenario("demo-history") ImHistoryEndpoint demo,
                                                       @ImHistoryScenario("demo-history") StubTenant sameDemo) {
        assertThat(endpoint.scenarioId()).isEqualTo("c2c-doc-two-pages");
        assertThat(demo.scenarioId()).isEqualTo("demo-history");
        assertThat(demo.sdkappid()).isNotEqualTo(endpoint.sdkappid());
        assertThat(sameDemo.endpoint().sdkappid()).isEqualTo(demo.sdkappid());
    }

    @Test
    @Order(6)
    void scenariosLoadFromTheClasspathAndFromFiles(TenantLoader loader) throws Exception {
        try (StubTenant fromClasspath = loader.load("scenarios/kit-sample.json");
             StubTenant fromFile = loader.load(Path.of("src/test/resources/scenarios/kit-sample.json").toString())) {
            for (StubTenant t : List.of(fromClasspath, fromFile)) {
                assertThat(t.endpoint().identifier()).isEqualTo("root");
                JsonNode answer = Http.post(t.endpoint().url(Api.ADMIN_GETROAMMSG),
                        "{\"From_Account\":\"ana\",\"To_Account\":\"ben\",\"MaxCnt\":10,\"MinTime\":0,\"MaxTime\":4294967295}");
                assertThat(answer.path("MsgCnt").asInt()).as(answer.toString()).isEqualTo(3);
            }
            assertThat(fromFile.endpoint().sdkappid()).isNotEqualTo(fromClasspath.endpoint().sdkappid());
        }
        assertThatThrownBy(() -> loader.load("no-such-scenario")).isInstanceOf(ContractException.class)
                .hasMessageContaining("no bundled scenario, classpath resource or file named \"no-such-scenario\"");
        assertThatThrownBy(() -> loader.load(Json.object().put("id", "x"))).isInstanceOf(ContractException.class)
                .hasMessageContaining("scenario.schema.json");
    }

    @Test
    @Order(7)
    @ImHistoryScenario("c2c-deviation-connection-reset-mid-walk")
    void theTrafficShowsFaultsAndRequestsTheApiNeverSaw(ImHistoryEndpoint endpoint, StubTraffic traffic) throws Exception {
        String body = "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":3,\"MinTime\":1700023000,\"MaxTime\":1700023100}";
        Http.post(endpoint.url(Api.ADMIN_GETROAMMSG), body);
        assertThatThrownBy(() -> Http.post(endpoint.url(Api.ADMIN_GETROAMMSG), body)).isInstanceOf(IOException.class);
        assertThat(Http.send("GET", endpoint.url(Api.ADMIN_GETROAMMSG), "").body()).contains("60008");
        Http.send("POST", endpoint.url(Api.ADMIN_GETROAMMSG).replace("admin_getroammsg", "no_such_command"), body);
        assertThat(traffic.awaitAnswered(java.time.Duration.ofSeconds(5))).isTrue();
        List<RecordedRequest> requests = traffic.requests();
        assertThat(requests).extracting(RecordedRequest::method).containsExactly("POST", "POST", "GET", "POST");
        assertThat(requests.get(1).fault()).isEqualTo("CONNECTION_RESET");
        assertThat(requests.get(1).succeeded()).isFalse();
        assertThat(requests.get(2).errorCode()).isEqualTo(60008);
        assertThat(requests.get(3).api()).isEmpty();
        assertThat(requests.get(3).errorCode()).isEqualTo(60009);
    }

    @Test
    @Order(8)
    void theTrafficKeepsWholeAnswersEvenWhenAPageIsLarge(TenantLoader loader) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode scenario = Json.object().put("id", "kit-large-page")
                .put("title", "twenty large group messages").put("source", "kit test");
        scenario.putArray("rules").add("GRP-PAGE-003");
        com.fasterxml.jackson.databind.node.ObjectNode group = scenario.putObject("dataset").putArray("groups").addObject()
                .put("GroupId", "@TGS#LARGE").put("Type", "Public");
        com.fasterxml.jackson.databind.node.ArrayNode messages = group.putArray("messages");
        for (int seq = 1; seq <= 20; seq++) {
            messages.addObject().put("MsgSeq", seq).put("From_Account", "a").put("MsgRandom", seq)
                    .put("MsgTimeStamp", 1700000000 + seq).putArray("MsgBody").addObject().put("MsgType", "TIMTextElem")
                    .putObject("MsgContent").put("Text", "x".repeat(8000));
        }
        try (StubTenant t = loader.load(scenario)) {
            JsonNode answer = Http.post(t.endpoint().url(Api.GROUP_MSG_GET_SIMPLE), "{\"GroupId\":\"@TGS#LARGE\",\"ReqMsgNumber\":20}");
            assertThat(answer.toString().length()).as("the page is over the standalone's 64 KiB journal limit").isGreaterThan(160_000);
            JsonNode recorded = t.traffic().requests().get(0).answerJson().orElseThrow();
            assertThat(recorded).isEqualTo(answer);
        }
    }

    @Nested
    class NestedTests {
        @Test
        void shareTheOuterClasssStubButNotItsTenants(ImHistoryEndpoint endpoint) {
            assertThat(endpoint.scenarioId()).isEqualTo("c2c-doc-two-pages");
            if (baseUrl != null) {
                assertThat(endpoint.baseUrl()).isEqualTo(baseUrl);
            }
            assertThat(SDKAPPIDS.add(endpoint.sdkappid())).isTrue();
        }
    }
}
