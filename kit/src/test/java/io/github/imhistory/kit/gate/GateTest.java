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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate in-process: exit codes, console, and the three report files. */
class GateTest {
    @RegisterExtension
    static final StubServer stub = new StubServer();
    static final AtomicLong SDKAPPID = new AtomicLong(1_600_000_000L);

    @TempDir
    Path reports;

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
        String xml = Files.readString(reports.resolve(JUnitXmlReport.FILE_NAME));
        assertThat(xml).contains("<error").doesNotContain("<failure");
    }

    @Test
    void theStubIsConformantAndEveryReportIsWritten() throws Exception {
        Run run = gate(server(stub.baseUrl()));

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(Gate.CONFORMANT);
        assertThat(run.lines().get(run.lines().size() - 1)).matches("[1-9][0-9]* passed, 0 failed, [0-9]+ skipped");
        assertThat(run.out()).contains("PASS C2C-PAGE-008").contains("CONFORMANT");

        Path xml = reports.resolve(JUnitXmlReport.FILE_NAME);
        assertThat(xml).exists();
        String xmlText = Files.readString(xml);
        assertThat(xmlText).contains("<testsuite").contains("C2C-PAGE-008 [MUST, inferred]").doesNotContain("<failure");
        assertThat(reports.resolve("TEST-junit-jupiter.xml")).as("JUnit's legacy XML names tests by index").doesNotExist();

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
    void everyReportCountsTheSameAndEveryXmlTestCaseIsNamedByItsRule() throws Exception {
        Run run = gate(server(stub.baseUrl(), "--include", "C2C-*,COM-QRY-*"));
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(Gate.CONFORMANT);
        Counts console = Counts.of(run.lines().get(run.lines().size() - 1));
        assertThat(console.passed()).isPositive();

        JsonNode json = Json.STRICT.readTree(reports.resolve("conformance.json").toFile());
        JsonNode t = json.path("summary").path("tests");
        assertThat(new Counts(t.path("passed").asLong(), t.path("failed").asLong(), t.path("skipped").asLong(),
                t.path("errors").asLong())).isEqualTo(console);
        String md = Files.readString(reports.resolve("CONFORMANCE.md"));
        assertThat(md).contains("- Tests: " + console.line());
        assertThat(run.out()).contains("Tests: " + console.line());

        org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve(JUnitXmlReport.FILE_NAME).toFile());
        org.w3c.dom.Element suite = (org.w3c.dom.Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(new Counts(Long.parseLong(suite.getAttribute("tests")) - Long.parseLong(suite.getAttribute("failures"))
                - Long.parseLong(suite.getAttribute("skipped")) - Long.parseLong(suite.getAttribute("errors")),
                Long.parseLong(suite.getAttribute("failures")), Long.parseLong(suite.getAttribute("skipped")),
                Long.parseLong(suite.getAttribute("errors")))).isEqualTo(console);
        org.w3c.dom.NodeList cases = xml.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(console.passed() + console.failed() + console.skipped() + console.errors());
        java.util.Set<String> ids = new java.util.HashSet<>();
        RuleCatalog.bundled().all().forEach(r -> ids.add(r.id()));
        for (int i = 0; i < cases.getLength(); i++) {
            org.w3c.dom.Element c = (org.w3c.dom.Element) cases.item(i);
            String name = c.getAttribute("name");
            String rule = name.substring(0, Math.max(0, name.indexOf(' ')));
            assertThat(ids).as("the rule ID that starts %s", name).contains(rule);
            assertThat(name).matches("[A-Z0-9-]+ \\[(MUST|SHOULD), (documented|inferred)\\] .+ \\([a-z0-9-]+\\)");
            Map<String, String> properties = new HashMap<>();
            org.w3c.dom.NodeList ps = c.getElementsByTagName("property");
            for (int j = 0; j < ps.getLength(); j++) {
                org.w3c.dom.Element p = (org.w3c.dom.Element) ps.item(j);
                properties.put(p.getAttribute("name"), p.getAttribute("value"));
            }
            assertThat(properties).containsEntry("rule", rule);
            assertThat(name).endsWith("(" + properties.get("scenario") + ")");
            assertThat(c.getAttribute("classname")).isEqualTo("im-history." + properties.get("scenario"));
        }
    }

    @Test
    void withSeedNoneTheRulesAndTestsCountTheSameRun() throws Exception {
        long sdkappid = SDKAPPID.getAndIncrement();
        assertThat(HttpTransportSupport.post(stub.baseUrl() + "/__imhistory/tenants/" + sdkappid + "/scenario/c2c-doc-two-pages"))
                .isEqualTo(201);
        Run run = gate("server", "--base-url", stub.baseUrl(), "--sdkappid", Long.toString(sdkappid), "--identifier",
                StubServer.ADMIN, "--secret-key", StubServer.SECRET_KEY, "--seed", "none", "--scenario", "c2c-doc-two-pages",
                "--report-dir", reports.toString());
        assertThat(run.code()).as(run.out()).isEqualTo(Gate.CONFORMANT);
        Counts tests = Counts.of(run.lines().get(run.lines().size() - 1));
        assertThat(tests.skipped()).isZero();
        long rules = RuleCatalog.bundled().bindingServer().size();
        assertThat(run.out()).contains("Rules: " + tests.passed() + " pass, 0 fail (0 blocking), 0 skip; "
                + (rules - tests.passed()) + " not run");
        JsonNode json = Json.STRICT.readTree(reports.resolve("conformance.json").toFile());
        assertThat(json.path("summary").path("rules").path("skip").asLong()).isZero();
        assertThat(json.path("summary").path("rules").path("notRun").asLong()).isEqualTo(rules - tests.passed());
    }

    @Test
    void stubAdminSeedingUsesATenantOfItsOwnAndLeavesEveryOtherAsItWas() throws Exception {
        long taken = SDKAPPID.getAndIncrement();
        assertThat(HttpTransportSupport.post(stub.baseUrl() + "/__imhistory/tenants/" + taken + "/scenario/demo-history"))
                .isEqualTo(201);
        String before = HttpTransportSupport.get(stub.baseUrl() + "/__imhistory/tenants");

        // a tenant the gate did not load is never replaced: the run stops before anything is sent
        Run refused = gate("server", "--base-url", stub.baseUrl(), "--sdkappid", Long.toString(taken), "--report-dir",
                reports.toString());
        assertThat(refused.code()).as(refused.out()).isEqualTo(Gate.NOT_RUN);
        assertThat(refused.out()).contains("already holds a tenant (scenario demo-history)").contains("without --sdkappid");

        // without --sdkappid the gate picks a free one of its range, and removes it at the end
        Run own = gate("server", "--base-url", stub.baseUrl(), "--scenario", "c2c-doc-two-pages,group-holes",
                "--report-dir", reports.toString());
        assertThat(own.code()).as(own.out() + own.err()).isEqualTo(Gate.CONFORMANT);
        assertThat(own.out()).containsPattern("sdkappid 199[0-9]{7}").contains("a tenant of the gate's own");
        assertThat(HttpTransportSupport.get(stub.baseUrl() + "/__imhistory/tenants"))
                .as("the tenants after the runs, requests counted").isEqualTo(before);
    }

    @Test
    void aSeedCommandLoadsEachScenario() throws Exception {
        Path script = Path.of(System.getProperty("imhistory.repoRoot", ".."), "examples", "seed-command",
                "seed-im-history-stub.sh");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/usr/bin/curl")) || Files.exists(Path.of("/bin/curl")),
                "the example seed command uses curl");
        long sdkappid = SDKAPPID.getAndIncrement();
        Run run = gate("server", "--base-url", stub.baseUrl(), "--sdkappid", Long.toString(sdkappid), "--identifier",
                StubServer.ADMIN, "--secret-key", StubServer.SECRET_KEY, "--seed-command", "sh " + script,
                "--scenario", "c2c-doc-two-pages,group-holes", "--report-dir", reports.toString());
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(Gate.CONFORMANT);
        assertThat(run.out()).contains("seed command").contains("PASS C2C-PAGE-001");

        Run failing = gate("server", "--base-url", stub.baseUrl(), "--sdkappid", Long.toString(sdkappid), "--identifier",
                StubServer.ADMIN, "--secret-key", StubServer.SECRET_KEY, "--seed-command", "echo cannot reach the database;"
                        + " exit 3;", "--scenario", "c2c-doc-two-pages", "--report-dir", reports.toString());
        assertThat(failing.code()).as(failing.out()).isEqualTo(Gate.NOT_RUN);
        assertThat(failing.out()).contains("the seed command exited with 3").contains("cannot reach the database");
    }

    @Test
    void versionNamesTheBuild() {
        Run run = gate("--version");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("im-history kit gate ").contains("(commit ");
    }

    /** The closing line's counts: {@code 12 passed, 0 failed, 3 skipped[, 1 errors]}. */
    record Counts(long passed, long failed, long skipped, long errors) {
        static Counts of(String line) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped(?:, ([0-9]+) errors)?").matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            return new Counts(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    m.group(4) == null ? 0 : Long.parseLong(m.group(4)));
        }

        String line() {
            return passed + " passed, " + failed + " failed, " + skipped + " skipped" + (errors > 0 ? ", " + errors + " errors" : "");
        }
    }

    @Test
    void aBrokenServerIsNotConformantAndTheReportsNameTheRule() throws Exception {
        try (BrokenServer broken = new BrokenServer(stub.baseUrl(), Breakages.dropsBoundaryMessage())) {
            Run run = gate(server(broken.baseUrl(), "--include", "C2C-*"));

            assertThat(run.code()).as(run.out() + run.err()).isEqualTo(Gate.NOT_CONFORMANT);
            assertThat(run.out()).contains("FAIL C2C-PAGE-008").contains("NOT CONFORMANT");
            assertThat(run.lines().get(run.lines().size() - 1)).matches("[0-9]+ passed, [1-9][0-9]* failed, [0-9]+ skipped");

            assertThat(Files.readString(reports.resolve(JUnitXmlReport.FILE_NAME))).contains("<failure");
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
            assertThat(lenient.out()).contains("WARN GRP-MSG-003").contains("are SHOULD findings: reported, not failed");
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
                        "--secret-key", "k", "--seed", "none", "--scenario", "c2c-doc-two-pages"}, "--sdkappid is required"),
                Arguments.of("missing key", new String[] {"server", "--base-url", "http://127.0.0.1:1", "--sdkappid", "1",
                        "--identifier", "admin", "--seed-command", "true"}, "--secret-key (or --user-sig) is required"),
                Arguments.of("missing base URL", new String[] {"server"}, "--base-url is required"),
                Arguments.of("seed command without a command", new String[] {"server", "--base-url", "http://127.0.0.1:1",
                        "--seed", "command"}, "--seed command needs --seed-command"),
                Arguments.of("seed none and a command", new String[] {"server", "--base-url", "http://127.0.0.1:1",
                        "--seed", "none", "--seed-command", "true"}, "leave out --seed none"),
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
