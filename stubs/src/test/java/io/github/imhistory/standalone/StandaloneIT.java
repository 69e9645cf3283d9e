package io.github.imhistory.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;

import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.ScenarioPlayer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.contract.TenantSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone jar started as its own process, paged through over HTTP, and stopped. */
class StandaloneIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void pagesThroughEachApiOfTheDemoTenantAndStopsCleanly() throws Exception {
        try (StandaloneProcess stub = StandaloneProcess.start("--port", "0")) {
            String base = stub.awaitListening();
            assertThat(stub.outputText()).contains("1400000000", "demo-history", "curl -sS -X POST", "__imhistory");
            assertThat(walk(base, Api.ADMIN_GETROAMMSG, "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":20,"
                    + "\"MinTime\":1700000000,\"MaxTime\":1700000499}")).isEqualTo(1000);
            assertThat(walk(base, Api.GROUP_MSG_GET_SIMPLE, "{\"GroupId\":\"@TGS#DEMO\",\"ReqMsgNumber\":20}")).isEqualTo(248);
            assertThat(walk(base, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE, "{\"Official_Account\":\"@TOA#_DEMO\"}")).isEqualTo(200);
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/__imhistory/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.body()).contains("<title>im-history stubs</title>");
            stub.process.destroy(); // SIGTERM
            stub.awaitExit();
            assertThat(stub.outputText()).contains("im-history stubs stopped");
        }
    }

    @Test
    void badFlagsGetUsageAndExitCode2() throws Exception {
        try (StandaloneProcess stub = StandaloneProcess.start("--rate-limit", "sometimes")) {
            assertThat(stub.awaitExit()).isEqualTo(2);
            assertThat(stub.outputText()).contains("--rate-limit takes on or off", "Usage: java -jar im-history-stubs-standalone.jar");
        }
    }

    @Test
    void invalidScenarioFilesAreNamedWithTheirPointerAndStopTheStart(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"id\":\"mine\",\"title\":\"t\",\"source\":\"s\",\"rules\":[\"C2C-PAGE-001\"],"
                + "\"dataset\":{\"c2c\":[{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MsgSeq\":\"1\",\"MsgRandom\":1,\"MsgTimeStamp\":1,\"MsgBody\":[]}]}}");
        try (StandaloneProcess stub = StandaloneProcess.start("--port", "0", "--scenarios", dir.toString())) {
            assertThat(stub.awaitExit()).isEqualTo(2);
            assertThat(stub.outputText()).contains("broken.json", "/dataset/c2c/0/MsgSeq");
        }
    }

    @Test
    void userScenariosAreServedAndReloadedWhenTheyChangeAndABadEditLosesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, userScenario("first"));
        try (StandaloneProcess stub = StandaloneProcess.start("--port", "0", "--scenarios", dir.toString())) {
            String base = stub.awaitListening();
            assertThat(stub.outputText()).contains("1500000000", "mine");
            assertThat(firstText(base)).isEqualTo("first");
            Files.writeString(file, "{ half saved");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
            awaitOutput(stub, "NOT reloaded");
            assertThat(firstText(base)).as("the previous version keeps serving").isEqualTo("first");
            Files.writeString(file, userScenario("second"));
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 4000));
            awaitOutput(stub, "reloaded mine.json");
            assertThat(firstText(base)).isEqualTo("second");
        }
    }

    private static String userScenario(String text) {
        return "{\"id\":\"mine\",\"title\":\"t\",\"source\":\"inferred: test\",\"rules\":[\"C2C-PAGE-001\"],"
                + "\"dataset\":{\"c2c\":[{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MsgSeq\":1,\"MsgRandom\":1,\"MsgTimeStamp\":100,"
                + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"" + text + "\"}}]}]}}";
    }

    private static String firstText(String base) throws Exception {
        JsonNode answer = post(base, Api.ADMIN_GETROAMMSG, 1_500_000_000L,
                "{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MaxCnt\":5,\"MinTime\":0,\"MaxTime\":1000}");
        return answer.path("MsgList").path(0).path("MsgBody").path(0).path("MsgContent").path("Text").asText();
    }

    private static void awaitOutput(StandaloneProcess stub, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!stub.outputText().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(stub.outputText()).contains(text);
    }

    static long walk(String base, Api api, String firstBody) throws Exception {
        JsonNode request = Json.parseStrict(firstBody, "test");
        long total = 0;
        for (int page = 0; page < 10_000; page++) {
            JsonNode answer = post(base, api, 1_400_000_000L, Json.compact(request));
            assertThat(answer.path("ErrorCode").asInt()).as(answer.toString()).isZero();
            total += api.profile().entries(answer).size();
            Optional<ObjectNode> next = api.profile().next(request, answer);
            if (next.isEmpty()) {
                return total;
            }
            request = next.get();
        }
        throw new AssertionError("walk did not end");
    }

    static JsonNode post(String base, Api api, long sdkappid, String body) throws IOException, InterruptedException {
        ScenarioPlayer player = new ScenarioPlayer(CallFactory.signing(TenantSpec.of(Json.object()).withSdkappid(sdkappid), () -> 0), c -> null);
        HttpCall call = player.bodyCall(api, Json.parseStrict(body, "test"));
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + call.pathAndQuery())).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.WIRE.readTree(r.body());
    }
}
