package io.github.imhistory.kit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Json;
import io.github.imhistory.kit.server.Breakages;
import io.github.imhistory.kit.server.BrokenServer.Breakage;
import io.github.imhistory.kit.server.BrokenServer;
import io.github.imhistory.kit.server.BrokenServersTest;
import io.github.imhistory.kit.server.StubServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The probe (in-process, {@link Gate#run}) against each broken server of {@link BrokenServersTest} on histories
 * already loaded (the demo history; the uint32 scenario for the breakage that needs values above 2^31): exit 1 and
 * exactly the rules the breakage breaks failed in {@code conformance.json}, or, for the breakages no probe can see
 * without the stored history, exit 0 and why ({@link #UNSEEN}). {@code -Dimhistory.probeTest.only=TEXT} runs the
 * broken servers whose name contains TEXT and prints the probe's output.
 */
class ProbeBrokenServersTest {
    @RegisterExtension
    static final StubServer stub = new StubServer();
    static long demo;
    static long uint32;

    @TempDir
    Path reports;

    /** What the probe cannot see, and why: every way shows the same consistent history. */
    static final List<String> UNSEEN = List.of(
            "unflags a recalled message: every way gets the recalled message as a normal one (MsgFlagBits 0), so the"
                    + " history all ways show is consistent; only the stored recall tells (gate server)");

    @BeforeAll
    static void start() throws Exception {
        demo = ProbeTest.load(stub.baseUrl(), "demo-history");
        uint32 = ProbeTest.load(stub.baseUrl(), "c2c-uint32-above-2-31");
    }

    static Stream<Arguments> brokenServers() {
        String only = System.getProperty("imhistory.probeTest.only", "");
        return Stream.of(
                seen("drops the boundary message", Breakages.dropsBoundaryMessage(), "C2C-PAGE-008"),
                seen("repeats the boundary message", Breakages.repeatsBoundaryMessage(), "C2C-PAGE-008"),
                seen("says Complete=1 too early", Breakages.saysCompleteTooEarly(), "C2C-PAGE-007"),
                seen("never says Complete=1", Breakages.neverSaysComplete(), "C2C-PAGE-007", "C2C-PAGE-010"),
                seen("reverses a page", Breakages.reversesPage(), "C2C-ORDER-003"),
                seen("points LastMsgKey at the newest message", Breakages.pointsLastMsgKeyAtNewest(), "C2C-PAGE-011"),
                // the demo's official account has no holes: only the group's are left out
                seen("hides holes", Breakages.hidesHoles(), "GRP-HOLE-001"),
                seen("swaps error codes 90003 and 90008", Breakages.swapsErrorCodes(), "C2C-ERR-002", "C2C-ERR-003"),
                seen("answers HTTP 500 to bad JSON", Breakages.answersHttp500ToBadJson(), "COM-HTTP-001", "C2C-ERR-001"),
                seen("truncates uint32 to int32", Breakages.truncatesUint32ToInt32(), "C2C-MSG-002"),
                seen("leaks messages outside the window", Breakages.leaksMessagesOutsideWindow(), "C2C-WIN-001",
                        "C2C-PAGE-007"),
                seen("accepts a forged UserSig", Breakages.acceptsForgedUserSig(), "SIG-VER-001", "SIG-VER-006"),
                seen("serves more than 20 group entries", Breakages.servesMoreThan20GroupEntries(), "GRP-PAGE-003"),
                seen("orders official-account entries descending", Breakages.ordersOfficialAccountDescending(),
                        "OA-ORDER-001"),
                seen("accepts GET, PUT and DELETE", Breakages.acceptsAnyMethod(), "COM-METHOD-002"),
                seen("cuts pages in half", Breakages.cutsPagesInHalf(), "C2C-PAGE-005"),
                // the query-order way sends a first request again with sdkappid last
                seen("reads query parameters by position", Breakages.readsQueryParametersByPosition(), "COM-QRY-008"),
                unseen("unflags a recalled message", Breakages.unflagsRecalledMessages()))
                .filter(a -> ((String) a.get()[0]).contains(only));
    }

    private static Arguments seen(String name, Breakage breakage, String... rules) {
        return Arguments.of(name, breakage, new TreeSet<>(List.of(rules)));
    }

    private static Arguments unseen(String name, Breakage breakage) {
        assertThat(UNSEEN).as("the reason why the probe cannot see a server that %s", name)
                .anyMatch(u -> u.startsWith(name + ":"));
        return Arguments.of(name, breakage, new TreeSet<String>());
    }

    /** The probe's command line for a target: the demo's three histories, or the uint32 conversation. */
    static List<String> probe(String baseUrl, boolean uint32History, Path reports) {
        List<String> args = new ArrayList<>(List.of("probe", "--base-url", baseUrl, "--identifier", StubServer.ADMIN,
                "--secret-key", StubServer.SECRET_KEY, "--strict", "--report-dir", reports.toString()));
        if (uint32History) {
            args.addAll(List.of("--sdkappid", Long.toString(uint32), "--c2c", "user1:user2:1700007000:4294967295"));
        } else {
            args.addAll(List.of("--sdkappid", Long.toString(demo), "--c2c", "user1:user2:1700000400:1700000499",
                    "--group", "@TGS#DEMO", "--official-account", "@TOA#_DEMO"));
        }
        return args;
    }

    @ParameterizedTest(name = "{0}: the probe fails {2}")
    @MethodSource("brokenServers")
    void theProbeFailsEachBrokenServerItCanSeeOnItsRulesAndNoOther(String name, Breakage breakage, Set<String> rules)
            throws Exception {
        try (BrokenServer broken = new BrokenServer(stub.baseUrl(), breakage)) {
            GateTest.Run run = GateTest.gate(probe(broken.baseUrl(), name.contains("uint32"), reports)
                    .toArray(String[]::new));
            if (!System.getProperty("imhistory.probeTest.only", "").isEmpty()) {
                System.out.println(run.out() + run.err());
            }
            assertThat(failed(reports)).as("rules the probe failed for a server that %s:\n%s", name, run.out())
                    .isEqualTo(rules);
            assertThat(run.code()).as(run.out() + run.err()).isEqualTo(rules.isEmpty() ? 0 : 1);
        }
    }

    @Test
    void aCorrectServerPassesOnBothHistories() throws Exception {
        try (BrokenServer correct = new BrokenServer(stub.baseUrl(), new Breakage() {})) {
            for (boolean big : List.of(false, true)) {
                GateTest.Run run = GateTest.gate(probe(correct.baseUrl(), big, reports).toArray(String[]::new));
                assertThat(run.code()).as(run.out() + run.err()).isZero();
                assertThat(failed(reports)).isEmpty();
                // both histories serve MsgSeq and MsgRandom above 2^31-1: the uint32 rule is checked (and passed)
                JsonNode report = Json.STRICT.readTree(reports.resolve("conformance.json").toFile());
                assertThat(ProbeTest.rule(report, "C2C-MSG-002").path("verdict").asText()).isEqualTo("pass");
            }
        }
    }

    static Set<String> failed(Path reports) throws Exception {
        JsonNode report = Json.STRICT.readTree(reports.resolve("conformance.json").toFile());
        Set<String> failed = new TreeSet<>();
        report.path("rules").forEach(r -> {
            if (r.path("verdict").asText().equals("fail")) {
                failed.add(r.path("id").asText());
            }
        });
        return failed;
    }
}
