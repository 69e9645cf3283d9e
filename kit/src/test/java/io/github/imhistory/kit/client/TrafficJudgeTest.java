package io.github.imhistory.kit.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineRequest;
import io.github.imhistory.engine.EngineResponse;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.traffic.TrafficJudge;
import io.github.imhistory.contract.traffic.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The traffic judge on hand-made traffic: requests answered by the engine in-process, at times the test chooses.
 * Each rule it checks is shown broken once and kept once.
 */
class TrafficJudgeTest {
    static final long SDKAPPID = 1_400_000_000L;
    static final String KEY = io.github.imhistory.contract.TenantSpec.DEFAULT_SECRET_KEY;
    static final TrafficJudge.TenantFacts FACTS = new TrafficJudge.TenantFacts(SDKAPPID, Set.of("admin"), KEY);
    /** Now, so that the engine and the judge both take the UserSigs as valid. */
    static final Instant T0 = Instant.ofEpochSecond(System.currentTimeMillis() / 1000);
    static final String FAIL_91000 = "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"x\",\"ErrorCode\":91000}";
    static final String FAIL_90008 = "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"x\",\"ErrorCode\":90008}";

    /** Answers requests with the engine holding a scenario, and records them as a stub journal would. */
    static final class Recorder {
        final Engine engine;
        final List<RecordedRequest> requests = new ArrayList<>();
        final AtomicLong random = new AtomicLong(1000);

        Recorder(String scenario) {
            Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false));
            tenants.load(ScenarioIndex.bundled().get(scenario).json(), SDKAPPID);
            engine = new Engine(tenants, Clock.systemUTC());
        }

        Map<String, String> query() {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("sdkappid", Long.toString(SDKAPPID));
            q.put("identifier", "admin");
            q.put("usersig", UserSig.generate(SDKAPPID, "admin", KEY, T0.getEpochSecond(), 86_400));
            q.put("random", Long.toString(random.incrementAndGet()));
            q.put("contenttype", "json");
            return q;
        }

        /** A POST at {@code millis} after T0, answered by the engine. */
        RecordedRequest send(Api api, JsonNode body, long millis) {
            return send("POST", api, query(), Json.compact(body), millis, null);
        }

        RecordedRequest send(String method, Api api, Map<String, String> query, String body, long millis, String answer) {
            EngineResponse r = engine.handle(new EngineRequest(method, api.path(), query, body.getBytes(StandardCharsets.UTF_8)));
            Instant at = T0.plusMillis(millis);
            RecordedRequest rec = new RecordedRequest(requests.size() + 1, at, at, method, api.path(), query, body,
                    200, answer != null ? answer : r.bodyText(), null, 0);
            requests.add(rec);
            return rec;
        }

        Verdict judge() {
            return TrafficJudge.of(FACTS, TrafficJudge.Options.defaults()).judge(requests);
        }
    }

    static ObjectNode docBody() {
        return Json.object().put("From_Account", "user2").put("To_Account", "user1").put("MaxCnt", 100)
                .put("MinTime", 1584669600).put("MaxTime", 1584673200);
    }

    static List<String> rules(Verdict v) {
        return v.findings().stream().map(Finding::ruleId).distinct().toList();
    }

    @Test
    void aCorrectWalkKeepsEveryRule() {
        Recorder rec = new Recorder("c2c-doc-two-pages");
        RecordedRequest first = rec.send(Api.ADMIN_GETROAMMSG, docBody(), 0);
        JsonNode answer = first.answerJson().orElseThrow();
        rec.send(Api.ADMIN_GETROAMMSG, docBody().put("MaxTime", answer.path("LastMsgTime").asLong())
                .put("LastMsgKey", answer.path("LastMsgKey").asText()), 20);
        Verdict v = rec.judge();
        assertThat(v.findings()).isEmpty();
        assertThat(v.walks()).hasSize(1);
        assertThat(v.walks().get(0).pages()).hasSize(2);
        assertThat(v.checked()).contains("C2C-CONT-001", "C2C-CONT-002", "SIG-CLI-001")
                .doesNotContain("GRP-CONT-001", "COM-RATE-001");
        assertThat(v.notChecked()).containsOnlyKeys("COM-RATE-001");
        assertThat(v.notChecked().get("COM-RATE-001")).startsWith("the client never came near the limit: at most 2");
    }

    @Test
    void continuationsAreJudgedAgainstThePreviousAnswer() {
        Recorder rec = new Recorder("c2c-doc-two-pages");
        JsonNode answer = rec.send(Api.ADMIN_GETROAMMSG, docBody(), 0).answerJson().orElseThrow();
        rec.send(Api.ADMIN_GETROAMMSG, docBody().put("LastMsgKey", answer.path("LastMsgKey").asText()).put("MaxCnt", 50), 20);
        Verdict v = rec.judge();
        assertThat(rules(v)).containsExactlyInAnyOrder("C2C-CONT-001", "C2C-CONT-003");
        assertThat(v.findings("C2C-CONT-001").get(0).message()).contains("request #2 sends MaxTime 1584673200 instead of"
                + " the previous LastMsgTime " + answer.path("LastMsgTime"));
    }

    @Test
    void aWalkLeftBeforeTheEndOrContinuedPastItBreaksTheWholeHistoryRule() {
        Recorder stops = new Recorder("c2c-doc-two-pages");
        stops.send(Api.ADMIN_GETROAMMSG, docBody(), 0);
        assertThat(rules(stops.judge())).containsExactly("C2C-CONT-002");
        assertThat(TrafficJudge.of(FACTS, TrafficJudge.Options.defaults().withWholeHistory(false)).judge(stops.requests)
                .findings()).as("one page at a time is fine when whole walks are not expected").isEmpty();

        Recorder goesOn = new Recorder("c2c-doc-single-answer");
        JsonNode answer = goesOn.send(Api.ADMIN_GETROAMMSG, docBody(), 0).answerJson().orElseThrow();
        assertThat(answer.path("Complete").asInt()).isEqualTo(1);
        goesOn.send(Api.ADMIN_GETROAMMSG, docBody().put("MaxTime", answer.path("LastMsgTime").asLong())
                .put("LastMsgKey", answer.path("LastMsgKey").asText()), 20);
        assertThat(rules(goesOn.judge())).containsExactly("C2C-CONT-002");
    }

    @Test
    void groupContinuationsSendTheSmallestSeqMinusOne() {
        Recorder rec = new Recorder("group-walk-multipage");
        ObjectNode body = Json.object().put("GroupId", "@TGS#2WALK45").put("ReqMsgNumber", 20);
        rec.send(Api.GROUP_MSG_GET_SIMPLE, body, 0);
        rec.send(Api.GROUP_MSG_GET_SIMPLE, body.deepCopy().put("ReqMsgSeq", 26), 20); // smallest was 26
        assertThat(rules(rec.judge())).containsExactly("GRP-CONT-001", "GRP-CONT-002");
        assertThat(rec.judge().findings("GRP-CONT-001").get(0).message()).contains("ReqMsgSeq 26 instead of 25");
    }

    @Test
    void retriesOnlyWhatARetryCanHelpAtMostThreeTimesWithGrowingDelays() {
        Recorder permanent = new Recorder("c2c-doc-two-pages");
        ObjectNode unknown = docBody().put("From_Account", "nobody");
        permanent.send("POST", Api.ADMIN_GETROAMMSG, permanent.query(), Json.compact(unknown), 0, FAIL_90008);
        permanent.send("POST", Api.ADMIN_GETROAMMSG, permanent.query(), Json.compact(unknown), 100, FAIL_90008);
        assertThat(rules(permanent.judge())).containsExactly("COM-RETRY-001");

        Recorder good = new Recorder("c2c-doc-single-answer");
        good.send("POST", Api.ADMIN_GETROAMMSG, good.query(), Json.compact(docBody()), 0, FAIL_91000);
        good.send("POST", Api.ADMIN_GETROAMMSG, good.query(), Json.compact(docBody()), 100, FAIL_91000);
        good.send(Api.ADMIN_GETROAMMSG, docBody(), 250); // the floors: 100 ms, then 150 ms
        assertThat(good.judge().findings()).isEmpty();

        Recorder eager = new Recorder("c2c-doc-single-answer");
        eager.send("POST", Api.ADMIN_GETROAMMSG, eager.query(), Json.compact(docBody()), 0, FAIL_91000);
        eager.send(Api.ADMIN_GETROAMMSG, docBody(), 3);
        assertThat(eager.judge().findings("COM-RETRY-002")).singleElement()
                .extracting(Finding::message).asString()
                .contains("is retry 1 of request #1, sent 3 ms after it failed (ErrorCode 91000); wait at least 100 ms");

        Recorder flat = new Recorder("c2c-doc-single-answer");
        for (long at : new long[] {0, 100, 200, 300}) {
            flat.send("POST", Api.ADMIN_GETROAMMSG, flat.query(), Json.compact(docBody()), at, FAIL_91000);
        }
        flat.send(Api.ADMIN_GETROAMMSG, docBody(), 400);
        assertThat(flat.judge().findings("COM-RETRY-002")).extracting(Finding::message)
                .anyMatch(m -> m.contains("wait at least 150 ms before retry 2"))
                .anyMatch(m -> m.contains("is retry 4 of the same request"));

        Recorder givesUp = new Recorder("c2c-doc-single-answer");
        givesUp.send("POST", Api.ADMIN_GETROAMMSG, givesUp.query(), Json.compact(docBody()), 0, FAIL_91000);
        assertThat(givesUp.judge().findings("COM-RETRY-002")).singleElement().extracting(Finding::message).asString()
                .contains("without a retry");
    }

    @Test
    void moreThan200RequestsInOneSecondBreakTheRateRule() {
        Recorder fast = new Recorder("c2c-doc-single-answer");
        for (int i = 0; i <= 200; i++) {
            fast.send(Api.ADMIN_GETROAMMSG, docBody(), i * 4L); // 201 requests within 800 ms
        }
        assertThat(fast.judge().findings("COM-RATE-001")).singleElement().extracting(Finding::message).asString()
                .startsWith("201 requests to admin_getroammsg arrived within 1000 ms");

        Recorder paced = new Recorder("c2c-doc-single-answer");
        for (int i = 0; i <= 200; i++) {
            paced.send(Api.ADMIN_GETROAMMSG, docBody(), i * 5L); // request 201 exactly 1000 ms after request 1
        }
        assertThat(paced.judge().findings("COM-RATE-001")).isEmpty();
        assertThat(paced.judge().checked()).as("200 in a second is near the limit: checked").contains("COM-RATE-001");

        Recorder slow = new Recorder("c2c-doc-single-answer");
        for (int i = 0; i <= 200; i++) {
            slow.send(Api.ADMIN_GETROAMMSG, docBody(), i * 10L); // 100 a second: the throttle never showed
        }
        assertThat(slow.judge().notChecked().get("COM-RATE-001")).contains("at most 100 requests");
    }

    @Test
    void everyRequestIsCheckedOnItsOwn() {
        Recorder rec = new Recorder("group-walk-multipage");
        String body = "{\"GroupId\":\"@TGS#2WALK45\",\"ReqMsgNumber\":30}";
        Map<String, String> q = rec.query();
        q.put("random", "-1");
        q.put("contenttype", "xml");
        q.put("identifier", "someone");
        q.remove("usersig");
        rec.send("GET", Api.GROUP_MSG_GET_SIMPLE, q, body, 0, null);
        Map<String, String> again = rec.query();
        again.put("random", "-1");
        rec.send("POST", Api.GROUP_MSG_GET_SIMPLE, again, "not json", 100, null);
        Verdict v = rec.judge();
        assertThat(v.broken()).containsExactlyInAnyOrder("COM-METHOD-001", "COM-QRY-001", "COM-QRY-002", "COM-QRY-007",
                "COM-QRY-004", "COM-BODY-001", "COM-ADMIN-001", "SIG-CLI-001", "GRP-REQ-002");
        assertThat(v.describe("http://stub")).contains("curl -sS -X GET 'http://stub/v4/group_open_http_svc/group_msg_get_simple?");
    }

    @Test
    void aRequestRepeatedWhileItsAnswerWasDelayedShowsAShortTimeout() {
        Recorder rec = new Recorder("c2c-doc-single-answer");
        RecordedRequest slow = rec.send(Api.ADMIN_GETROAMMSG, docBody(), 0);
        rec.requests.set(0, new RecordedRequest(1, slow.at(), slow.answeredAt(), "POST", slow.path(), slow.query(),
                slow.body(), 200, slow.answer(), null, 3500));
        rec.send(Api.ADMIN_GETROAMMSG, docBody(), 1000);
        assertThat(rules(rec.judge())).containsExactly("COM-TIMEOUT-001");
    }
}
