package io.github.imhistory.kit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.kit.probe.ProbeSettings;
import io.github.imhistory.kit.server.StubServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The probe in-process ({@link Gate#run}): a correct server on the demo history, the budget, no verdict, usage. */
class ProbeTest {
    @RegisterExtension
    static final StubServer stub = new StubServer();
    static final AtomicLong SDKAPPID = new AtomicLong(1_650_000_000L);

    @TempDir
    Path reports;

    /** Loads a bundled scenario into a tenant of its own (UserSigs checked), returns the sdkappid. */
    static long load(String baseUrl, String scenario) throws Exception {
        long tenant = SDKAPPID.getAndIncrement();
        ObjectNode s = (ObjectNode) ScenarioIndex.bundled().find(scenario).orElseThrow().json().deepCopy();
        s.withObject("/tenant").put("sdkappid", tenant).put("verifyUserSig", true);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl
                + "/__imhistory/tenants/" + tenant)).POST(HttpRequest.BodyPublishers.ofString(Json.compact(s))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return tenant;
    }

    static GateTest.Run probe(String baseUrl, long tenant, Path reports, String... more) {
        List<String> args = new ArrayList<>(List.of("probe", "--base-url", baseUrl, "--sdkappid", Long.toString(tenant),
                "--identifier", "admin", "--secret-key", StubServer.SECRET_KEY, "--report-dir", reports.toString()));
        args.addAll(List.of(more));
        return GateTest.gate(args.toArray(String[]::new));
    }

    @Test
    void theDemoHistoryPassesEveryWayWithTheGatesReports() throws Exception {
        long tenant = load(stub.baseUrl(), "demo-history");
        GateTest.Run run = probe(stub.baseUrl(), tenant, reports, "--c2c", "user1:user2:1700000400:1700000499",
                "--group", "@TGS#DEMO", "--official-account", "@TOA#_DEMO");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.lines()).contains("CONFORMANT")
                .anyMatch(l -> l.matches("PASS C2C-PAGE-008 +MUST +C2C-PAGE-008 .*\\(probe-c2c-user1-user2\\)"))
                .anyMatch(l -> l.matches("PASS GRP-RECALL-002 .*\\(probe-group-tgs-demo\\)"))
                .anyMatch(l -> l.matches("PASS OA-PAGE-002 .*\\(probe-oa-toa-demo\\)"))
                .anyMatch(l -> l.matches("PASS GRP-ERR-002 .*\\(probe-bad-inputs\\)"))
                .anyMatch(l -> l.matches("PASS COM-QRY-008 .*\\(probe-group-tgs-demo\\)"))
                .anyMatch(l -> l.startsWith("Note: requests: ") && l.contains("of the budget of 2000"));
        JsonNode report = Json.STRICT.readTree(reports.resolve("conformance.json").toFile());
        assertThat(report.path("tool").asText()).isEqualTo("im-history-kit gate (probe)");
        assertThat(report.path("conformant").asBoolean()).isTrue();
        assertThat(report.path("target").path("seed").asText()).isEqualTo(ConformanceReport.PROBED);
        assertThat(Files.readString(reports.resolve("CONFORMANCE.md"))).startsWith("# im-history probe conformance statement");
        GateIT.everyTestCaseIsNamedByACatalogueRule(reports.resolve(JUnitXmlReport.FILE_NAME));
        // what the demo's histories give no occasion is skipped, with the reason, not passed
        java.util.Set<String> skipped = new java.util.TreeSet<>();
        report.path("rules").forEach(r -> {
            if (r.path("verdict").asText().equals("skip")) {
                skipped.add(r.path("id").asText());
                assertThat(r.path("reason").asText()).as(r.path("id").asText())
                        .startsWith("no occasion in the walked histories");
            }
        });
        // no two C2C messages share MsgTimeStamp and MsgSeq, no C2C page is empty, the texts are plain ASCII, the
        // official account has neither holes nor recalls; and whether a message was sent with SyncOtherMachine=2
        // (C2C-PERSP-002) is never served
        assertThat(skipped).containsExactlyInAnyOrder("C2C-ORDER-002", "C2C-PAGE-010", "ELEM-004", "OA-HOLE-001",
                "OA-HOLE-002", "OA-RECALL-001", "OA-RECALL-002", "C2C-PERSP-002");
        // the demo's MsgSeq and MsgRandom are drawn over the whole uint32 range: the uint32 rules had their occasion
        assertThat(rule(report, "C2C-MSG-002").path("verdict").asText()).isEqualTo("pass");
        assertThat(rule(report, "GRP-MSG-002").path("verdict").asText()).isEqualTo("pass");
        // every way of each history was walked, within the rate limit
        assertThat(report.path("notes").get(0).asText()).startsWith("requests: ");
        String budget = run.lines().stream().filter(l -> l.startsWith("Note: requests: ")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("requests: (\\d+) of the budget .* at most (\\d+) in any second").matcher(budget);
        assertThat(m.find()).as(budget).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isBetween(300, 700);
        assertThat(Integer.parseInt(m.group(2))).isLessThanOrEqualTo(ProbeSettings.DEFAULT_MAX_PER_SECOND);
    }

    /** The rule {@code id} of a {@code conformance.json}. */
    static JsonNode rule(JsonNode report, String id) {
        for (JsonNode r : report.path("rules")) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no rule " + id + " in the report");
    }

    @Test
    void theBudgetStopsTheProbeAndTheReportsSaySo() throws Exception {
        long tenant = load(stub.baseUrl(), "demo-history");
        GateTest.Run run = probe(stub.baseUrl(), tenant, reports, "--c2c", "user1:user2:1700000400:1700000499",
                "--group", "@TGS#DEMO", "--max-requests", "40");
        assertThat(run.out()).contains("Note: requests: 40 of the budget of 40")
                .contains("Note: BUDGET SPENT: stopped after the request budget of 40 requests (--max-requests)");
        assertThat(run.code()).as(run.out()).isZero(); // what was walked passed; the note says the rest was not
        assertThat(Files.readString(reports.resolve("CONFORMANCE.md")))
                .contains("- Note: BUDGET SPENT: stopped after the request budget of 40 requests");
        assertThat(Json.STRICT.readTree(reports.resolve("conformance.json").toFile()).path("notes").toString())
                .contains("BUDGET SPENT");
    }

    @Test
    void aHistoryTheTargetDoesNotHoldIsNoVerdictNotAFinding() throws Exception {
        long tenant = load(stub.baseUrl(), "demo-history");
        GateTest.Run run = probe(stub.baseUrl(), tenant, reports, "--group", "@TGS#NOT-THERE");
        assertThat(run.code()).as(run.out()).isEqualTo(Gate.NOT_RUN);
        assertThat(run.out()).contains("NOT RUN").contains("the probe could not walk group @TGS#NOT-THERE")
                .contains("ErrorCode\":10010");
        assertThat(ProbeBrokenServersTest.failed(reports)).isEmpty();
    }

    @Test
    void badUsageAndAnUnreachableTargetExit2() throws Exception {
        GateTest.Run none = GateTest.gate("probe", "--base-url", stub.baseUrl(), "--sdkappid", "1400000000",
                "--identifier", "admin", "--secret-key", "k");
        assertThat(none.code()).isEqualTo(Gate.NOT_RUN);
        assertThat(none.err()).contains("probe needs a history");
        GateTest.Run seed = GateTest.gate("probe", "--base-url", stub.baseUrl(), "--sdkappid", "1400000000",
                "--identifier", "admin", "--secret-key", "k", "--group", "g", "--seed", "none");
        assertThat(seed.err()).contains("unknown option --seed for probe (it is an option of server)");
        GateTest.Run window = GateTest.gate("probe", "--base-url", stub.baseUrl(), "--sdkappid", "1400000000",
                "--identifier", "admin", "--secret-key", "k", "--c2c", "a:b:10");
        assertThat(window.code()).isEqualTo(Gate.NOT_RUN);
        assertThat(window.err()).contains("--c2c wants ACCOUNT:PEER:MINTIME:MAXTIME");
        GateTest.Run rate = GateTest.gate("probe", "--base-url", stub.baseUrl(), "--sdkappid", "1400000000",
                "--identifier", "admin", "--secret-key", "k", "--group", "g", "--max-rate", "201");
        assertThat(rate.err()).contains("is at most 200");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GateTest.Run down = probe("http://127.0.0.1:" + port, 1400000000L, reports, "--group", "g");
        assertThat(down.code()).isEqualTo(Gate.NOT_RUN);
        assertThat(down.err()).contains("target unreachable");
        GateTest.Run help = GateTest.gate("probe", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--max-requests N").contains("--c2c A:B:MINTIME:MAXTIME");
    }
}
