package io.github.imhistory.kit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.imhistory.kit.server.SuiteConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GateArgumentsTest {

    @Test
    void optionsBecomeTheSuitesConfigurationParameters() throws Exception {
        GateArguments a = GateArguments.parse("server", "--base-url", "http://h:1", "--sdkappid=7", "--identifier", "boss",
                "--secret-key", "k", "--include", "C2C-PAGE-*", "GRP-HOLE-001,GRP-HOLE-003", "--exclude=C2C-PAGE-009",
                "--strict", "--seed", "stub-admin", "--scenario", "a-b", "--report-dir", "out/x", "--rate-limit",
                "--timeout-ms", "2500");
        assertThat(a.config).containsEntry(SuiteConfiguration.BASE_URL, "http://h:1")
                .containsEntry(SuiteConfiguration.SDKAPPID, "7")
                .containsEntry(SuiteConfiguration.IDENTIFIER, "boss")
                .containsEntry(SuiteConfiguration.SECRET_KEY, "k")
                .containsEntry(SuiteConfiguration.INCLUDE, "C2C-PAGE-*,GRP-HOLE-001,GRP-HOLE-003")
                .containsEntry(SuiteConfiguration.EXCLUDE, "C2C-PAGE-009")
                .containsEntry(SuiteConfiguration.STRICT, "true")
                .containsEntry(SuiteConfiguration.RATE_LIMIT, "true")
                .containsEntry(SuiteConfiguration.SCENARIOS, "a-b")
                .containsEntry(SuiteConfiguration.TIMEOUT_MS, "2500");
        assertThat(a.reportDir).isEqualTo(Path.of("out/x"));
        SuiteConfiguration c = SuiteConfiguration.of(a.config);
        assertThat(c.options().include()).containsExactly("C2C-PAGE-*", "GRP-HOLE-001", "GRP-HOLE-003");
        assertThat(c.options().strict()).isTrue();
        assertThat(c.target().orElseThrow().timeout().toMillis()).isEqualTo(2500);
    }

    @Test
    void aUserSigReplacesTheSecretKey() throws Exception {
        GateArguments a = GateArguments.parse("server", "--base-url", "http://h:1", "--sdkappid", "7", "--identifier",
                "boss", "--user-sig", "eJy-sig");
        assertThat(SuiteConfiguration.of(a.config).target().orElseThrow().canSign()).isFalse();
        assertThat(SuiteConfiguration.of(a.config).target().orElseThrow().userSig(0)).isEqualTo("eJy-sig");
    }
}
