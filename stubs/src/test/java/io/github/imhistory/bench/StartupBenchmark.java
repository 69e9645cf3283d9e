package io.github.imhistory.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * P4: process start to the first answered request, the standalone jar against plain wiremock-standalone, runs
 * interleaved in the same session so machine noise hits both alike. Reports medians and their ratio; asserts
 * nothing about time (a benchmark, not a test): {@code mvn -B -ntp verify -pl stubs -Pbench -Dtest=StartupBenchmark}.
 */
@Tag("bench")
class StartupBenchmark {
    static final int RUNS = Integer.getInteger("imhistory.bench.runs", 10);

    @Test
    void startupToFirstAnswer() throws Exception {
        Path ours = Path.of(System.getProperty("imhistory.standaloneJar", "target/im-history-stubs-standalone.jar"));
        Path wiremock = Path.of(System.getProperty("imhistory.wiremockJar"));
        String c2c = "/v4/openim/admin_getroammsg?sdkappid=1400000000&identifier=admin&usersig=x&random=1&contenttype=json";
        String body = "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":20,\"MinTime\":1700000000,\"MaxTime\":1700000499}";
        List<Long> baseline = new ArrayList<>();
        List<Long> stub = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            baseline.add(timeToFirstAnswer(List.of("-jar", wiremock.toString(), "--disable-banner"), "/__admin/health", null));
            stub.add(timeToFirstAnswer(List.of("-jar", ours.toString()), c2c, body));
        }
        long b = median(baseline);
        long s = median(stub);
        String report = String.format("P4 start-up to first answer (median of %d, ms): wiremock-standalone %d, im-history standalone %d, ratio %.2f%n"
                + "  baseline runs %s%n  stub runs %s%n", RUNS, b, s, (double) s / b, baseline, stub);
        System.out.print(report);
        Files.writeString(Path.of("target", "bench-startup.txt"), report);
    }

    static long timeToFirstAnswer(List<String> args, String path, String body) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(args);
        command.addAll(List.of("--port", Integer.toString(port)));
        return timeToFirstAnswer(command, null, port, path, body);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** From starting {@code command} (in {@code dir}, null for here) to the first answered request on {@code port}. */
    static long timeToFirstAnswer(List<String> command, java.io.File dir, int port, String path, String body) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (true) {
                if (answers(port, path, body)) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
                if (!p.isAlive() || System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                    throw new AssertionError("no answer from " + command);
                }
                Thread.sleep(5);
            }
        } finally {
            List<ProcessHandle> children = p.descendants().toList(); // npx starts node, which starts java
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle c : children) {
                c.destroy();
                c.onExit().completeOnTimeout(c, 10, TimeUnit.SECONDS).join();
            }
        }
    }

    private static boolean answers(int port, String path, String body) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            c.setConnectTimeout(200);
            c.setReadTimeout(5000);
            if (body != null) {
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            }
            boolean ok = c.getResponseCode() == 200;
            c.getInputStream().readAllBytes();
            return ok;
        } catch (IOException e) {
            return false;
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
