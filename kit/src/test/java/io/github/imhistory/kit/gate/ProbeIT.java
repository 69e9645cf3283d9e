package io.github.imhistory.kit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.kit.server.Breakages;
import io.github.imhistory.kit.server.BrokenServer;
import io.github.imhistory.kit.server.StandaloneJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gate jar's {@code probe} as its own process against the standalone jar as README's first command
 * starts it (the demo tenant, any usersig accepted): the README's probe command passes; in front of a broken server
 * it exits 1 naming the rule.
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

    /** README's probe command (quick start "check a live endpoint"), against {@code base}. */
    static List<String> readmeCommand(String base) {
        return new ArrayList<>(List.of("java", "-jar", JarProcess.jar("imhistory.gateJar").toString(), "probe",
                "--base-url", base, "--sdkappid", "1400000000", "--identifier", "admin",
                "--secret-key", TenantSpec.DEFAULT_SECRET_KEY, "--skip-usersig-checks",
                "--c2c", "user1:user2:1700000400:1700000499", "--group", "@TGS#DEMO", "--official-account", "@TOA#_DEMO",
                "--report-dir", "reports"));
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
