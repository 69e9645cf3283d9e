package io.github.imhistory.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.imhistory.contract.Api;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenant;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.wiremock.ImHistoryExtension;
import io.github.imhistory.wiremock.StubOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, part 5: the standalone listens on loopback unless told otherwise, and the admin API's state-changing
 * endpoints refuse clients that are not on this machine unless remote admin is allowed. Nothing here sends traffic
 * to a non-loopback address: remote clients are WireMock requests built with another client IP and handed to
 * {@link ImHistoryExtension#transform} directly. The inputs are fixed lists, so no seed is involved.
 */
class AdminSafetyTest {
    static final long TENANT = 1_650_000_000L;
    static final List<String> REMOTE = List.of("10.0.0.7", "192.168.1.20", "172.16.5.4", "203.0.113.5", "8.8.8.8", "128.0.0.1",
            "2001:db8::1", "fe80::1", "::ffff:10.0.0.1");
    static final List<String> LOOPBACK = List.of("127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "0:0:0:0:0:0:0:1");
    /** Every state-changing admin call: method, path, body. */
    static final List<String[]> CHANGES = List.of(
            new String[] {"POST", "/__imhistory/tenants/" + TENANT + "/scenario/c2c-doc-two-pages", ""},
            new String[] {"POST", "/__imhistory/tenants/" + TENANT, "{\"id\":\"mine\",\"title\":\"t\",\"source\":\"s\",\"rules\":[\"C2C-PAGE-001\"]}"},
            new String[] {"POST", "/__imhistory/tenants", "{\"id\":\"mine\",\"title\":\"t\",\"source\":\"s\",\"rules\":[\"C2C-PAGE-001\"]}"},
            new String[] {"POST", "/__imhistory/tenants/" + TENANT + "/reset", ""},
            new String[] {"POST", "/__imhistory/reset", ""},
            new String[] {"DELETE", "/__imhistory/tenants/" + TENANT, ""},
            new String[] {"PUT", "/__imhistory/tenants/" + TENANT, ""},
            new String[] {"PATCH", "/__imhistory/tenants/" + TENANT, ""});
    static final long DEMO = 1_400_000_000L;
    static final String DEMO_API = Api.GROUP_MSG_GET_SIMPLE.path() + "?sdkappid=" + DEMO + "&identifier=admin&usersig=x&random=1&contenttype=json";
    static final String DEMO_BODY = "{\"GroupId\":\"@TGS#DEMO\",\"ReqMsgNumber\":1}";
    static final List<String> READS = List.of("/__imhistory/tenants", "/__imhistory/scenarios", "/__imhistory/tenants/" + TENANT,
            "/__imhistory/tenants/" + TENANT + "/requests", "/__imhistory/");

    @Test
    void theStandaloneBindsToLoopbackByDefault() throws Exception {
        Class<?> options = Class.forName("io.github.imhistory.standalone.StandaloneOptions");
        Method parse = accessible(options.getDeclaredMethod("parse", String[].class));
        for (String[] args : List.of(new String[0], new String[] {"--port", "0"},
                new String[] {"--port", "0", "--cors", "--verify-usersig", "--latency", "1", "--rate-limit", "off"})) {
            Object o = parse.invoke(null, (Object) args);
            String host = (String) accessible(options.getDeclaredMethod("host")).invoke(o);
            assertThat(host).as("--host by default, with %s", List.of(args)).isEqualTo("127.0.0.1");
            assertThat(InetAddress.getByName(host).isLoopbackAddress()).isTrue();
            assertThat((Boolean) accessible(options.getDeclaredMethod("allowRemoteAdmin")).invoke(o)).as("--allow-remote-admin by default").isFalse();
        }
        // and the server it starts really is bound there
        try (Standalone standalone = Standalone.start("--port", "0")) {
            assertThat(standalone.server().getOptions().bindAddress()).isEqualTo("127.0.0.1");
            assertThat(standalone.banner()).contains("listening on http://127.0.0.1:" + standalone.port()).doesNotContain("bound to");
        }
    }

    /**
     * DNS rebinding: a web page on evil.example whose name then resolves to 127.0.0.1 talks to the stub as its own
     * origin (Origin and Host both evil.example), so the Origin check lets it through. A loopback-bound standalone
     * answers every admin request, reads too (the journal holds UserSigs), only when Host names the loopback; the
     * history API stays open to any Host. Real HTTP over raw sockets: the JDK's HttpClient will not set Host.
     */
    @Test
    void aLoopbackStandaloneRefusesAdminRequestsNamingAnotherHost() throws Exception {
        try (Standalone standalone = Standalone.start("--port", "0")) {
            int port = standalone.port();
            Tenant demo = standalone.tenants().get(DEMO).orElseThrow();
            int count = standalone.tenants().count();
            List<String> wrong = new ArrayList<>();
            for (String host : List.of("evil.example", "evil.example:" + port, "EVIL.example:" + port, "127.0.0.1.evil.example:" + port,
                    "localhost.evil.example:" + port, "[::2]:" + port)) { // a malformed Host gets Jetty's own 400
                for (String[] c : CHANGES) {
                    expectOverHttp(wrong, port, host, c[0], c[1], c[2], 403, "--allow-host");
                }
                for (String path : READS) {
                    expectOverHttp(wrong, port, host, "GET", path, "", 403, "--allow-host");
                }
                expectOverHttp(wrong, port, host, "POST", DEMO_API, DEMO_BODY, 200, "\"ErrorCode\":0"); // the API is for any Host
            }
            assertThat(wrong).as("admin requests naming a Host other than the loopback").isEmpty();
            assertThat(standalone.tenants().get(DEMO)).as("the demo tenant is the very one loaded before").containsSame(demo);
            assertThat(standalone.tenants().count()).isEqualTo(count);
            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "LocalHost:" + port, "127.0.0.1", "localhost")) {
                expectOverHttp(wrong, port, host, "POST", CHANGES.get(0)[1], "", 201, "c2c-doc-two-pages");
                for (String path : READS) {
                    expectOverHttp(wrong, port, host, "GET", path, "", 200, "");
                }
                expectOverHttp(wrong, port, host, "DELETE", CHANGES.get(5)[1], "", 200, "removed");
            }
            assertThat(wrong).as("admin requests naming the loopback").isEmpty();
        }
    }

    @Test
    void allowHostAddsNamesTheAdminApiAccepts() throws Exception {
        try (Standalone standalone = Standalone.start("--port", "0", "--allow-host", "dev.example", "--allow-host=[FD00::1]")) {
            int port = standalone.port();
            List<String> wrong = new ArrayList<>();
            for (String host : List.of("dev.example:" + port, "DEV.example", "[fd00::1]:" + port, "localhost:" + port)) {
                expectOverHttp(wrong, port, host, "GET", READS.get(0), "", 200, "");
                expectOverHttp(wrong, port, host, "POST", CHANGES.get(0)[1], "", 201, "c2c-doc-two-pages");
            }
            expectOverHttp(wrong, port, "evil.example:" + port, "POST", CHANGES.get(4)[1], "", 403, "--allow-host");
            assertThat(wrong).isEmpty();
        }
        for (String[] args : List.of(new String[] {"--allow-host", "dev.example:8080"}, new String[] {"--allow-host", ""},
                new String[] {"--allow-host", "::1"}, new String[] {"--allow-host", "a/b"}, new String[] {"--allow-host"})) {
            assertThatThrownBy(() -> Standalone.parse(args)).as("%s", List.of(args)).cause().hasMessageContaining("--allow-host");
        }
        // with a wider --host the Host is not checked, so a name to allow is a mistake worth saying
        assertThatThrownBy(() -> Standalone.start("--host", "0.0.0.0", "--port", "0", "--allow-host", "dev.example"))
                .cause().hasMessageContaining("--allow-host");
    }

    /** The standalone as {@code java -jar} starts it; its options and start-up are package-private, hence reflection. */
    record Standalone(Object started, WireMockServer server, Tenants tenants, String banner) implements AutoCloseable {
        static Object parse(String... args) throws Exception {
            Class<?> options = Class.forName("io.github.imhistory.standalone.StandaloneOptions");
            return accessible(options.getDeclaredMethod("parse", String[].class)).invoke(null, (Object) args);
        }

        static Standalone start(String... args) throws Exception {
            Object parsed = parse(args);
            Class<?> main = Class.forName("io.github.imhistory.standalone.StubServerMain");
            ByteArrayOutputStream banner = new ByteArrayOutputStream();
            Object started = accessible(main.getDeclaredMethod("start", parsed.getClass(), PrintStream.class))
                    .invoke(null, parsed, new PrintStream(banner, true, StandardCharsets.UTF_8));
            return new Standalone(started, (WireMockServer) accessible(started.getClass().getDeclaredMethod("server")).invoke(started),
                    (Tenants) accessible(started.getClass().getDeclaredMethod("tenants")).invoke(started), banner.toString(StandardCharsets.UTF_8));
        }

        int port() {
            return server.port();
        }

        @Override
        public void close() throws Exception {
            accessible(started.getClass().getDeclaredMethod("stop")).invoke(started);
        }
    }

    private static void expectOverHttp(List<String> wrong, int port, String host, String method, String path, String body, int status,
                                       String bodyContains) throws java.io.IOException {
        HttpFrontDoorTest.Reply r = HttpFrontDoorTest.send(port, method + " " + path + " HTTP/1.1", host,
                body.isEmpty() ? "" : "Content-Type: application/json\r\n", body);
        if (r.status() != status || !r.body().contains(bodyContains)) {
            wrong.add(method + " " + path + " with Host: " + host + ": HTTP " + r.status() + " (expected " + status + " with '" + bodyContains
                    + "') " + (r.body().length() > 200 ? r.body().substring(0, 200) : r.body()));
        }
    }

    @Test
    void adminChangesFromOtherMachinesAreRefusedReadsAreServed() {
        ImHistoryExtension ext = extension(StubOptions.defaults());
        Tenant before = ext.tenants().get(TENANT).orElseThrow();
        List<String> wrong = new ArrayList<>();
        for (String ip : REMOTE) {
            for (String[] c : CHANGES) {
                expect(wrong, ext, ip, c[0], c[1], c[2], 403);
            }
            for (String path : READS) {
                expect(wrong, ext, ip, "GET", path, "", 200);
            }
            expect(wrong, ext, ip, "POST", Api.GROUP_MSG_GET_SIMPLE.path() + "?sdkappid=" + TENANT + "&identifier=admin&usersig=x&random=1",
                    "{\"GroupId\":\"@TGS#DEMO\",\"ReqMsgNumber\":1}", 200); // the API itself is for everyone
        }
        assertThat(wrong).as("answers to clients on other machines").isEmpty();
        assertThat(ext.tenants().get(TENANT)).as("the tenant is the very one loaded before").containsSame(before);
        assertThat(ext.tenants().count()).isEqualTo(1);
    }

    @Test
    void adminChangesFromThisMachineOrWithRemoteAdminAllowedAreAccepted() {
        List<String> wrong = new ArrayList<>();
        for (String ip : LOOPBACK) {
            ImHistoryExtension ext = extension(StubOptions.defaults());
            expect(wrong, ext, ip, "POST", CHANGES.get(0)[1], "", 201);
            expect(wrong, ext, ip, "DELETE", CHANGES.get(5)[1], "", 200);
        }
        for (String ip : REMOTE) {
            ImHistoryExtension ext = extension(StubOptions.defaults().withRemoteAdmin(true));
            expect(wrong, ext, ip, "POST", CHANGES.get(0)[1], "", 201);
            expect(wrong, ext, ip, "POST", CHANGES.get(4)[1], "", 200);
            expect(wrong, ext, ip, "DELETE", CHANGES.get(5)[1], "", 200);
        }
        assertThat(wrong).isEmpty();
    }

    /** Over real HTTP from loopback: accepted, unless a header names another client, which WireMock takes as the client IP. */
    @Test
    void overHttpLoopbackIsAcceptedAndWireMockTakesXForwardedForAsTheClient() throws Exception {
        try (RunningStub stub = RunningStub.start(EngineSettings.defaults(), StubOptions.defaults(), 8)) {
            String load = "/__imhistory/tenants/" + TENANT + "/scenario/c2c-doc-two-pages";
            assertThat(stub.send("POST", load, new byte[0]).status()).isEqualTo(201);
            RunningStub.Reply forwarded = stub.send("POST", load, new byte[0], "X-Forwarded-For", "203.0.113.9");
            assertThat(forwarded.status()).as(forwarded.text()).isEqualTo(403);
            assertThat(forwarded.text()).contains("203.0.113.9");
        }
    }

    /**
     * BUG (main): WireMock reports the X-Forwarded-For header, which any client may send, as the client IP (see the
     * test above), so a client on another machine that sends {@code X-Forwarded-For: 127.0.0.1} passes the loopback
     * check of the admin guard. This is what the extension sees of such a request; it must be refused.
     */
    @Test
    void aForwardedForHeaderDoesNotMakeAClientLocal() {
        List<String> wrong = new ArrayList<>();
        for (String claimed : List.of("127.0.0.1", "127.0.0.1, 203.0.113.9", "::1")) {
            ImHistoryExtension ext = extension(StubOptions.defaults());
            for (String[] c : CHANGES) {
                Response r = ext.transform(Response.response().build(), ServeEvent.of(ImmutableRequest.create()
                        .withAbsoluteUrl("http://stub.test:8080" + c[1]).withMethod(RequestMethod.fromString(c[0]))
                        .withClientIp(claimed).withHeader("X-Forwarded-For", claimed)
                        .withBody(c[2].getBytes(StandardCharsets.UTF_8)).build()));
                if (r.getStatus() != 403) {
                    wrong.add(c[0] + " " + c[1] + " with X-Forwarded-For: " + claimed + " -> HTTP " + r.getStatus() + " " + r.getBodyAsString());
                }
            }
        }
        assertThat(wrong).as("admin changes by a client that only claims to be local (X-Forwarded-For)").isEmpty();
    }

    /**
     * A page of another origin that the developer visits can POST to a stub on their machine without a preflight
     * (BrowserCorsIT does it in a real browser). Browsers send Origin; a change from another origin is refused, even
     * with remote admin allowed, while the admin page (same origin) and curl (no Origin) keep working.
     */
    @Test
    void adminChangesFromAWebPageOfAnotherOriginAreRefused() {
        List<String> wrong = new ArrayList<>();
        for (StubOptions options : List.of(StubOptions.defaults(), StubOptions.defaults().withRemoteAdmin(true))) {
            ImHistoryExtension ext = extension(options);
            Tenant before = ext.tenants().get(TENANT).orElseThrow();
            for (String origin : List.of("https://evil.example", "null", "http://stub.test:9999", "http://stub.test")) {
                for (String[] c : CHANGES) {
                    expect(wrong, ext, "127.0.0.1", c[0], c[1], c[2], 403, origin);
                }
                for (String path : READS) {
                    expect(wrong, ext, "127.0.0.1", "GET", path, "", 200, origin);
                }
            }
            assertThat(ext.tenants().get(TENANT)).as("the tenant is the very one loaded before").containsSame(before);
            expect(wrong, ext, "127.0.0.1", "POST", CHANGES.get(3)[1], "", 200, "http://stub.test:8080"); // the admin page
            expect(wrong, ext, "127.0.0.1", "POST", CHANGES.get(3)[1], "", 200, null); // curl
        }
        assertThat(wrong).as("admin changes with an Origin header").isEmpty();
    }

    private static ImHistoryExtension extension(StubOptions options) {
        ImHistoryExtension ext = new ImHistoryExtension(new Tenants(EngineSettings.defaults()), Clock.systemUTC(), options);
        ext.loadBundled("demo-history", TENANT).orElseThrow();
        return ext;
    }

    private static void expect(List<String> wrong, ImHistoryExtension ext, String ip, String method, String path, String body, int status) {
        expect(wrong, ext, ip, method, path, body, status, null);
    }

    private static void expect(List<String> wrong, ImHistoryExtension ext, String ip, String method, String path, String body,
                               int status, String origin) {
        ImmutableRequest.Builder request = ImmutableRequest.create()
                .withAbsoluteUrl("http://stub.test:8080" + path).withMethod(RequestMethod.fromString(method))
                .withClientIp(ip).withBody(body.getBytes(StandardCharsets.UTF_8));
        if (origin != null) {
            request.withHeader("Origin", origin);
        }
        Response r = ext.transform(Response.response().build(), ServeEvent.of(request.build()));
        if (r.getStatus() != status) {
            String text = r.getBodyAsString() == null ? "" : r.getBodyAsString();
            wrong.add(method + " " + path + " from " + ip + (origin == null ? "" : " Origin " + origin) + ": HTTP " + r.getStatus() + " (expected " + status + ") "
                    + (text.length() > 200 ? text.substring(0, 200) : text));
        }
    }

    private static Method accessible(Method m) {
        m.setAccessible(true); // the standalone's options and start-up are package-private; this suite lives elsewhere
        return m;
    }
}
