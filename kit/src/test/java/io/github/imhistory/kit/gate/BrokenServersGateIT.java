package io.github.imhistory.kit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Json;
import io.github.imhistory.kit.server.BrokenServer.Breakage;
import io.github.imhistory.kit.server.BrokenServer;
import io.github.imhistory.kit.server.BrokenServersTest;
import io.github.imhistory.kit.server.StubServer;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken server of {@link BrokenServersTest}, judged by the packaged gate jar as its own process, as CI runs it:
 * exit code 1, and the rules failed in {@code conformance.json} are exactly the ones the bug breaks.
 */
class BrokenServersGateIT {
    @RegisterExtension
    static final StubServer stub = new StubServer();
    static final AtomicLong SDKAPPID = new AtomicLong(1_700_000_000L);

    static Stream<Arguments> brokenServers() {
        return BrokenServersTest.brokenServers();
    }

    @ParameterizedTest(name = "{0}: the gate jar exits 1 failing {3}")
    @MethodSource("brokenServers")
    void theGateJarFailsEachBrokenServerOnItsRules(String name, Breakage breakage, String include, List<String> rules,
                                                   @TempDir Path dir) throws Exception {
        try (BrokenServer broken = new BrokenServer(stub.baseUrl(), breakage);
             JarProcess gate = JarProcess.start(dir, List.of("java", "-jar", JarProcess.jar("imhistory.gateJar").toString(),
                     "server", "--base-url", broken.baseUrl(), "--sdkappid", Long.toString(SDKAPPID.getAndIncrement()),
                     "--include", include, "--strict", "--report-dir", "reports"))) {
            int code = gate.awaitExit(600);
            assertThat(code).as("exit code of the gate against a server that %s:\n%s", name, gate.output()).isEqualTo(1);
            JsonNode report = Json.STRICT.readTree(dir.resolve("reports").resolve("conformance.json").toFile());
            TreeSet<String> failed = new TreeSet<>();
            report.path("rules").forEach(r -> {
                if (r.path("verdict").asText().equals("fail")) {
                    failed.add(r.path("id").asText());
                }
            });
            assertThat(failed).as("rules failed by a server that %s:\n%s", name, gate.output())
                    .containsExactlyInAnyOrderElementsOf(rules);
            GateIT.everyTestCaseIsNamedByACatalogueRule(dir.resolve("reports").resolve(JUnitXmlReport.FILE_NAME));
        }
    }
}
