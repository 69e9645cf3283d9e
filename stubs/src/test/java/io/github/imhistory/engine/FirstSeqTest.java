package io.github.imhistory.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ContractException;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.Walker;
import io.github.imhistory.oracle.EngineTransport;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Where a stream begins: without {@code firstSeq} every seq from 1 to the newest that is not listed is an expired hole
 * (GRP-HOLE-003), so a group listed only near seq 2^31 would walk two billion holes. The loader refuses such a walk
 * and names the fix; with firstSeq the same walk ends at the first seq, finished (GRP-FIN-002).
 */
class FirstSeqTest {
    static final long TOP = 2_147_483_645L;

    static Scenario scenario(String firstSeq) {
        String json = """
                {"id": "first-seq", "title": "t", "source": "test", "rules": ["GRP-HOLE-003"],
                 "dataset": {"groups": [{"GroupId": "@TGS#big", "Type": "Public", %s "messages": [
                   {"MsgSeq": 2147483641, "From_Account": "user1", "MsgRandom": 1, "MsgTimeStamp": 1700000000,
                    "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "a"}}]},
                   {"MsgSeq": 2147483645, "From_Account": "user1", "MsgRandom": 2, "MsgTimeStamp": 1700000001,
                    "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "b"}}]}]}]},
                 "walks": [{"name": "whole group", "api": "group_msg_get_simple",
                            "body": {"GroupId": "@TGS#big", "ReqMsgNumber": 20}, "expect": {"total": 5}}]}
                """.formatted(firstSeq);
        return Scenario.of(Json.parseStrict(json, "first-seq.json"), "first-seq.json");
    }

    @Test
    void aWalkThroughBillionsOfImplicitHolesIsRefusedAtLoad() {
        assertThatThrownBy(() -> new Tenants(EngineSettings.defaults()).load(scenario(""), -1))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("/walks/0")
                .hasMessageContaining("implicit expired holes")
                .hasMessageContaining("set firstSeq");
    }

    @Test
    void withFirstSeqTheWalkEndsAtTheFirstSeqFinished() {
        Scenario s = scenario("\"firstSeq\": 2147483641,");
        Tenants tenants = new Tenants(EngineSettings.defaults());
        tenants.load(s, -1);
        Walker walker = new Walker(CallFactory.signing(s.tenant(), () -> System.currentTimeMillis() / 1000),
                EngineTransport.of(new Engine(tenants, Clock.systemUTC())));

        Walker.Result r = walker.walk(Api.GROUP_MSG_GET_SIMPLE, s.walks().get(0).body(), 10);
        assertThat(r.end()).isEqualTo(Walker.End.COMPLETE);
        assertThat(r.answers()).extracting(a -> a.path("RspMsgList").size()).as("entries per page; the client cannot"
                + " know where the stream begins, so it asks once below it and gets none").containsExactly(5, 0);
        JsonNode page = r.answers().get(0);
        assertThat(page.path("RspMsgList")).extracting(e -> e.path("MsgSeq").asLong())
                .containsExactly(TOP, TOP - 1, TOP - 2, TOP - 3, TOP - 4);
        assertThat(page.path("RspMsgList").get(1).path("IsPlaceMsg").asInt()).as("seq %d is a hole", TOP - 1)
                .isEqualTo(1);
        assertThat(page.path("IsFinished").asInt()).as("nothing exists below the first seq").isEqualTo(1);
    }
}
