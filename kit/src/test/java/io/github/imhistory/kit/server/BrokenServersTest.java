package io.github.imhistory.kit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.imhistory.kit.server.BrokenServer.Breakage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deliberately broken servers (a proxy in front of the stub, each with one plausible bug) fail the suite, and the
 * failing tests name the rule the bug breaks. Each run covers the rule family concerned (e.g. every C2C rule), run
 * through the JUnit Platform Launcher as the gate does.
 */
public class BrokenServersTest {
    @RegisterExtension
    static final StubServer stub = new StubServer();
    /** A tenant of its own per run, so that no run sees another's data. */
    static final AtomicLong SDKAPPID = new AtomicLong(1_500_000_000L);

    /** Each broken server: name, breakage, the rule family run ({@code --include}), the rules it must fail and no other. */
    public static Stream<Arguments> brokenServers() {
        return Stream.of(
                broken("drops the boundary message", Breakages.dropsBoundaryMessage(), "C2C-*", "C2C-PAGE-008"),
                broken("repeats the boundary message", Breakages.repeatsBoundaryMessage(), "C2C-*", "C2C-PAGE-008"),
                broken("says Complete=1 too early", Breakages.saysCompleteTooEarly(), "C2C-*", "C2C-PAGE-007"),
                broken("never says Complete=1", Breakages.neverSaysComplete(), "C2C-*", "C2C-PAGE-007", "C2C-PAGE-010"),
                broken("reverses a page", Breakages.reversesPage(), "C2C-*", "C2C-ORDER-003"),
                broken("points LastMsgKey at the newest message", Breakages.pointsLastMsgKeyAtNewest(), "C2C-*", "C2C-PAGE-011"),
                broken("hides holes", Breakages.hidesHoles(), "GRP-*", "GRP-HOLE-001"),
                broken("unflags a recalled message", Breakages.unflagsRecalledMessages(), "C2C-*", "C2C-RECALL-001"),
                broken("swaps error codes 90003 and 90008", Breakages.swapsErrorCodes(), "C2C-*", "C2C-ERR-002", "C2C-ERR-003"),
                // the precedence exchanges hold bad JSON and another fault: a 500 there also breaks the order of checks
                broken("answers HTTP 500 to bad JSON", Breakages.answersHttp500ToBadJson(), "COM-*,C2C-ERR-*", "COM-HTTP-001",
                        "C2C-ERR-001", "COM-ERR-001"),
                broken("truncates uint32 to int32", Breakages.truncatesUint32ToInt32(), "C2C-*,GRP-*", "C2C-MSG-002",
                        "GRP-MSG-002"),
                // and says Complete=0 at the window's start, where no message of the window remains
                broken("leaks messages outside the window", Breakages.leaksMessagesOutsideWindow(), "C2C-*", "C2C-WIN-001",
                        "C2C-PAGE-007"),
                broken("accepts a forged UserSig", Breakages.acceptsForgedUserSig(), "SIG-*", "SIG-VER-001", "SIG-VER-002",
                        "SIG-VER-003", "SIG-VER-004", "SIG-VER-005", "SIG-VER-006", "SIG-VER-011", "SIG-VER-012"),
                broken("serves more than 20 group entries", Breakages.servesMoreThan20GroupEntries(), "GRP-*", "GRP-PAGE-003"),
                broken("orders official-account entries descending", Breakages.ordersOfficialAccountDescending(), "OA-*",
                        "OA-ORDER-001"),
                // a GET with a second fault then gets that fault's code: the method is not checked first
                broken("accepts GET, PUT and DELETE", Breakages.acceptsAnyMethod(), "COM-*", "COM-METHOD-002",
                        "COM-ERR-001"),
                broken("reads query parameters by position", Breakages.readsQueryParametersByPosition(), "COM-*",
                        "COM-QRY-008"),
                broken("cuts pages in half", Breakages.cutsPagesInHalf(), "C2C-*", "C2C-PAGE-005"));
    }

    private static Arguments broken(String name, Breakage breakage, String include, String... rules) {
        return Arguments.of(name, breakage, include, List.of(rules));
    }

    @ParameterizedTest(name = "{0}: fails {3}")
    @MethodSource("brokenServers")
    void eachBrokenServerFailsNamingTheRule(String name, Breakage breakage, String include, List<String> rules)
            throws Exception {
        try (BrokenServer broken = new BrokenServer(stub.baseUrl(), breakage)) {
            // strict, so that SHOULD rules fail too: the server must fail the rules it breaks and no other
            SuiteRun run = SuiteRun.against(broken.target(SDKAPPID.getAndIncrement()),
                    Map.of(SuiteConfiguration.INCLUDE, include, SuiteConfiguration.STRICT, "true"));
            assertThat(run.failedRules()).as("rules failed by a server that %s:%s", name, run.failureReport())
                    .containsExactlyInAnyOrderElementsOf(rules);
            // the failure is specific: the same family against the bare stub passes, and most rules still pass here
            assertThat(run.passedRules()).as("rules still passed by a server that %s", name).isNotEmpty();
        }
    }

    @Test
    void aServerThatWordsErrorInfoItsOwnWayReordersAndAddsFieldsIsStillConformant() throws Exception {
        try (BrokenServer different = new BrokenServer(stub.baseUrl(), Breakages.rewordsErrorInfoAndReordersFields())) {
            SuiteRun run = SuiteRun.against(different.target(SDKAPPID.getAndIncrement()),
                    Map.of(SuiteConfiguration.INCLUDE, "COM-*,SIG-*,C2C-ERR-*,C2C-PAGE-*,GRP-*"));
            assertThat(run.failed()).as(run.failureReport()).isEmpty();
            assertThat(run.passedRules()).contains("COM-ENV-002", "SIG-VER-006", "C2C-ERR-001", "C2C-PAGE-008",
                    "GRP-MSG-001", "GRP-HOLE-003");
        }
    }

    @Test
    void aServerThatCutsBytePagesALittleEarlierIsStillConformantAndIsWalkedToTheEnd() throws Exception {
        java.util.concurrent.atomic.AtomicInteger cuts = new java.util.concurrent.atomic.AtomicInteger();
        try (BrokenServer stricter = new BrokenServer(stub.baseUrl(), Breakages.cutsBytePagesSlightlyEarlier(cuts))) {
            SuiteRun run = SuiteRun.against(stricter.target(SDKAPPID.getAndIncrement()),
                    Map.of(SuiteConfiguration.SCENARIOS, "c2c-byte-cut-large-bodies,c2c-generated-walk,c2c-doc-two-pages"));
            assertThat(run.failed()).as(run.failureReport()).isEmpty();
            assertThat(run.passedRules()).contains("C2C-PAGE-005", "C2C-PAGE-006", "C2C-PAGE-008");
            assertThat(cuts.get()).as("pages the server cut earlier than the engine").isPositive();
        }
    }
}
