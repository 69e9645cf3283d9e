package io.github.imhistory.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * P9: what the checking proxy adds to a request. The standalone jar serves a 20-message page (the upstream); a second
 * standalone with {@code --proxy-to} stands in front of it. Rounds alternate a burst of sequential requests straight
 * to the upstream (the baseline) and the same burst through the proxy, so machine noise hits both alike. Reports
 * median latencies, the added milliseconds and the ratio; asserts nothing about time:
 * {@code mvn -B -ntp verify -pl stubs -Pbench -DskipITs -Dtest=ProxyBenchmark}.
 */
@Tag("bench")
class ProxyBenchmark {
    static final int ROUNDS = Integer.getInteger("imhistory.bench.rounds", 20);
    static final int PER_ROUND = Integer.getInteger("imhistory.bench.perRound", 200);
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^\\s,]+)");

    @Test
    void addedLatencyOfTheProxy() throws Exception {
        Path jar = Path.of(System.getProperty("imhistory.standaloneJar", "target/im-history-stubs-standalone.jar"));
        Standalone upstream = null;
        Standalone proxy = null;
        try {
            upstream = start(jar, "--port", "0", "--rate-limit", "off");
            String up = await(upstream);
            proxy = start(jar, "--port", "0", "--proxy-to", up, "--journal-size", "1000");
            String px = await(proxy);
            String c2c = "/v4/openim/admin_getroammsg?sdkappid=1400000000&identifier=admin&usersig=x&contenttype=json&random=";
            String body = "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":20,\"MinTime\":1700000000,"
                    + "\"MaxTime\":1700000499}";
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 2_000; i++) { // warm both JVMs up
                send(client, up + c2c + i, body);
                send(client, px + c2c + i, body);
            }
            List<Long> direct = new ArrayList<>();
            List<Long> proxied = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < PER_ROUND; i++) {
                    direct.add(send(client, up + c2c + i, body));
                }
                for (int i = 0; i < PER_ROUND; i++) {
                    proxied.add(send(client, px + c2c + i, body));
                }
            }
            double d = median(direct) / 1_000.0;
            double p = median(proxied) / 1_000.0;
            String report = String.format("P9 checking proxy, median latency of a 20-message page over %d requests each"
                    + " (ms): direct %.3f, through the proxy %.3f, added %.3f, ratio %.2f; p90 direct %.3f, proxied %.3f%n",
                    direct.size(), d, p, p - d, p / d, percentile(direct, 90) / 1_000.0, percentile(proxied, 90) / 1_000.0);
            System.out.print(report);
            Files.writeString(Path.of("target", "bench-proxy.txt"), report);
        } finally {
            for (Standalone x : new Standalone[] {proxy, upstream}) {
                if (x != null) {
                    x.process().destroy();
                    x.process().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Microseconds from sending to the whole answer. */
    static long send(HttpClient client, String url, String body) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        if (r.statusCode() != 200 || !new String(r.body(), StandardCharsets.UTF_8).contains("\"ErrorCode\":0")) {
            throw new IllegalStateException("not a page: HTTP " + r.statusCode());
        }
        return micros;
    }

    /** A standalone process and where its output goes. */
    record Standalone(Process process, Path log) {}

    static Standalone start(Path jar, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("im-history-bench", ".log");
        log.toFile().deleteOnExit();
        return new Standalone(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    /** The base URL from the banner. */
    static String await(Standalone s) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String out = Files.readString(s.log());
            Matcher m = LISTENING.matcher(out);
            if (out.contains("Stop: Ctrl+C") && m.find()) {
                return m.group(1);
            }
            if (!s.process().isAlive()) {
                throw new IllegalStateException("the standalone exited:\n" + out);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no banner within 60 s");
    }

    static long median(List<Long> xs) {
        return percentile(xs, 50);
    }

    static long percentile(List<Long> xs, int p) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, s.size() * p / 100));
    }
}
