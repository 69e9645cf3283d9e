package io.github.imhistory.kit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleCatalog;
import io.github.imhistory.kit.server.Breakages;
import io.github.imhistory.kit.server.BrokenServer;
import io.github.imhistory.kit.server.StubServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate in-process: exit codes, console, and the three report files. */
class GateTest {
    static StubServer stub;
    static final AtomicLong SDKAPPID = new AtomicLong(1_600_000_000L);

    @TempDir
    Path reports;

    @BeforeAll
    static void start() {
        stub = new StubServer();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    /** What one gate run printed and returned. */
    record Run(int code, String out, String err) {
        List<String> lines() {
            return Arrays.asList(out.strip().split("\n"));
        }
    }

    static Run gate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Gate.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    String[] server(String baseUrl, String... more) {
        List<String> args = new ArrayList<>(List.of("server", "--base-url", baseUrl,
                "--sdkappid", Long.toString(SDKAPPID.getAndIncrement()), "--identifier", StubServer.ADMIN,
                "--secret-key", StubServer.SECRET_KEY, "--report-dir", reports.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void anEngineExceptionIsAKitErrorNotAFindingAgainstTheServer() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Gate.run(server(stub.baseUrl(), "--scenario", "c2c-doc-two-pages"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                io.github.imhistory.kit.server.FailingOracleSuite.class);
        String console = out.toString(StandardCharsets.UTF_8);

        assertThat(code).as(console).isEqualTo(Gate.NOT_RUN);
        assertThat(console).contains("KIT ERROR").contains("a bug of the engine (simulated)")
                .doesNotContain("NOT CONFORMANT").doesNotContainPattern("(?m)^FAIL ");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("kit error");
        String xml = Files.readString(reports.resolve("TEST-junit-jupiter.xml"));
        assertThat(xml).contains("<error").doesNotContain("<failure");
    }

    @Test
    void theStubIsConformantAndEveryReportIsWritten() throws Exception {
        Run run = gate(server(stub.baseUrl()));

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(Gate.CONFORMANT);
        assertThat(run.lines().get(run.lines().size() - 1)).matches("[1-9][0-9]* passed, 0 failed, [0-9]+ skipped");
        assertThat(run.out()).contains("PASS C2C-PAGE-008").contains("CONFORMANT");

        Path xml = reports.resolve("TEST-junit-jupiter.xml");
        assertThat(xml).exists();
        String xmlText = Files.readString(xml);
        assertThat(xmlText).contains("<testsuite").contains("C2C-PAGE-008 [MUST, inferred]").doesNotContain("<failure");

        assertThat(Files.readString(reports.resolve("open-test-report.xml"))).contains("C2C-PAGE-008 [MUST, inferred]");

        JsonNode json = Json.STRICT.readTree(reports.resolve("conformance.json").toFile());
        assertThat(json.path("conformant").asBoolean()).isTrue();
        List<Rule> serverRules = RuleCatalog.bundled().bindingServer();
        assertThat(json.path("rules").size()).isEqualTo(serverRules.size());
        Map<String, JsonNode> byId = new HashMap<>();
        json.path("rules").forEach(r -> byId.put(r.path("id").asText(), r));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(serverRules.stream().map(Rule::id).toList());
        for (JsonNode r : byId.values()) {
            assertThat(r.path("verdict").asText()).as(r.toString()).isIn("pass", "skip");
            assertThat(r.path("level").asText()).isIn("MUST", "SHOULD");
            assertThat(r.path("basis").asText()).isIn("documented", "inferred");
            assertThat(r.path("reason").asText()).isNotBlank();
        }
        JsonNode page8 = byId.get("C2C-PAGE-008");
        assertThat(page8.path("verdict").asText()).isEqualTo("pass");
        assertThat(page8.path("scenarios").toString()).contains("c2c-equal-timestamps-page-boundary");
        // every rule some scenario names is checked against the stub, not skipped
        byId.values().stream().filter(r -> r.path("scenarios").size() > 0)
                .forEach(r -> assertThat(r.path("verdict").asText()).as(r.toString()).isEqualTo("pass"));

        String md = Files.readString(reports.resolve("CONFORMANCE.md"));
        assertThat(md).contains("**Verdict: CONFORMANT**")
                .contains("| Rule | Level | Basis | Verdict | Reason |")
                .contains("| C2C-PAGE-008 | MUST | inferred | pass |");
        assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Rule")).count())
                .isEqualTo(serverRules.size());
    }

    @Test
    void aBrokenServerIsNotConformantAndTheReportsNameTheRule() throws Exception {
        try (BrokenServer broken = new BrokenServer(stub.baseUrl(), Breakages.dropsBoundaryMessage())) {
            Run run = gate(server(broken.baseUrl(), "--include", "C2C-*"));

            assertThat(run.code()).as(run.out() + run.err()).isEqualTo(Gate.NOT_CONFORMANT);
            assertThat(run.out()).contains("FAIL C2C-PAGE-008").contains("NOT CONFORMANT");
            assertThat(run.lines().get(run.lines().size() - 1)).matches("[0-9]+ passed, [1-9][0-9]* failed, [0-9]+ skipped");

            assertThat(Files.readString(reports.resolve("TEST-junit-jupiter.xml"))).contains("<failure");
            JsonNode json = Json.STRICT.readTree(reports.resolve("conformance.json").toFile());
            assertThat(json.path("conformant").asBoolean()).isFalse();
            JsonNode rule = find(json, "C2C-PAGE-008");
            assertThat(rule.path("verdict").asText()).isEqualTo("fail");
            assertThat(rule.path("blocking").asBoolean()).isTrue();
            assertThat(rule.path("reason").asText()).contains("skipped");
            assertThat(find(json, "GRP-PAGE-004").path("reason").asText()).contains("not selected");
            assertThat(Files.readString(reports.resolve("CONFORMANCE.md")))
                    .contains("**Verdict: NOT CONFORMANT**").contains("| C2C-PAGE-008 | MUST | inferred | fail |");
        }
    }

    @Test
    void anUnmetShouldRuleIsReportedButOnlyStrictModeFailsIt() throws Exception {
        try (BrokenServer broken = new BrokenServer(stub.baseUrl(), Breakages.marksGroupMessagesIsSystemMsg0())) {
            Run lenient = gate(server(broken.baseUrl(), "--include", "GRP-*"));
            assertThat(lenient.code()).as(lenient.out() + lenient.err()).isEqualTo(Gate.CONFORMANT);
            assertThat(lenient.out()).contains("WARN GRP-MSG-003").contains("SHOULD findings reported");
            JsonNode rule = find(Json.STRICT.readTree(reports.resolve("conformance.json").toFile()), "GRP-MSG-003");
            assertThat(rule.path("verdict").asText()).isEqualTo("fail");
            assertThat(rule.path("blocking").asBoolean()).isFalse();
            assertThat(Files.readString(reports.resolve("CONFORMANCE.md"))).contains("| GRP-MSG-003 | SHOULD | inferred | fail (not blocking) |");

            Run strict = gate(server(broken.baseUrl(), "--include", "GRP-*", "--strict"));
            assertThat(strict.code()).as(strict.out()).isEqualTo(Gate.NOT_CONFORMANT);
            assertThat(strict.out()).contains("FAIL GRP-MSG-003");
        }
    }

    static Stream<Arguments> badUsage() {
        return Stream.of(
                Arguments.of("no arguments", new String[] {}, "no command"),
                Arguments.of("unknown command", new String[] {"client"}, "unknown command client"),
                Arguments.of("missing sdkappid", new String[] {"server", "--base-url", "http://127.0.0.1:1", "--identifier", "admin",
                        "--secret-key", "k"}, "--sdkappid is required"),
                Arguments.of("missing key", new String[] {"server", "--base-url", "http://127.0.0.1:1", "--sdkappid", "1",
                        "--identifier", "admin"}, "--secret-key (or --user-sig) is required"),
                Arguments.of("unknown option", new String[] {"server", "--base-url", "http://127.0.0.1:1", "--sdkappid", "1",
                        "--identifier", "admin", "--secret-key", "k", "--colour"}, "unknown option --colour"),
                Arguments.of("value missing", new String[] {"server", "--base-url", "--sdkappid", "1"}, "--base-url needs a value"),
                Arguments.of("sdkappid not a number", new String[] {"server", "--base-url", "http://127.0.0.1:1", "--sdkappid",
                        "abc", "--identifier", "admin", "--secret-key", "k"}, "imhistory.sdkappid must be an integer"),
                Arguments.of("not a URL", new String[] {"server", "--base-url", "localhost:8080", "--sdkappid", "1",
                        "--identifier", "admin", "--secret-key", "k"}, "base URL must be"),
                Arguments.of("unknown rule", new String[] {"server", "--base-url", "http://127.0.0.1:1", "--sdkappid", "1",
                        "--identifier", "admin", "--secret-key", "k", "--include", "C2C-PAGE-999"}, "no rule of the catalogue matches"),
                Arguments.of("client-only rule", new String[] {"server", "--base-url", "http://127.0.0.1:1", "--sdkappid", "1",
                        "--identifier", "admin", "--secret-key", "k", "--include", "C2C-CONT-001"}, "binds clients only"),
                Arguments.of("unknown scenario", new String[] {"server", "--base-url", "http://127.0.0.1:1", "--sdkappid", "1",
                        "--identifier", "admin", "--secret-key", "k", "--scenario", "no-such-scenario"}, "unknown scenario"),
                Arguments.of("seed none without scenarios", new String[] {"server", "--base-url", "http://127.0.0.1:1", "--sdkappid",
                        "1", "--identifier", "admin", "--secret-key", "k", "--seed", "none"}, "--seed none needs --scenario"),
                Arguments.of("unknown seed", new String[] {"server", "--base-url", "http://127.0.0.1:1", "--sdkappid", "1",
                        "--identifier", "admin", "--secret-key", "k", "--seed", "magic"}, "must be stub-admin or none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUsage")
    void badUsageExitsWith2AndPrintsTheUsage(String name, String[] args, String message) {
        Run run = gate(args);
        assertThat(run.code()).isEqualTo(Gate.NOT_RUN);
        assertThat(run.err()).contains(message).contains("usage: java -jar im-history-kit-gate.jar server");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aRunThatChecksNothingExitsWith2() {
        // a pre-seeded server can never play a scenario that scripts deviations: every test is skipped
        Run run = gate(server(stub.baseUrl(), "--seed", "none", "--scenario", "c2c-deviation-http-502-mid-walk"));
        assertThat(run.code()).as(run.out()).isEqualTo(Gate.NOT_RUN);
        assertThat(run.out()).contains("SKIP").contains("only the im-history stub can play");
        assertThat(run.lines().get(run.lines().size() - 1)).matches("0 passed, 0 failed, [1-9][0-9]* skipped");
        assertThat(run.err()).contains("nothing was checked");
    }

    @Test
    void helpGoesToStdoutWithExit0() {
        Run run = gate("--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("usage:").contains("Exit codes: 0 conformant, 1 not conformant, 2 bad usage");
    }

    @Test
    void anUnreachableTargetExitsWith2BeforeRunningAnything() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } // closed: nothing listens there now
        Run run = gate(server("http://127.0.0.1:" + port));
        assertThat(run.code()).isEqualTo(Gate.NOT_RUN);
        assertThat(run.err()).contains("target unreachable").contains("127.0.0.1:" + port);
        assertThat(run.out()).isEmpty();
        assertThat(reports.resolve("conformance.json")).doesNotExist();
    }

    @Test
    void stubAdminSeedingAgainstAServerWithoutTheAdminApiExitsWith2() throws Exception {
        HttpServer plain = BrokenServer.loopbackServer();
        plain.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        plain.start();
        try {
            Run run = gate(server("http://127.0.0.1:" + plain.getAddress().getPort()));
            assertThat(run.code()).isEqualTo(Gate.NOT_RUN);
            assertThat(run.err()).contains("--seed stub-admin needs the im-history stub's admin API").contains("--seed none");
        } finally {
            plain.stop(0);
        }
    }

    private static JsonNode find(JsonNode report, String id) {
        for (JsonNode r : report.path("rules")) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no rule " + id + " in the report");
    }
}
