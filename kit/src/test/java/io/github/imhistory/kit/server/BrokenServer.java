package io.github.imhistory.kit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A deliberately broken server: a proxy in front of the stub that forwards every request (the admin API untouched)
 * and lets a {@link Breakage} change the request on its way in or the answer on its way out (test support).
 */
public final class BrokenServer implements AutoCloseable {

    /** An HTTP answer as the proxy sees it. */
    public record Reply(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The answer with its JSON object changed by {@code change}; unchanged when it is not a JSON object. */
        Reply json(Consumer<ObjectNode> change) {
            if (status != 200) {
                return this;
            }
            try {
                JsonNode node = Json.WIRE.readTree(body);
                if (node == null || !node.isObject()) {
                    return this;
                }
                change.accept((ObjectNode) node);
                return new Reply(200, Json.compact(node).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return this;
            }
        }
    }

    /** How a server is broken: both hooks default to "behave". */
    public interface Breakage {
        default HttpCall request(HttpCall call) {
            return call;
        }

        /** @param forward sends a further request to the stub (for breakages that merge pages) */
        default Reply answer(HttpCall call, Reply reply, Forwarder forward) {
            return reply;
        }
    }

    @FunctionalInterface
    public interface Forwarder {
        Reply send(HttpCall call) throws IOException;
    }

    static {
        // without it the JDK server's separate header and body writes meet the client's delayed ACK: 40 ms a call
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String stubUrl;
    private final Breakage breakage;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(32);

    public BrokenServer(String stubUrl, Breakage breakage) throws IOException {
        this.stubUrl = stubUrl;
        this.breakage = breakage;
        this.server = loopbackServer();
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /**
     * A JDK HTTP server on a free loopback port. Create every one through here: the server reads its TCP_NODELAY
     * setting once, when the first server of the JVM starts.
     */
    public static HttpServer loopbackServer() throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public ServerTarget target(long sdkappid) {
        return ServerTarget.of(baseUrl(), sdkappid, StubServer.ADMIN, StubServer.SECRET_KEY);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            HttpCall call = new HttpCall(exchange.getRequestMethod(), uri.getRawPath(), parseQuery(uri.getRawQuery()), body);
            Reply reply;
            if (uri.getRawPath().startsWith("/__imhistory")) {
                reply = forward(call);
            } else {
                reply = breakage.answer(call, forward(breakage.request(call)), this::forward);
            }
            exchange.getResponseHeaders().set("Content-Type", reply.status() == 200 ? "application/json; charset=utf-8"
                    : "text/html");
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (IOException | RuntimeException e) {
            // the stub dropped the connection (a scripted fault): drop ours too
            exchange.close();
        }
    }

    Reply forward(HttpCall call) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stubUrl + call.pathAndQuery()))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json; charset=utf-8")
                .method(call.method(), call.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()))
                .build();
        try {
            HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
