package io.github.imhistory.kit.client;

import static io.github.imhistory.kit.assertj.ImHistoryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.traffic.Page;
import io.github.imhistory.contract.traffic.Walk;
import io.github.imhistory.kit.junit.ImHistoryEndpoint;
import io.github.imhistory.kit.junit.ImHistoryScenario;
import io.github.imhistory.kit.junit.ImHistoryStub;
import io.github.imhistory.kit.junit.StubTenant;
import io.github.imhistory.kit.junit.StubTraffic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AssertJ assertions on walks made against the stub by the reference client and by broken ones. */
@ImHistoryStub(scenarios = "c2c-doc-two-pages")
class ImHistoryAssertionsTest {
    static final C2cPull DOC = new C2cPull("user2", "user1", 1584669600, 1584673200, 100);

    @Test
    void aCorrectWalkPassesEveryAssertion(StubTenant tenant) throws Exception {
        new ReferenceClient(tenant.endpoint()).c2c(DOC);
        Walk walk = tenant.traffic().walk();
        assertThat(walk).hasPages(2).hasNoDuplicateKeys().followsTheContinuationProtocol().reachesTheEnd()
                .keepsTheClientRules(tenant.facts());
        Page first = walk.pages().get(0);
        assertThat(first).isSuccess().hasValidRequest().isInAnswerOrder().hasNoDuplicateKeys().isNotLastPage();
        assertThat(walk).page(2).continuesFrom(first).isLastPage().hasKeys(walk.pages().get(1).keys().toArray());
    }

    @Test
    void aContinuationWithoutLastMsgKeyIsNamedWithPageRuleAndCurl(StubTenant tenant) throws Exception {
        new BrokenClients.NoLastMsgKey(tenant.endpoint()).c2c(DOC);
        Walk walk = tenant.traffic().walk();
        assertThatThrownBy(() -> assertThat(walk).followsTheContinuationProtocol())
                .hasMessageContaining("page 2 (request #2): request #2 sends no LastMsgKey; send the previous LastMsgKey")
                .hasMessageContaining("[C2C-CONT-001 [MUST, documented]]")
                .hasMessageContaining("curl -sS -X POST 'http://127.0.0.1:");
        assertThatThrownBy(() -> assertThat(walk).hasNoDuplicateKeys())
                .hasMessageMatching("(?s)page 2 \\(request #2\\): repeats MsgKey [0-9_]+ first seen on page 1\n.*");
        assertThatThrownBy(() -> assertThat(walk).keepsRule(tenant.facts(), RuleId.C2C_CONT_001))
                .hasMessageContaining("breaks C2C-CONT-001 [MUST, documented]");
    }

    @Test
    void aWalkLeftEarlyDoesNotReachTheEnd(StubTenant tenant) throws Exception {
        new BrokenClients.StopsAfterOnePage(tenant.endpoint()).c2c(DOC);
        assertThatThrownBy(() -> assertThat(tenant.traffic()).reachesTheEnd())
                .hasMessageContaining("page 1 (request #1): the walk stopped after page 1 (request #1) although history goes on")
                .hasMessageContaining("C2C-CONT-002");
        assertThatThrownBy(() -> assertThat(tenant.traffic()).hasPages(2)).hasMessageContaining("expected 2 pages but the walk has 1");
    }

    @Test
    @ImHistoryScenario("group-holes")
    void groupPagesAreNewestFirstAndNamedBySeq(ImHistoryEndpoint endpoint, StubTraffic traffic) throws Exception {
        new BrokenClients.ReqMsgSeqOffByOne(endpoint).group(new GroupPull("@TGS#HOLES30", 10, false, null));
        List<Page> pages = traffic.walk().pages();
        assertThat(pages.get(0)).isSuccess().isInAnswerOrder();
        assertThatThrownBy(() -> assertThat(pages.get(1)).continuesFrom(pages.get(0)))
                .hasMessageContaining("sends ReqMsgSeq")
                .hasMessageContaining("GRP-CONT-001 [MUST, documented]");
        assertThatThrownBy(() -> assertThat(traffic.walk()).hasNoDuplicateKeys())
                .hasMessageMatching("(?s)page 2 \\(request #2\\): repeats MsgSeq [0-9]+ first seen on page 1\n.*");
    }
}
