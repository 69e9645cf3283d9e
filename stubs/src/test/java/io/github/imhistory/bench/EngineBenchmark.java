package io.github.imhistory.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Json;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineRequest;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * P2: pages per second over a 1,000,000-message conversation against a 1,000-message one (same engine, same run,
 * rounds interleaved), each page at a random point of the window, so a page must cost a lookup, not a scan.
 * P3: heap held by a tenant of 1,000,000 generated messages.
 * {@code mvn -B -ntp verify -pl stubs -Pbench -Dtest=EngineBenchmark}
 */
@Tag("bench")
class EngineBenchmark {
    static final long START = 1_700_000_000L;

    @Test
    void p2_pagingCostDoesNotGrowWithTheConversation() throws Exception {
        Tenants tenants = new Tenants(EngineSettings.defaults().withVerifyUserSig(false).withRateLimit(false));
        tenants.load(scenario(1_000_000, 5), 1);
        tenants.load(scenario(1_000, 5), 2);
        Engine engine = new Engine(tenants, Clock.systemUTC());
        List<Double> big = new ArrayList<>();
        List<Double> small = new ArrayList<>();
        for (int round = 0; round < 10; round++) { // the first four rounds are warm-up
            double b = pagesPerSecond(engine, 1, 1_000_000, round);
            double s = pagesPerSecond(engine, 2, 1_000, round);
            if (round >= 4) {
                big.add(b);
                small.add(s);
            }
        }
        double b = median(big);
        double s = median(small);
        report("bench-paging.txt", String.format("P2 pages/s (median of %d rounds): 1,000,000 messages %.0f, 1,000 messages %.0f, ratio %.2f%n"
                + "  big %s%n  small %s%n", big.size(), b, s, b / s, big, small));
    }

    @Test
    void p3_heapOfAMillionMessages() throws Exception {
        Tenants tenants = new Tenants(EngineSettings.defaults());
        long before = usedHeapAfterGc();
        tenants.load(scenario(1_000_000, 5), 1);
        long after = usedHeapAfterGc();
        report("bench-heap.txt", String.format("P3 heap held by 1,000,000 one-to-one messages: %.1f MB (%d bytes a message)%n",
                (after - before) / 1e6, (after - before) / 1_000_000));
        if (tenants.get(1).isEmpty()) {
            throw new AssertionError("tenant vanished"); // keeps the tenant reachable until after the measurement
        }
    }

    /** Requests pages of 20 at random points of the window for a fixed time; a page must answer ErrorCode 0. */
    static double pagesPerSecond(Engine engine, long sdkappid, int count, int round) {
        SplittableRandom random = new SplittableRandom(round);
        long end = START + count / 5;
        long deadline = System.nanoTime() + 1_000_000_000L;
        int pages = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                long maxTime = START + random.nextLong(end - START + 1);
                String body = "{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MaxCnt\":20,\"MinTime\":" + START + ",\"MaxTime\":" + maxTime + "}";
                var r = engine.handle(new EngineRequest("POST", Api.ADMIN_GETROAMMSG.path(), java.util.Map.of("sdkappid", Long.toString(sdkappid),
                        "identifier", "admin", "usersig", "x", "random", "1", "contenttype", "json"), body.getBytes()));
                if (r.errorCode() != 0) {
                    throw new AssertionError(r.bodyText());
                }
                pages++;
            }
        }
        return pages;
    }

    static JsonNode scenario(int count, int perSecond) {
        return Json.parseStrict("{\"id\":\"bench\",\"dataset\":{\"generate\":[{\"kind\":\"c2c\",\"From_Account\":\"a\",\"To_Account\":\"b\","
                + "\"count\":" + count + ",\"seed\":1,\"startTime\":" + START + ",\"perSecond\":" + perSecond + "}]}}", "bench");
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    static void report(String file, String text) throws Exception {
        System.out.print(text);
        Files.writeString(Path.of("target", file), text);
    }
}
