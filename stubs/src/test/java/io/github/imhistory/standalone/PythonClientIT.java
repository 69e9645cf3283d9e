package io.github.imhistory.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's path for clients not written in Java, end to end: {@code examples/python-client/walk.py} (standard
 * library only, its own UserSig code) walks the standalone stub with UserSig checking on, and the stub's verdict
 * names exactly the rule each deliberately broken mode breaks. Needs {@code python3}; skipped without it unless
 * {@code -Dimhistory.requirePython=true} (CI sets it).
 */
class PythonClientIT {
    static final String C2C = "c2c-doc-two-pages";
    static final String[] C2C_WINDOW = {"c2c", "user2", "user1", "1584669600", "1584673200"};
    static StandaloneProcess stub;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicLong nextSdkappid = new AtomicLong(1_800_000_000L);

    @BeforeAll
    static void start() throws Exception {
        boolean present = python() != null;
        if (Boolean.getBoolean("imhistory.requirePython")) {
            assertThat(present).as("imhistory.requirePython is set but python3 is not on the PATH").isTrue();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "python3 not on the PATH; CI requires it");
        stub = StandaloneProcess.start("--port", "0", "--verify-usersig");
        base = stub.awaitListening();
    }

    @AfterAll
    static void stop() throws IOException {
        if (stub != null) {
            stub.close();
        }
    }

    private static String python() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "python3"))) {
                return Path.of(dir, "python3").toString();
            }
        }
        return null;
    }

    /** Loads a bundled scenario into a fresh tenant, runs the client against it, returns the stub's verdict. */
    private static JsonNode run(String scenario, String brokenMode, String... walk) throws Exception {
        long sdkappid = nextSdkappid.getAndIncrement();
        HttpResponse<String> loaded = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/__imhistory/tenants/" + sdkappid
                + "/scenario/" + scenario)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);
        List<String> command = new ArrayList<>(List.of(python(), System.getProperty("imhistory.pythonClient"),
                "--base", base, "--sdkappid", Long.toString(sdkappid)));
        if (brokenMode != null) {
            command.addAll(List.of("--break", brokenMode));
        }
        command.addAll(List.of(walk));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("walk.py finished").isTrue();
        assertThat(p.exitValue()).as("walk.py: %s", out).isZero();
        return Json.WIRE.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/__imhistory/tenants/" + sdkappid
                + "/verdict")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void assertVerdict(JsonNode v, boolean passed, String failing, String reported) {
        assertThat(v.get("passed").asBoolean()).as(v.toPrettyString()).isEqualTo(passed);
        assertThat(v.get("failing").toString()).as(v.toPrettyString()).isEqualTo(failing);
        assertThat(v.get("reported").toString()).as(v.toPrettyString()).isEqualTo(reported);
        // UserSig is verified, so SIG-CLI-001 is judged; a few requests say nothing about the rate limit
        assertThat(v.get("notChecked").findValuesAsText("id")).as(v.toPrettyString()).containsExactly("COM-RATE-001");
    }

    @Test
    void theCorrectClientPassesOnEveryApi() throws Exception {
        assertVerdict(run(C2C, null, C2C_WINDOW), true, "[]", "[]");
        assertVerdict(run("group-walk-multipage", null, "--page-size", "7", "group", "@TGS#2WALK45"), true, "[]", "[]");
        JsonNode oa = run("oa-continuation-from-hole", null, "--page-size", "6", "oa", "@TOA#_HOLEKEY20");
        assertVerdict(oa, true, "[]", "[]");
        assertThat(oa.get("walks").get(0).get("pages").asInt()).isEqualTo(4);
    }

    @Test
    void noLastMsgKeyBreaksC2cCont001() throws Exception {
        assertVerdict(run(C2C, "no-lastmsgkey", C2C_WINDOW), false, "[\"C2C-CONT-001\"]", "[]");
    }

    @Test
    void stoppingAfterOnePageBreaksC2cCont002() throws Exception {
        assertVerdict(run(C2C, "one-page", C2C_WINDOW), false, "[\"C2C-CONT-002\"]", "[]");
    }

    @Test
    void reqMsgSeqOffByOneBreaksGrpCont001() throws Exception {
        assertVerdict(run("group-walk-multipage", "seq-off-by-one", "group", "@TGS#2WALK45"), false, "[\"GRP-CONT-001\"]", "[]");
    }

    @Test
    void oneRandomForEveryRequestIsReportedAtShouldLevel() throws Exception {
        assertVerdict(run(C2C, "same-random", C2C_WINDOW), true, "[]", "[\"COM-QRY-007\"]");
    }
}
