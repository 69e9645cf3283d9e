package io.github.imhistory.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 8, part 1 (the HTTP layer): requests a real client can send but {@code java.net.URI} and the fuzz's JDK
 * client cannot, or headers the fuzz keeps fixed, written byte by byte to a socket on 127.0.0.1. No answer may be a
 * 5xx; a request to the API that reaches WireMock must be answered HTTP 200 with a JSON envelope (COM-HTTP-001).
 * A 400 from Jetty for a request line it cannot parse is the HTTP layer's own answer and is accepted.
 *
 * <p>Several cases fail on main: WireMock 3.13.2 decodes the query, the form parameters and a gzip body eagerly,
 * before any extension runs, and answers HTTP 500 with a Java stack trace when that fails (see the report).
 * The inputs are a fixed list, so no seed is involved.
 */
class HttpFrontDoorTest {
    static final String Q = "sdkappid=1660000000&identifier=admin&usersig=any&contenttype=json";
    static final String C2C = "/v4/openim/admin_getroammsg";
    static final String VALID = "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":1,\"MinTime\":0,\"MaxTime\":1}";
    static RunningStub stub;

    record Raw(String name, String requestLine, String headers, String body, boolean api) {}

    @BeforeAll
    static void start() {
        stub = RunningStub.start(8);
        stub.loadBundled("demo-history", 1_660_000_000L, false);
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @TestFactory
    Stream<DynamicTest> noRequestGetsA5xx() {
        List<Raw> cases = List.of(
                // controls: these pass on main
                new Raw("a well-formed request", "POST " + C2C + "?" + Q + "&random=1", "", VALID, true),
                new Raw("raw '|' and '{}' in the query (java.net.URI refuses them)", "POST " + C2C + "?" + Q + "&random=1&x=a|b{}", "", VALID, true),
                new Raw("a malformed escape in the path: Jetty's own 400", "POST /v4/openim/admin%zzgetroammsg?" + Q + "&random=1", "", VALID, false),
                new Raw("Content-Encoding: deflate on a plain body", "POST " + C2C + "?" + Q + "&random=1", "Content-Encoding: deflate\r\n", VALID, true),
                // fail on main (HTTP 500 from WireMock)
                new Raw("a malformed escape in a query value (random=%zz)", "POST " + C2C + "?" + Q + "&random=%zz", "", VALID, true),
                new Raw("a lone '%' in a query value", "POST " + C2C + "?" + Q + "&random=1&note=100%", "", VALID, true),
                new Raw("a malformed escape in a query name", "POST " + C2C + "?%zz=1&" + Q + "&random=1", "", VALID, true),
                new Raw("a malformed escape in the query of an unknown path", "POST /nothing?x=%zz", "", VALID, true),
                new Raw("curl -d: a JSON body with a '%' sent as a form (Content-Type: application/x-www-form-urlencoded)",
                        "POST " + C2C + "?" + Q + "&random=1", "Content-Type: application/x-www-form-urlencoded\r\n",
                        VALID.replace("user2", "100%"), true),
                new Raw("Content-Encoding: gzip on a body that is not gzip", "POST " + C2C + "?" + Q + "&random=1",
                        "Content-Encoding: gzip\r\n", VALID, true),
                new Raw("Content-Type: multipart/form-data on a body that is not multipart", "POST " + C2C + "?" + Q + "&random=1",
                        "Content-Type: multipart/form-data; boundary=zz\r\n", "--zz\r\nbroken", true));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Reply r = send(c.requestLine() + " HTTP/1.1", c.headers(), c.body());
            String shown = "curl equivalent: printf '" + (c.requestLine() + " HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n" + c.headers().replace("\r\n", "\\r\\n")
                    + "Content-Length: " + c.body().getBytes(StandardCharsets.UTF_8).length + "\\r\\nConnection: close\\r\\n\\r\\n" + c.body())
                    .replace("%", "%%") + "' | nc 127.0.0.1 PORT\n  answer: HTTP " + r.status() + " " + brief(r.body());
            assertThat(r.status()).as("no 5xx; %s", shown).isLessThan(500);
            if (c.api() && r.status() != 400) {
                assertThat(r.status()).as("COM-HTTP-001; %s", shown).isEqualTo(200);
                JsonNode answer = Json.WIRE.readTree(r.body());
                int code = answer.path("ErrorCode").asInt(-1);
                assertThat(code == 0 || ErrorCatalog.bundled().contains(code)).as("a JSON envelope with a catalogued code; %s", shown).isTrue();
            }
        }));
    }

    record Reply(int status, String body) {}

    /** One request written as raw bytes (Connection: close), and its status and (de-chunked) body. */
    static Reply send(String requestLine, String headers, String body) throws IOException {
        return send(stub.server.port(), requestLine, "127.0.0.1", headers, body);
    }

    /** The same to a server on 127.0.0.1:{@code port}, with any Host header (the JDK's HttpClient will not send one). */
    static Reply send(int port, String requestLine, String host, String headers, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = requestLine + "\r\nHost: " + host + "\r\n" + headers + "Content-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            String headersIn = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
            String payload = text.substring(split + 4);
            return new Reply(status, headersIn.contains("transfer-encoding: chunked") ? dechunk(payload) : payload);
        }
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < s.length()) {
            int eol = s.indexOf("\r\n", at);
            int size = Integer.parseInt(s.substring(at, eol).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.append(s, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }

    private static String brief(String s) {
        String one = s.replace("\n", " ");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
