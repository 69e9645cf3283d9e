package io.github.imhistory.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code /usr/bin/chromium}) driven over the DevTools protocol from Java, so a browser
 * test can click and read a page with nothing but the JDK (test support). Without the browser a test is skipped with
 * the reason, unless {@code -Dimhistory.requireBrowser=true} (CI) turns that into a failure.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private Chromium(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips the calling test with the reason when Chromium is missing (fails instead when CI requires it). */
    static void require() {
        boolean present = Files.isExecutable(BINARY);
        if (Boolean.getBoolean("imhistory.requireBrowser")) {
            assertThat(present).as("imhistory.requireBrowser is set but %s is missing (apt-get install chromium)", BINARY).isTrue();
        }
        Assumptions.assumeTrue(present, "headless Chromium not installed at " + BINARY + " (apt-get install chromium); CI requires it");
    }

    /** Starts a headless browser with a fresh profile in {@code profile}. */
    static Chromium start(Path profile) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--window-size=1400,1000", "about:blank"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.isRegularFile(portFile) || Files.readString(portFile).isBlank()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not open its DevTools port within 30 s");
            }
            Thread.sleep(50);
        }
        return new Chromium(p, Integer.parseInt(Files.readAllLines(portFile).get(0).trim()));
    }

    /** Opens {@code url} in a new tab. */
    Tab open(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?"
                + URLEncoder.encode(url, StandardCharsets.UTF_8))).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String ws = Json.WIRE.readTree(r.body()).get("webSocketDebuggerUrl").asText();
        Tab tab = new Tab();
        tab.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(ws), tab).join();
        return tab;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** One page: JavaScript evaluated in it, its result as a string. */
    static final class Tab implements WebSocket.Listener {
        private WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();

        /** The value of {@code expression} (awaited when it is a promise), as a string; fails on a script error. */
        String eval(String expression) {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            pending.put(id, reply);
            ObjectNode msg = Json.object().put("id", id).put("method", "Runtime.evaluate");
            msg.putObject("params").put("expression", expression).put("awaitPromise", true).put("returnByValue", true)
                    .put("userGesture", true);
            socket.sendText(Json.compact(msg), true).join();
            JsonNode r;
            try {
                r = reply.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("no answer from the page to: " + expression, e);
            }
            JsonNode result = r.path("result");
            if (result.has("exceptionDetails")) {
                throw new AssertionError("script failed: " + result.get("exceptionDetails").toPrettyString() + "\nin: " + expression);
            }
            JsonNode value = result.path("result").path("value");
            return value.isMissingNode() || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
        }

        /** Polls {@code expression} until it gives a non-empty string; fails with {@code what} after {@code timeout}. */
        String await(String expression, Duration timeout, String what) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String v = eval(expression);
                if (!v.isEmpty()) {
                    return v;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; the page shows:\n"
                            + eval("document.body ? document.body.innerText.slice(0, 3000) : ''"));
                }
                Thread.sleep(100);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode msg = Json.WIRE.readTree(partial.toString());
                    CompletableFuture<JsonNode> reply = msg.has("id") ? pending.remove(msg.get("id").asInt()) : null;
                    if (reply != null) {
                        reply.complete(msg);
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
