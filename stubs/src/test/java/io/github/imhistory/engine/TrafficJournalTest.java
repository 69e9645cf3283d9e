package io.github.imhistory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;

import io.github.imhistory.contract.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the journal keeps of an answer, so verdicts judge long answers the way the client saw them. */
class TrafficJournalTest {
    @Test
    void shortAnswersAreKeptAsTheyAre() {
        byte[] answer = "{\"ErrorCode\":0}".getBytes(StandardCharsets.UTF_8);
        assertThat(Traffic.journalAnswer(answer, Traffic.MAX_BODY_CHARS)).isSameAs(answer);
    }

    @Test
    void aLongJsonAnswerKeepsEverythingPagingIsJudgedByWithoutMessageBodies() throws Exception {
        ObjectNode answer = Json.object().put("ActionStatus", "OK").put("ErrorCode", 0).put("GroupId", "@TGS#1")
                .put("IsFinished", 0);
        ArrayNode list = answer.putArray("RspMsgList");
        for (int seq = 20; seq >= 1; seq--) {
            list.addObject().put("MsgSeq", seq).putArray("MsgBody").addObject().put("MsgType", "TIMTextElem")
                    .putObject("MsgContent").put("Text", "x".repeat(8000));
        }
        byte[] bytes = Json.WIRE.writeValueAsBytes(answer);
        assertThat(bytes.length).isGreaterThan(Traffic.MAX_BODY_CHARS);

        JsonNode kept = Json.WIRE.readTree(Traffic.journalAnswer(bytes, Traffic.MAX_BODY_CHARS));
        JsonNode request = Json.object().put("GroupId", "@TGS#1").put("ReqMsgNumber", 20);
        assertThat(Api.GROUP_MSG_GET_SIMPLE.profile().keys(kept)).isEqualTo(Api.GROUP_MSG_GET_SIMPLE.profile().keys(answer));
        assertThat(Api.GROUP_MSG_GET_SIMPLE.profile().next(request, kept))
                .isEqualTo(Api.GROUP_MSG_GET_SIMPLE.profile().next(request, answer));
        assertThat(kept.get("RspMsgList").get(0).get("MsgBody")).isEmpty();
    }

    @Test
    void aJournalWithoutABodyLimitKeepsWholeAnswers() {
        byte[] page = ("{\"ErrorCode\":0,\"RspMsgList\":[{\"MsgSeq\":1,\"MsgBody\":\"" + "x".repeat(100_000) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Traffic.journalAnswer(page, Integer.MAX_VALUE)).isSameAs(page);
        assertThat(Traffic.journalAnswer(page, Traffic.MAX_BODY_CHARS)).hasSizeLessThan(200);
    }

    @Test
    void aLongAnswerThatIsNotJsonIsCut() {
        byte[] page = "<html>".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        assertThat(Traffic.journalAnswer(page, Traffic.MAX_BODY_CHARS)).hasSize(Traffic.MAX_BODY_CHARS);
    }

    @Test
    void entriesAreNumberedByTheJournalAndCarryFaultsAndDelays() {
        Traffic t = new Traffic(2, Traffic.MAX_BODY_CHARS);
        EngineRequest request = new EngineRequest("POST", "/v4/openim/admin_getroammsg", Map.of(), new byte[0]);
        Instant at = Instant.parse("2026-11-22T00:00:00Z");
        t.record(at, at, request, new EngineResponse(200, new byte[0], EngineResponse.Fault.CONNECTION_RESET, 0, null, 1, -1));
        t.record(at, at, request, new EngineResponse(200, new byte[0], EngineResponse.Fault.NONE, 4000, null, 1, 0));
        t.record(at, at, request, new EngineResponse(200, new byte[0], EngineResponse.Fault.NONE, 0, null, 1, 0));
        assertThat(t.entries()).extracting(Traffic.Entry::number).containsExactly(2L, 3L);
        assertThat(t.dropped()).isEqualTo(1);
        assertThat(t.recorded(100).get(0).delayMillis()).isEqualTo(4100);
        assertThat(new Traffic(1, Traffic.MAX_BODY_CHARS)).satisfies(one -> {
            one.record(at, at, request, new EngineResponse(200, new byte[0], EngineResponse.Fault.CONNECTION_RESET, 0, null, 1, -1));
            assertThat(one.recorded(0).get(0).fault()).isEqualTo("CONNECTION_RESET");
        });
    }
}
