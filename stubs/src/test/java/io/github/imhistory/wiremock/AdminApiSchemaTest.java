package io.github.imhistory.wiremock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ContractSchemas;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.robustness.RunningStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin API answers what schemas/admin-api.schema.json says (the OpenAPI document and the npm package's types are
 * generated from it), and what a scenario holds comes with ready requests that the scenario answers with data.
 */
class AdminApiSchemaTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static RunningStub stub;
    static String base;

    @BeforeAll
    static void start() {
        stub = RunningStub.start(8);
        base = stub.base;
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    static JsonNode call(String method, String path, String body, int status, String def) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        JsonNode json = Json.WIRE.readTree(r.body());
        assertThat(ContractSchemas.shared().validate(ContractSchemas.SchemaFile.ADMIN_API.def(def), json))
                .as(method + " " + path + " against $defs/" + def).isEmpty();
        return json;
    }

    @Test
    void everyAnswerMatchesItsSchema() throws Exception {
        call("POST", "/__imhistory/tenants/1600000000/scenario/c2c-doc-two-pages", null, 201, "tenant");
        JsonNode holds = call("GET", "/__imhistory/tenants/1600000000/scenario", null, 200, "scenarioHolds");
        JsonNode ready = holds.get("requests").get(0);
        for (int i = 0; i < 2; i++) {
            send(ready); // the same first page twice: a walk that stops early, so the verdict has findings with curls
        }
        call("GET", "/__imhistory/scenarios", null, 200, "scenarios");
        call("GET", "/__imhistory/scenarios/demo-history", null, 200, "scenarioHolds");
        call("GET", "/__imhistory/tenants", null, 200, "tenants");
        call("GET", "/__imhistory/tenants/1600000000", null, 200, "tenant");
        JsonNode journal = call("GET", "/__imhistory/tenants/1600000000/requests?limit=5", null, 200, "requests");
        assertThat(journal.get("requests")).hasSize(2);
        JsonNode verdict = call("GET", "/__imhistory/tenants/1600000000/verdict", null, 200, "verdict");
        assertThat(verdict.get("passed").asBoolean()).isFalse();
        assertThat(verdict.findValues("curl")).isNotEmpty();
        call("GET", "/__imhistory/tenants/1600000000/verdict?wholeHistory=false&strict=true", null, 200, "verdict");
        call("POST", "/__imhistory/tenants/1600000000/reset", null, 200, "tenant");
        call("POST", "/__imhistory/reset", null, 200, "reset");
        call("POST", "/__imhistory/tenants/1600000001", scenario("mine"), 201, "tenant");
        call("POST", "/__imhistory/tenants", scenario("mine"), 201, "tenant");
        call("DELETE", "/__imhistory/tenants/1600000001", null, 200, "removed");
        call("GET", "/__imhistory/tenants/1600000001", null, 404, "error");
        call("GET", "/__imhistory/scenarios/no-such-scenario", null, 404, "error");
        call("GET", "/__imhistory/tenants/1600000000/verdict?strict=maybe", null, 400, "error");
    }

    @Test
    void aPostedScenarioIsNamedWithAPointerInEveryError() throws Exception {
        JsonNode e = call("POST", "/__imhistory/tenants/1600000002", "{\"id\":\"mine\",\"title\":\"t\",\"rules\":[\"C2C-PAGE-001\"]}",
                400, "error");
        assertThat(e.get("error").asText()).contains("posted scenario", "/: required property 'source' not found");
        e = call("POST", "/__imhistory/tenants/1600000002", "[1]", 400, "error");
        assertThat(e.get("error").asText()).isEqualTo("posted scenario: /: a scenario must be a JSON object");
        e = call("POST", "/__imhistory/tenants/1600000002", scenario("mine").replace("C2C-PAGE-001", "C2C-PAGE-999"), 400, "error");
        assertThat(e.get("error").asText()).contains("posted scenario", "/rules: rule C2C-PAGE-999 is not in the rule catalogue");
    }

    static java.util.stream.Stream<String> scenariosWithoutDeviations() {
        return ScenarioIndex.bundled().all().stream().filter(e -> e.scenario().deviations().isEmpty()).map(ScenarioIndex.Entry::id);
    }

    /** A ready request is one the scenario answers with data, so a frontend developer's first try shows messages. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenariosWithoutDeviations")
    void everyReadyRequestIsAnsweredWithData(String id) throws Exception {
        long sdkappid = 1_610_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        call("POST", "/__imhistory/tenants/" + sdkappid + "/scenario/" + id, null, 201, "tenant");
        JsonNode holds = call("GET", "/__imhistory/tenants/" + sdkappid + "/scenario", null, 200, "scenarioHolds");
        for (JsonNode ready : holds.get("requests")) {
            JsonNode answer = send(ready);
            assertThat(answer.path("ErrorCode").asInt()).as(id + " " + ready + " -> " + answer).isZero();
            String list = ready.get("api").asText().equals("admin_getroammsg") ? "MsgList" : "RspMsgList";
            assertThat(answer.path(list)).as(id + " " + ready + " -> " + answer).isNotEmpty();
        }
    }

    /** Sends a ready request as documented: its path and query, a fresh random, its body. */
    static JsonNode send(JsonNode ready) throws IOException, InterruptedException {
        StringBuilder q = new StringBuilder();
        ready.get("query").fields().forEachRemaining(f -> q.append(f.getKey()).append('=')
                .append(java.net.URLEncoder.encode(f.getValue().asText(), java.nio.charset.StandardCharsets.UTF_8)).append('&'));
        q.append("random=").append(ThreadLocalRandom.current().nextLong(0x1_0000_0000L));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + ready.get("path").asText() + "?" + q))
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(ready.get("body")))).build(), HttpResponse.BodyHandlers.ofString());
        return Json.WIRE.readTree(r.body());
    }

    static String scenario(String id) {
        return "{\"id\":\"" + id + "\",\"title\":\"t\",\"source\":\"inferred: test\",\"rules\":[\"C2C-PAGE-001\"],"
                + "\"tenant\":{\"sdkappid\":1600000003},\"dataset\":{\"c2c\":[{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MsgSeq\":1,"
                + "\"MsgRandom\":1,\"MsgTimeStamp\":100,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"x\"}}]}]}}";
    }
}
