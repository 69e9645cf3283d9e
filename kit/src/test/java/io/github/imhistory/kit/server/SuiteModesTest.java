package io.github.imhistory.kit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.imhistory.contract.UserSig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult.Status;

/** The suite's other ways of running: a UserSig supplier instead of the key, a pre-seeded server, opt-ins. */
class SuiteModesTest {
    @RegisterExtension
    static final StubServer stub = new StubServer();

    @Test
    void withAUserSigSupplierTheSuiteSkipsOnlyWhatNeedsItsOwnSignatures() {
        long sdkappid = 1_800_000_001L;
        AtomicInteger handedOut = new AtomicInteger();
        ServerTarget target = ServerTarget.withUserSig(stub.baseUrl(), sdkappid, StubServer.ADMIN, () -> {
            handedOut.incrementAndGet();
            return UserSig.generate(sdkappid, StubServer.ADMIN, StubServer.SECRET_KEY, System.currentTimeMillis() / 1000, 3600);
        });
        SuiteRun run = runWith(target, Map.of(SuiteConfiguration.INCLUDE, "SIG-*,C2C-PAGE-00*"));

        assertThat(run.failed()).as(run.failureReport()).isEmpty();
        assertThat(handedOut.get()).as("the supplier is asked once per request").isGreaterThan(10);
        // literal bad UserSigs are still sent and judged by the scenario's expectation ...
        assertThat(run.passedRules()).contains("SIG-VER-001", "SIG-VER-002", "C2C-PAGE-008");
        // ... but a UserSig for another identifier, sdkappid, time or key cannot be made without the key
        SuiteRun.Result expired = run.tests().stream()
                .filter(r -> r.rule().map(n -> n.ruleId().equals("SIG-VER-006")).orElse(false)).findFirst().orElseThrow();
        assertThat(expired.status()).isEqualTo(Status.ABORTED);
        assertThat(expired.message()).contains("no secret key");
    }

    @Test
    void aPreSeededServerPlaysOnlyTheNamedScenariosAndSaysWhyOthersCannotRun() throws Exception {
        long sdkappid = 1_800_000_002L;
        // the owner loads the data themselves (here: the stub's bundled scenario, as-is)
        HttpResponse<String> loaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stub.baseUrl()
                        + "/__imhistory/tenants/" + sdkappid + "/scenario/c2c-equal-timestamps-page-boundary"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);

        SuiteRun run = runWith(ServerTarget.of(stub.baseUrl(), sdkappid, StubServer.ADMIN, StubServer.SECRET_KEY),
                Map.of(SuiteConfiguration.SEED, "none", SuiteConfiguration.SCENARIOS,
                        "c2c-equal-timestamps-page-boundary, c2c-deviation-http-502-mid-walk, common-err-60007"));

        assertThat(run.failed()).as(run.failureReport()).isEmpty();
        assertThat(run.tests()).allSatisfy(t -> assertThat(t.rule()).isPresent());
        assertThat(scenarios(run)).containsExactlyInAnyOrder("c2c-equal-timestamps-page-boundary",
                "c2c-deviation-http-502-mid-walk", "common-err-60007");
        assertThat(run.tests().stream().filter(t -> scenario(t).equals("c2c-equal-timestamps-page-boundary")))
                .isNotEmpty().allSatisfy(t -> assertThat(t.status()).isEqualTo(Status.SUCCESSFUL));
        assertThat(run.tests().stream().filter(t -> scenario(t).equals("c2c-deviation-http-502-mid-walk")))
                .isNotEmpty().allSatisfy(t -> assertThat(t.message()).contains("only the im-history stub can play"));
        assertThat(run.tests().stream().filter(t -> scenario(t).equals("common-err-60007")))
                .isNotEmpty().allSatisfy(t -> assertThat(t.message()).contains("--rate-limit"));
    }

    @Test
    void aPreSeededServerWithOtherDataFails() {
        long sdkappid = 1_800_000_003L; // nothing loaded: the server does not know this app
        SuiteRun run = runWith(ServerTarget.of(stub.baseUrl(), sdkappid, StubServer.ADMIN, StubServer.SECRET_KEY),
                Map.of(SuiteConfiguration.SEED, "none", SuiteConfiguration.SCENARIOS, "c2c-doc-two-pages"));
        assertThat(run.failedRules()).isNotEmpty();
        assertThat(run.failureReport()).contains("70020");
    }

    @Test
    void configurationProblemsAreNamedBeforeAnythingIsSent() {
        SuiteConfiguration c = SuiteConfiguration.of(Map.of(SuiteConfiguration.BASE_URL, "http://127.0.0.1:1",
                SuiteConfiguration.SDKAPPID, "1", SuiteConfiguration.IDENTIFIER, "admin",
                SuiteConfiguration.SECRET_KEY, "k", SuiteConfiguration.SEED, "none",
                SuiteConfiguration.SCENARIOS, "c2c-doc-two-pages", SuiteConfiguration.INCLUDE, "C2C-CONT-*,NOPE-1"));
        assertThat(c.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("C2C-CONT-*").contains("binds clients only"))
                .anySatisfy(p -> assertThat(p).contains("NOPE-1").contains("no rule"));
        assertThat(SuiteConfiguration.of(Map.of(SuiteConfiguration.BASE_URL, "http://127.0.0.1:1",
                SuiteConfiguration.SDKAPPID, "1", SuiteConfiguration.IDENTIFIER, "admin",
                SuiteConfiguration.SECRET_KEY, "k", SuiteConfiguration.STRICT, "yes")).problems())
                .containsExactly("imhistory.strict must be true or false, was yes");
        assertThat(SuiteConfiguration.of(Map.of(SuiteConfiguration.BASE_URL, "http://127.0.0.1:1",
                SuiteConfiguration.SDKAPPID, "1", SuiteConfiguration.IDENTIFIER, "admin",
                SuiteConfiguration.SECRET_KEY, "k", SuiteConfiguration.SEED, "none")).problems())
                .anySatisfy(p -> assertThat(p).contains("name the scenarios the server holds"));
        assertThatThrownBy(() -> ServerTarget.of("ftp://x", 1, "admin", "k")).hasMessageContaining("base URL");
        assertThatThrownBy(() -> ServerTarget.of("http://x", -1, "admin", "k")).hasMessageContaining("sdkappid");
    }

    @Test
    void anUnreachableTargetFailsTheFactoryWithAClearMessage() {
        SuiteRun run = SuiteRun.run(Map.of(SuiteConfiguration.BASE_URL, "http://127.0.0.1:9",
                SuiteConfiguration.SDKAPPID, "1", SuiteConfiguration.IDENTIFIER, "admin",
                SuiteConfiguration.SECRET_KEY, "k"));
        assertThat(run.tests()).isEmpty();
        assertThat(run.failed()).singleElement().satisfies(r -> assertThat(r.message()).contains("target unreachable"));
    }

    private static SuiteRun runWith(ServerTarget target, Map<String, String> config) {
        return SuiteRun.run(target, config);
    }

    private static List<String> scenarios(SuiteRun run) {
        return run.tests().stream().map(SuiteModesTest::scenario).distinct().toList();
    }

    private static String scenario(SuiteRun.Result r) {
        return r.rule().map(RuleTestName::scenarioId).orElse("?");
    }
}
