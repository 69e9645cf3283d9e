package io.github.imhistory.kit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RuleCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README's gate quick start, run as a user runs it: the standalone started by the README's first command (no
 * flags), then the gate command of the quick start, both as processes of the packaged jars. The gate is conformant
 * (exit 0), its JUnit XML names every test case by a rule of the catalogue, and the demo tenant answers byte for
 * byte as before.
 */
class GateIT {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Pattern BASE = Pattern.compile("http://127\\.0\\.0\\.1:8080");

    @Test
    void theReadmeGateQuickStartIsConformantOnTheReadmeStubAndLeavesTheDemoAsItWas(@TempDir Path dir) throws Exception {
        String readme = Files.readString(JarProcess.repoRoot().resolve("README.md"), StandardCharsets.UTF_8);
        List<String> stubCommand = firstCommand(readme);
        assertThat(stubCommand).containsExactly("java", "-jar", "stubs/target/im-history-stubs-standalone.jar");
        List<String> gateCommand = gateCommand(readme);
        assertThat(gateCommand).startsWith("java", "-jar", "kit/target/im-history-kit-gate.jar", "server");

        // the jars as built (paths made absolute: the processes run in a temporary directory, so that the report
        // directory the README names lands there)
        stubCommand.set(2, JarProcess.jar("imhistory.standaloneJar").toString());
        gateCommand.set(2, JarProcess.jar("imhistory.gateJar").toString());
        boolean port8080 = free(8080);
        if (!port8080) { // another program holds the README's port on this machine: the same commands on a free one
            System.out.println("GateIT: port 8080 is in use here; the stub runs with --port 0 instead");
            stubCommand.addAll(List.of("--port", "0"));
        }
        try (JarProcess stub = JarProcess.start(dir, stubCommand)) {
            stub.awaitOutput("Stop: Ctrl+C");
            Matcher m = Pattern.compile("listening on (http://\\S+)").matcher(stub.output());
            assertThat(m.find()).isTrue();
            String base = m.group(1);
            List<String> gate = new ArrayList<>();
            gateCommand.forEach(a -> gate.add(BASE.matcher(a).replaceAll(base)));

            List<byte[]> demoBefore = demoPages(base);
            JsonNode tenantsBefore = tenantsWithoutCounters(base);

            try (JarProcess run = JarProcess.start(dir, gate)) {
                int code = run.awaitExit(600);
                String out = run.output();
                assertThat(code).as(out).isZero();
                List<String> lines = out.strip().lines().toList();
                assertThat(lines.get(lines.size() - 1)).matches("[1-9][0-9]* passed, 0 failed, [0-9]+ skipped");
                assertThat(out).contains("CONFORMANT").doesNotContain("NOT CONFORMANT").containsPattern("sdkappid 199[0-9]{7}");
            }
            assertThat(demoPages(base)).as("the demo tenant's first pages, byte for byte")
                    .usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(demoBefore);
            assertThat(tenantsWithoutCounters(base)).as("every tenant as before; the gate's own is gone").isEqualTo(tenantsBefore);

            Path reports = dir.resolve(gateCommand.get(gateCommand.indexOf("--report-dir") + 1));
            everyTestCaseIsNamedByACatalogueRule(reports.resolve(JUnitXmlReport.FILE_NAME));
            assertThat(Json.STRICT.readTree(reports.resolve("conformance.json").toFile()).path("conformant").asBoolean()).isTrue();
        }
    }

    @Test
    void bothJarsSayTheirVersionAndTheGateRefusesBadUsageWithoutAStackTrace(@TempDir Path dir) throws Exception {
        for (String property : List.of("imhistory.gateJar", "imhistory.standaloneJar")) {
            try (JarProcess p = JarProcess.start(dir, List.of("java", "-jar", JarProcess.jar(property).toString(), "--version"))) {
                assertThat(p.awaitExit(60)).isZero();
                assertThat(p.output()).matches("(?s)im-history (kit gate|stubs) [0-9][^ ]* \\(commit ([0-9a-f]{40}(-dirty)?|unknown)\\)\\s*");
            }
        }
        try (JarProcess p = JarProcess.start(dir, List.of("java", "-jar", JarProcess.jar("imhistory.gateJar").toString(),
                "server", "--base-url", "http://127.0.0.1:9", "--seed", "none"))) {
            assertThat(p.awaitExit(60)).isEqualTo(2);
            assertThat(p.output()).contains("--sdkappid is required with --seed none", "usage:").doesNotContain("Exception", "\tat ");
        }
    }

    static void everyTestCaseIsNamedByACatalogueRule(Path xml) throws Exception {
        Set<String> ids = new HashSet<>();
        RuleCatalog.bundled().all().forEach(r -> ids.add(r.id()));
        NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
                .getElementsByTagName("testcase");
        assertThat(cases.getLength()).isPositive();
        for (int i = 0; i < cases.getLength(); i++) {
            String name = ((Element) cases.item(i)).getAttribute("name");
            assertThat(ids).as("a rule ID of the catalogue starting the test case name %s", name)
                    .contains(name.split(" ", 2)[0]);
        }
    }

    /** The command after {@code &&} on the README's first command line (build, then start the stub). */
    static List<String> firstCommand(String readme) {
        String section = readme.substring(readme.indexOf("## The two commands"));
        Matcher m = Pattern.compile("(?m)^mvn [^\\n]*&& (java -jar [^\\n]*)$").matcher(section);
        assertThat(m.find()).as("the README's first command").isTrue();
        return new ArrayList<>(Arrays.asList(m.group(1).trim().split("\\s+")));
    }

    /** The gate command of the README's gate quick start (continuation lines joined). */
    static List<String> gateCommand(String readme) {
        String section = readme.substring(readme.indexOf("## Quick start: CI gate for a server"));
        Matcher m = Pattern.compile("(?m)^java -jar kit/target/im-history-kit-gate\\.jar server(?:[^\\n]*\\\\\\n)*[^\\n]*$")
                .matcher(section);
        assertThat(m.find()).as("the README's gate command").isTrue();
        return new ArrayList<>(Arrays.asList(m.group().replace("\\\n", " ").trim().split("\\s+")));
    }

    /** The first page of each API of the demo tenant, as the README's curl asks for it. */
    static List<byte[]> demoPages(String base) throws Exception {
        String query = "?sdkappid=1400000000&identifier=admin&usersig=any&random=99999999&contenttype=json";
        List<byte[]> pages = new ArrayList<>();
        for (String[] call : new String[][] {
                {"/v4/openim/admin_getroammsg", "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":20,\"MinTime\":1700000000,\"MaxTime\":1700000499}"},
                {"/v4/group_open_http_svc/group_msg_get_simple", "{\"GroupId\":\"@TGS#DEMO\",\"ReqMsgNumber\":20}"},
                {"/v4/official_account_open_http_svc/official_account_msg_get_simple", "{\"Official_Account\":\"@TOA#_DEMO\",\"ReqMsgNumber\":20}"}}) {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + call[0] + query))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call[1])).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"ErrorCode\":0");
            pages.add(r.body());
        }
        return pages;
    }

    /** GET /__imhistory/tenants without the request counters (the pages read above count). */
    static JsonNode tenantsWithoutCounters(String base) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/__imhistory/tenants")).build(),
                HttpResponse.BodyHandlers.ofString());
        ArrayNode tenants = (ArrayNode) Json.parseStrict(r.body(), "tenants");
        tenants.forEach(t -> ((ObjectNode) t).remove("requests"));
        return tenants;
    }

    static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
