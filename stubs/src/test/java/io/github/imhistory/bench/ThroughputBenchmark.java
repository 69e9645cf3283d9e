package io.github.imhistory.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.wiremock.ImHistoryExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * P1 (load from wrk when installed, Debian's {@code wrk}; else from JDK clients): requests/s of a computed 20-message admin_getroammsg page against a plain WireMock static stub returning the
 * very same bytes, on one server, same load client, rounds interleaved. UserSig checking is off (the standalone's
 * default); a second figure with it on shows what verifying a signature per request costs.
 * {@code mvn -B -ntp verify -pl stubs -Pbench -Dtest=ThroughputBenchmark}
 */
@Tag("bench")
class ThroughputBenchmark {
    static final int THREADS = 4;
    static final long ROUND_NANOS = 3_000_000_000L;
    static final String QUERY = "?sdkappid=%d&identifier=admin&usersig=%s&random=1&contenttype=json";
    static final String BODY = "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":20,\"MinTime\":1700000000,\"MaxTime\":1700000499}";

    @Test
    void p1_computedPageAgainstAStaticStub() throws Exception {
        Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false));
        ImHistoryExtension ext = new ImHistoryExtension(tenants, Clock.systemUTC());
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .disableRequestJournal().extensions(ext));
        server.start();
        try {
            long open = 1_400_000_000L;
            long signed = 1_400_000_001L;
            String demo = "demo-history";
            ext.loadBundled(demo, open);
            var s = ext.tenants().get(open).orElseThrow().scenario().json().deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) s).withObject("/tenant").put("verifyUserSig", false);
            tenants.load(s, open);
            ext.loadBundled(demo, signed);
            String base = "http://127.0.0.1:" + server.port();
            String sig = io.github.imhistory.contract.UserSig.generate(signed, "admin", ext.tenants().get(signed).orElseThrow().secretKey(),
                    System.currentTimeMillis() / 1000, 86_400);
            String computed = base + "/v4/openim/admin_getroammsg" + String.format(QUERY, open, "any");
            String computedSigned = base + "/v4/openim/admin_getroammsg" + String.format(QUERY, signed, sig);
            byte[] sameBytes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(computed))
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            server.stubFor(post(urlPathEqualTo("/static/page")).atPriority(1)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(sameBytes)));
            String stat = base + "/static/page" + String.format(QUERY, open, "any"); // the same request line as the computed one
            List<Double> st = new ArrayList<>();
            List<Double> co = new ArrayList<>();
            List<Double> cs = new ArrayList<>();
            boolean wrk = Files.isExecutable(Path.of("/usr/bin/wrk"));
            for (int round = 0; round < 8; round++) { // rounds 0-2 warm up the JIT of both paths
                double a = wrk ? wrk(stat) : load(stat);
                double b = wrk ? wrk(computed) : load(computed);
                double c = wrk ? wrk(computedSigned) : load(computedSigned);
                if (round > 2) {
                    st.add(a);
                    co.add(b);
                    cs.add(c);
                }
            }
            double a = EngineBenchmark.median(st);
            double b = EngineBenchmark.median(co);
            double c = EngineBenchmark.median(cs);
            EngineBenchmark.report("bench-throughput.txt", String.format(
                    "P1 requests/s over loopback, load from %s (median of %d rounds of %d s), %d-byte page:%n"
                            + "  static WireMock stub %.0f, computed page %.0f (ratio %.2f), computed with UserSig checked %.0f (ratio %.2f)%n"
                            + "  static %s%n  computed %s%n  signed %s%n",
                    wrk ? "wrk -t1 -c8" : THREADS + " JDK client threads", st.size(), ROUND_NANOS / 1_000_000_000L, sameBytes.length, a, b, b / a, c, c / a, st, co, cs));
        } finally {
            server.stop();
        }
    }

    /**
     * P2 over HTTP, the figure users see: requests/s of pages at random points of a 1,000,000-message conversation
     * against a 1,000-message one, on one server, wrk drawing a random MaxTime per request.
     */
    @Test
    void p2_pagingAMillionOverHttp() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/wrk")), "needs Debian's wrk");
        Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false).withVerifyUserSig(false));
        tenants.load(EngineBenchmark.scenario(1_000_000, 5), 1);
        tenants.load(EngineBenchmark.scenario(1_000, 5), 2);
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .disableRequestJournal().extensions(new ImHistoryExtension(tenants, Clock.systemUTC())));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.port();
            List<Double> big = new ArrayList<>();
            List<Double> small = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                double b = wrkRandomPages(base, 1, 1_000_000 / 5);
                double s = wrkRandomPages(base, 2, 1_000 / 5);
                if (round > 2) {
                    big.add(b);
                    small.add(s);
                }
            }
            double b = EngineBenchmark.median(big);
            double s = EngineBenchmark.median(small);
            EngineBenchmark.report("bench-paging-http.txt", String.format(
                    "P2 over HTTP, wrk -t1 -c8, random page positions (median of %d rounds of %d s): 1,000,000 messages %.0f req/s, "
                            + "1,000 messages %.0f req/s, ratio %.2f%n  big %s%n  small %s%n",
                    big.size(), ROUND_NANOS / 1_000_000_000L, b, s, b / s, big, small));
        } finally {
            server.stop();
        }
    }

    static double wrkRandomPages(String base, long sdkappid, int seconds) throws Exception {
        Path script = Files.createTempFile("pages", ".lua");
        Files.writeString(script, "math.randomseed(7)\n"
                + "request = function()\n"
                + "  local t = 1700000000 + math.random(0, " + (seconds - 1) + ")\n"
                + "  local body = '{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MaxCnt\":20,\"MinTime\":1700000000,\"MaxTime\":' .. t .. '}'\n"
                + "  return wrk.format(\"POST\", \"/v4/openim/admin_getroammsg" + String.format(QUERY, sdkappid, "any") + "\", "
                + "{[\"Content-Type\"] = \"application/json\"}, body)\n"
                + "end\n");
        try {
            return runWrk(script, base);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static double runWrk(Path script, String url) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/wrk", "-t1", "-c8", "-d" + (ROUND_NANOS / 1_000_000_000L) + "s", "-s", script.toString(), url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!m.find() || out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    /** Requests per second from wrk (1 thread, 8 connections) posting BODY for one round. */
    static double wrk(String url) throws Exception {
        Path script = Files.createTempFile("post", ".lua");
        Files.writeString(script, "wrk.method = \"POST\"\nwrk.body = '" + BODY + "'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
        try {
            return runWrk(script, url);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Requests per second from THREADS closed-loop clients for one round. */
    static double load(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + ROUND_NANOS;
        CountDownLatch finished = new CountDownLatch(THREADS);
        for (int t = 0; t < THREADS; t++) {
            new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + r.statusCode());
                        }
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    finished.countDown();
                }
            }).start();
        }
        finished.await();
        return done.get() / (ROUND_NANOS / 1e9);
    }
}
