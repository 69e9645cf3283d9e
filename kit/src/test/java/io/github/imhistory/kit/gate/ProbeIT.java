package io.github.imhistory.kit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.kit.server.Breakages;
import io.github.imhistory.kit.server.BrokenServer;
import io.github.imhistory.kit.server.StandaloneJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gate jar's {@code probe} as its own process against the standalone jar as README's first command
 * starts it (the demo tenant, any usersig accepted): the README's probe command, as written, passes; in front of a
 * broken server it exits 1 naming the rule.
 */
class ProbeIT {
    static StandaloneJar standalone;
    static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        standalone = StandaloneJar.start("--port", "0");
        baseUrl = standalone.awaitListening();
    }

    @AfterAll
    static void stop() throws Exception {
        standalone.close();
    }

    /**
     * README's probe command (quick start "check a live endpoint", continuation lines joined, quotes removed) with the
     * jar as built, against {@code base} instead of port 8080, writing its reports into {@code reports}.
     */
    static List<String> readmeCommand(String base) throws Exception {
        String readme = Files.readString(JarProcess.repoRoot().resolve("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("### The probe"));
        Matcher m = Pattern.compile("(?m)^java -jar kit/target/im-history-kit-gate\\.jar probe(?:[^\\n]*\\\\\\n)*[^\\n]*$")
                .matcher(section);
        assertThat(m.find()).as("the README's probe command").isTrue();
        List<String> command = new ArrayList<>();
        for (String token : m.group().replace("\\\n", " ").trim().split("\\s+")) {
            command.add(GateIT.BASE.matcher(token.replaceAll("^'(.*)'$", "$1")).replaceAll(base));
        }
        assertThat(command).startsWith("java", "-jar", "kit/target/im-history-kit-gate.jar", "probe")
                .contains("--secret-key", TenantSpec.DEFAULT_SECRET_KEY);
        command.set(2, JarProcess.jar("imhistory.gateJar").toString());
        command.addAll(List.of("--report-dir", "reports"));
        return command;
    }

    @Test
    void theReadmeProbeCommandPassesAgainstTheStandalone(@TempDir Path dir) throws Exception {
        try (JarProcess probe = JarProcess.start(dir, readmeCommand(baseUrl))) {
            int code = probe.awaitExit(300);
            assertThat(code).as(probe.output()).isZero();
            assertThat(probe.output()).contains("im-history probe: ").contains("PASS C2C-PAGE-008")
                    .contains("PASS GRP-RECALL-002").contains("PASS OA-PAGE-002").contains("PASS C2C-ERR-002")
                    .contains("Note: requests: ").contains("bad UserSigs were not sent").contains("CONFORMANT");
            Path reports = dir.resolve("reports");
            assertThat(Files.readString(reports.resolve("conformance.json"))).contains("\"conformant\" : true");
            assertThat(reports.resolve("CONFORMANCE.md")).exists();
            GateIT.everyTestCaseIsNamedByACatalogueRule(reports.resolve(JUnitXmlReport.FILE_NAME));
        }
    }

    @Test
    void theProbeJarFailsABrokenServerNamingTheRule(@TempDir Path dir) throws Exception {
        try (BrokenServer broken = new BrokenServer(baseUrl, Breakages.dropsBoundaryMessage());
             JarProcess probe = JarProcess.start(dir, readmeCommand(broken.baseUrl()))) {
            int code = probe.awaitExit(300);
            assertThat(code).as(probe.output()).isEqualTo(1);
            assertThat(probe.output()).contains("FAIL C2C-PAGE-008").contains("NOT CONFORMANT");
            assertThat(ProbeBrokenServersTest.failed(dir.resolve("reports"))).containsExactly("C2C-PAGE-008");
        }
    }
}
