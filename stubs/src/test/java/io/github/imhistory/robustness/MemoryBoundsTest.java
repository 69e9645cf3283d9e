package io.github.imhistory.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenant;
import io.github.imhistory.engine.Traffic;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, part 4: huge bodies get a clear, documented answer quickly, and a flood of large requests leaves the
 * tenant's traffic journal (and so the heap) bounded: at most {@link EngineSettings#DEFAULT_JOURNAL_SIZE} entries,
 * bodies and answers cut to {@link Traffic#MAX_BODY_CHARS} bytes with their real size recorded.
 */
class MemoryBoundsTest {
    static final long TENANT = 1_640_000_000L;
    static final int MB = 1 << 20;
    static final String REPLAY = Robustness.replay("MemoryBoundsTest");
    static final String QUERY = "?sdkappid=" + TENANT + "&identifier=admin&usersig=any&random=1&contenttype=json";
    static RunningStub stub;

    @BeforeAll
    static void start() {
        stub = RunningStub.start(Robustness.THREADS + 8);
        stub.loadBundled("demo-history", TENANT, false);
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    record Huge(String name, Api api, byte[] body, int code) {}

    @Test
    void tenMegabyteBodiesGetADocumentedAnswerQuickly() throws Exception {
        String c2c = "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":5,\"MinTime\":1700000000,\"MaxTime\":1700000499";
        List<Huge> cases = List.of(
                new Huge("valid JSON with a 10 MB string in an extra field", Api.ADMIN_GETROAMMSG,
                        bytes(c2c + ",\"Pad\":\"", 10 * MB, 'x', "\"}"), 0),
                new Huge("valid JSON whose To_Account is 10 MB", Api.ADMIN_GETROAMMSG,
                        bytes("{\"From_Account\":\"user1\",\"MaxCnt\":5,\"MinTime\":0,\"MaxTime\":1,\"To_Account\":\"", 10 * MB, 'u', "\"}"), 0),
                new Huge("10 MB GroupId", Api.GROUP_MSG_GET_SIMPLE, bytes("{\"ReqMsgNumber\":1,\"GroupId\":\"", 10 * MB, 'G', "\"}"), 10015),
                new Huge("invalid JSON: a 10 MB string never closed", Api.ADMIN_GETROAMMSG, bytes(c2c + ",\"Pad\":\"", 10 * MB, 'x', ""), 90001),
                new Huge("invalid JSON: 10 MB of '['", Api.GROUP_MSG_GET_SIMPLE, bytes("", 10 * MB, '[', ""), 10011),
                new Huge("a 10 MB number", Api.ADMIN_GETROAMMSG, bytes(c2c.replace("\"MaxCnt\":5", "\"MaxCnt\":1"), 10 * MB, '0', "}"), 90001),
                new Huge("25 MB string, beyond the parser's 20 MB string limit", Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE,
                        bytes("{\"Official_Account\":\"@TOA#_DEMO\",\"Pad\":\"", 25 * MB, 'y', "\"}"), 10011));
        List<String> figures = new ArrayList<>();
        for (Huge h : cases) {
            long before = stub.tenants().get(TENANT).orElseThrow().requestCount();
            RunningStub.Reply r = stub.send("POST", h.api().path() + QUERY, h.body());
            JsonNode answer = r.status() == 200 ? stub.json(r) : null;
            figures.add(String.format("%s: HTTP %d, ErrorCode %s in %d ms", h.name(), r.status(),
                    answer == null ? "-" : answer.path("ErrorCode"), r.nanos() / 1_000_000));
            assertThat(r.status()).as("%s %s: HTTP status; %s", REPLAY, h.name(), r.text()).isEqualTo(200);
            assertThat(answer.path("ErrorCode").asInt(-1)).as("%s %s: %s", REPLAY, h.name(), r.text()).isEqualTo(h.code());
            assertThat(r.nanos() / 1_000_000).as("%s %s: answered within 10 s", REPLAY, h.name()).isLessThan(10_000);
            Tenant t = stub.tenants().get(TENANT).orElseThrow();
            Traffic.Entry last = t.traffic().entries().get(t.traffic().entries().size() - 1);
            assertThat(t.requestCount()).as(REPLAY).isEqualTo(before + 1);
            assertThat(last.bodySize()).as("%s the journal records the real size", REPLAY).isEqualTo(h.body().length);
            assertThat(last.bodyBytes().length).as("%s the journal keeps at most MAX_BODY_CHARS bytes", REPLAY)
                    .isLessThanOrEqualTo(Traffic.MAX_BODY_CHARS);
            assertThat(last.answerBytes().length).as(REPLAY).isLessThanOrEqualTo(Traffic.MAX_BODY_CHARS);
        }
        System.out.printf("%nMemoryBoundsTest %s%n  %s%n", REPLAY, String.join("\n  ", figures));
    }

    @Test
    void aFloodOfLargeRequestsKeepsTheJournalAndTheHeapBounded() throws Exception {
        int flood = Robustness.FLOOD_REQUESTS;
        int size = 100 * 1024;
        Tenant tenant = stub.loadBundled("demo-history", TENANT + 1, false);
        int capacity = stub.tenants().settings().journalSize();
        String query = QUERY.replace(Long.toString(TENANT), Long.toString(TENANT + 1));
        long heapBefore = usedHeapAfterGc();
        AtomicLong maxSeen = new AtomicLong();
        AtomicLong non200 = new AtomicLong();
        long start = System.nanoTime();
        RequestFuzzTest.runParallel(flood, 0, i -> {
            Random r = new Random(Robustness.seed("flood", i));
            byte[] body = floodBody(r, size);
            Api api = Api.values()[(int) (i % 3)];
            RunningStub.Reply reply = stub.send("POST", api.path() + query, body);
            if (reply.status() != 200) {
                non200.incrementAndGet();
            }
            if (i % 250 == 0) { // fail fast: an unbounded journal would exhaust the heap long before the flood ends
                int n = tenant(TENANT + 1).traffic().entries().size();
                maxSeen.accumulateAndGet(n, Math::max);
                if (n > capacity) {
                    throw new AssertionError(REPLAY + " after " + i + " flood requests the journal holds " + n + " entries; its size is " + capacity);
                }
            }
        });
        long elapsed = System.nanoTime() - start;
        Tenant t = tenant(TENANT + 1);
        List<Traffic.Entry> entries = t.traffic().entries();
        long journalBytes = entries.stream().mapToLong(e -> e.bodyBytes().length + e.answerBytes().length).sum();
        long heapAfter = usedHeapAfterGc();
        long bound = (long) capacity * 2 * Traffic.MAX_BODY_CHARS + 96L * MB; // the journal at its worst, plus slack for the JVM
        System.out.printf("%nMemoryBoundsTest %s%n  flood: %d requests of %d KB in %.1f s (%.0f/s); journal %d entries (largest seen %d, size %d),"
                        + " %d dropped, %.1f MB of bodies and answers kept%n  heap used after GC: %.1f MB before, %.1f MB after, growth %.1f MB"
                        + " (bound %.1f MB; an unbounded journal would keep about %.0f MB)%n",
                REPLAY, flood, size / 1024, elapsed / 1e9, flood / (elapsed / 1e9), entries.size(), maxSeen.get(), capacity,
                t.traffic().dropped(), journalBytes / 1e6, heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1e6, bound / 1e6,
                (double) flood * size / 1e6);
        assertThat(non200.get()).as("%s flood answers other than HTTP 200", REPLAY).isZero();
        assertThat(t.requestCount()).as(REPLAY).isEqualTo(flood);
        assertThat(entries).as("%s journal entries after the flood", REPLAY).hasSize(capacity);
        assertThat(t.traffic().dropped()).as(REPLAY).isEqualTo(flood - capacity);
        assertThat(entries).as(REPLAY).allSatisfy(e -> {
            assertThat(e.bodySize()).isEqualTo(size);
            assertThat(e.bodyBytes().length).isLessThanOrEqualTo(Traffic.MAX_BODY_CHARS);
            assertThat(e.answerBytes().length).isLessThanOrEqualTo(Traffic.MAX_BODY_CHARS);
        });
        assertThat(heapAfter - heapBefore).as("%s heap growth after a flood of %d x %d KB", REPLAY, flood, size / 1024)
                .isLessThan(bound);
    }

    /** Letters to cut 100 KB bodies from (drawing 2 billion random letters would cost more than the flood). */
    private static final byte[] LETTERS = new byte[256 * 1024];

    static {
        Random r = new Random(Robustness.seed("flood-letters", 0));
        for (int i = 0; i < LETTERS.length; i++) {
            LETTERS[i] = (byte) ('a' + r.nextInt(26));
        }
    }

    /** 100 KB of valid or broken JSON for any of the APIs, different every time. */
    private static byte[] floodBody(Random r, int size) {
        String head = switch (r.nextInt(4)) {
            case 0 -> "{\"From_Account\":\"user1\",\"To_Account\":\"user2\",\"MaxCnt\":20,\"MinTime\":0,\"MaxTime\":4294967295,\"Pad\":\"";
            case 1 -> "{\"GroupId\":\"@TGS#DEMO\",\"ReqMsgNumber\":20,\"Pad\":\"";
            case 2 -> "{\"Official_Account\":\"@TOA#_DEMO\",\"Pad\":\"";
            default -> "{\"broken\":\"";
        };
        byte[] b = new byte[size];
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, b, 0, h.length);
        System.arraycopy(LETTERS, r.nextInt(LETTERS.length - size), b, h.length, size - 2 - h.length);
        b[size - 2] = '"';
        b[size - 1] = r.nextInt(4) == 3 ? (byte) ',' : (byte) '}';
        return b;
    }

    private static Tenant tenant(long sdkappid) {
        return stub.tenants().get(sdkappid).orElseThrow();
    }

    private static byte[] bytes(String head, int n, char fill, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[h.length + n + t.length];
        System.arraycopy(h, 0, b, 0, h.length);
        Arrays.fill(b, h.length, h.length + n, (byte) fill);
        System.arraycopy(t, 0, b, h.length + n, t.length);
        return b;
    }

    /** Heap in use once garbage is collected (a few rounds: one System.gc() may leave reference-queue work behind). */
    static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
