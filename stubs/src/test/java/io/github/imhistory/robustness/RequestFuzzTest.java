package io.github.imhistory.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.ScenarioPlayer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineRequest;
import io.github.imhistory.engine.EngineResponse;
import io.github.imhistory.engine.Tenant;
import io.github.imhistory.wiremock.BundledScenarios;
import io.github.imhistory.wiremock.ImHistoryExtension;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, part 1: a seeded fuzz of generated and broken requests (see {@link RequestGenerator}) against a running
 * stub: WireMock with {@link ImHistoryExtension} on 127.0.0.1, three tenants (demo-history with UserSig checking on,
 * demo-history with it off, group-community-topics with it on; rate limiting off, no deviations).
 *
 * <p>By default 100,000 requests: the first 30,000 over real HTTP (JDK client, 8 threads),
 * the other 70,000 in-process through {@link Engine#handle} on the same engine and tenants, because 100,000 HTTP round
 * trips do not fit the CI budget (2 cores, the whole suite in about 90 s). In-process requests get their query decoded
 * by the extension's own parser, so both halves see the same inputs. {@code -Plong} sends 1,000,000 (200,000 over HTTP).
 *
 * <p>Every answer must be HTTP 200, JSON with ActionStatus/ErrorCode/ErrorInfo, a catalogued code the engine
 * produces and that fits the path and method, within {@link Robustness#ANSWER_BOUND_MILLIS} (but for the first
 * {@value #WARM_UP} HTTP requests, while the JIT compiles); each tenant's journal stays within its size; a sample is validated
 * against the schemas. Afterwards the stub must still answer documented exchanges exactly: c2c-doc-two-pages on a fresh
 * tenant, and the demo walks on the fuzzed tenants. Counts per ErrorCode are printed.
 */
class RequestFuzzTest {
    static final long SIGNED_DEMO = 1_620_000_001L;
    static final long OPEN_DEMO = 1_620_000_002L;
    static final long TOPICS = 1_620_000_003L;
    static final long REPLAY = 1_620_000_004L;
    /** HTTP requests at the start that are not held to the time bound (JIT warm-up); their answers are judged. */
    static final int WARM_UP = 1_000;

    @Test
    void brokenRequestsGetDocumentedAnswersAndTheStubKeepsWorking() throws Exception {
        int total = Robustness.FUZZ_REQUESTS;
        int overHttp = Math.min(total, Robustness.FUZZ_HTTP_REQUESTS);
        String replay = Robustness.replay(getClass().getSimpleName());
        try (RunningStub stub = RunningStub.start(Robustness.THREADS + 8)) {
            long now = System.currentTimeMillis() / 1000;
            RequestGenerator generator = new RequestGenerator(List.of(
                    target(stub, "demo-history", SIGNED_DEMO, true, RequestGenerator.Shape.DEMO, now),
                    target(stub, "demo-history", OPEN_DEMO, false, RequestGenerator.Shape.DEMO, now),
                    target(stub, "group-community-topics", TOPICS, true, RequestGenerator.Shape.TOPICS, now)), now);
            AnswerCheck check = new AnswerCheck(Robustness.ANSWER_BOUND_MILLIS);

            long[] httpNanos = new long[overHttp];
            long httpStart = System.nanoTime();
            long httpCpu = cpuNanos();
            runParallel(overHttp, 0, i -> {
                RequestGenerator.Generated g = generator.generate(i);
                try {
                    RunningStub.Reply r = stub.send(g.method(), g.pathAndQuery(), g.body());
                    httpNanos[(int) i] = r.nanos();
                    // the first requests run while the JIT compiles Jetty, WireMock and the engine: judged, but not timed
                    check.judge(g.api(), g.method(), r.status(), r.body(), i < WARM_UP ? 0 : r.nanos(), i % Robustness.SCHEMA_EVERY == 0,
                            describe(g, stub.base));
                } catch (IOException e) {
                    check.problem("no HTTP answer: " + e.getClass().getSimpleName(), describe(g, stub.base) + "\n      " + e);
                }
            });
            long httpElapsed = System.nanoTime() - httpStart;
            httpCpu = cpuNanos() - httpCpu;

            Engine engine = stub.extension.engine();
            int inProcess = total - overHttp;
            long[] engineNanos = new long[inProcess];
            long engineStart = System.nanoTime();
            long engineCpu = cpuNanos();
            runParallel(inProcess, overHttp, i -> {
                RequestGenerator.Generated g = generator.generate(i);
                long start = System.nanoTime();
                EngineResponse r = engine.handle(new EngineRequest(g.method(), g.path(), parseQuery(g.rawQuery()), g.body()));
                long nanos = System.nanoTime() - start;
                engineNanos[(int) (i - overHttp)] = nanos;
                if (r.fault() != EngineResponse.Fault.NONE || r.delayMillis() != 0) {
                    check.problem("fault or delay without a deviation", describe(g, stub.base));
                }
                check.judge(g.api(), g.method(), r.status(), r.body(), nanos, i % Robustness.SCHEMA_EVERY == 0, describe(g, stub.base));
            });
            long engineElapsed = System.nanoTime() - engineStart;
            engineCpu = cpuNanos() - engineCpu;

            System.out.printf("%nRequestFuzzTest %s%n  %d requests: %d over HTTP in %.1f s (%.0f/s, %.1f CPU-s, max %.0f ms at index %d, p99 %.2f ms),"
                            + " %d in-process in %.1f s (%.0f/s, %.1f CPU-s, max %.1f ms, p99 %.3f ms); %d answers checked against the schemas"
                            + "%n  HTTP statuses: %s%n  ErrorCodes (code, count, share, catalogue text):%s%n",
                    replay, total, overHttp, httpElapsed / 1e9, overHttp / (httpElapsed / 1e9), httpCpu / 1e9, max(httpNanos) / 1e6,
                    argMax(httpNanos), p99(httpNanos) / 1e6, inProcess, engineElapsed / 1e9, inProcess / Math.max(1e-9, engineElapsed / 1e9), engineCpu / 1e9,
                    max(engineNanos) / 1e6, p99(engineNanos) / 1e6, check.schemaChecked.sum(), new java.util.TreeMap<>(check.statuses),
                    check.codeTable());

            for (long sdkappid : new long[] {SIGNED_DEMO, OPEN_DEMO, TOPICS}) {
                Tenant t = stub.tenants().get(sdkappid).orElseThrow();
                int journal = t.traffic().entries().size();
                if (journal > stub.tenants().settings().journalSize()) {
                    check.problem("journal over its size", "tenant " + sdkappid + " keeps " + journal + " entries");
                }
            }
            List<String> afterwards = stillAnswersDocumentedExchanges(stub, now);
            assertThat(check.problems() + String.join("", afterwards))
                    .as("%s fuzz of %d requests: every answer HTTP 200, a documented code, in time; then documented exchanges still exact",
                            replay, total)
                    .isEmpty();
            assertThat(check.codes.keySet()).as("%s the fuzz reached deep into every API (sanity of the generator)", replay)
                    .contains(0, 60002, 60008, 60009, 10003, 70001, 70002, 70003, 70009, 70013, 70014, 70020, 60012,
                            90001, 90003, 90008, 90009, 10004, 10007, 10010, 10011, 10015);
        }
    }

    /**
     * The fuzz's first finding, pinned: text a client sends is echoed in ErrorInfo, and Jackson's string encoder
     * refuses an unpaired surrogate (valid JSON: the escape backslash-u-d800), so the documented code became the
     * internal error.
     */
    @Test
    void aLoneSurrogateEchoedInErrorInfoStillGetsItsDocumentedCode() throws Exception {
        try (RunningStub stub = RunningStub.start(8)) {
            long now = System.currentTimeMillis() / 1000;
            Tenant topics = stub.loadBundled("group-community-topics", TOPICS, true);
            String sig = UserSig.generate(TOPICS, "admin", topics.secretKey(), now, 86_400);
            String query = "?sdkappid=" + TOPICS + "&identifier=admin&random=1&contenttype=json&usersig=";
            String topic = "{\"GroupId\":\"@TGS#_COMMUNITY1\",\"ReqMsgNumber\":1,\"TopicId\":\"x\\ud800\"}";
            // a UserSig whose document names an unpaired surrogate as its identifier, presented by admin
            String foreign = UserSigForgeryTest.encodeBytes(("{\"TLS.ver\":\"2.0\",\"TLS.identifier\":\"\\ud800\",\"TLS.sdkappid\":" + TOPICS
                    + ",\"TLS.expire\":86400,\"TLS.time\":" + now + ",\"TLS.sig\":\"x\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String[][] cases = {
                    {io.github.imhistory.contract.Api.GROUP_MSG_GET_SIMPLE.path() + query + sig, topic, "10010"},
                    {io.github.imhistory.contract.Api.GROUP_MSG_GET_SIMPLE.path() + query + foreign, "{}", "70013"}};
            List<String> wrong = new ArrayList<>();
            for (String[] c : cases) {
                RunningStub.Reply r = stub.send("POST", c[0], c[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                JsonNode answer = stub.json(r);
                if (r.status() != 200 || !answer.path("ErrorCode").asText().equals(c[2])) {
                    wrong.add("expected " + c[2] + ", got HTTP " + r.status() + " " + r.text() + "\n    curl -sS -X POST '" + stub.base + c[0]
                            + "' --data-binary '" + c[1] + "'");
                }
            }
            assertThat(wrong).as(Robustness.replay(getClass().getSimpleName())).isEmpty();
        }
    }

    private static RequestGenerator.Target target(RunningStub stub, String scenario, long sdkappid, boolean verify,
                                                  RequestGenerator.Shape shape, long now) {
        Tenant t = stub.loadBundled(scenario, sdkappid, verify);
        String admin = t.admins().iterator().next();
        return new RequestGenerator.Target(sdkappid, admin, t.secretKey(), verify, shape,
                UserSig.generate(sdkappid, admin, t.secretKey(), now - 60, 7 * 86_400));
    }

    /** The fresh tenant gets a documented two-page exchange right; the fuzzed tenants still walk their whole history. */
    private static List<String> stillAnswersDocumentedExchanges(RunningStub stub, long now) throws IOException {
        List<String> failures = new ArrayList<>();
        RunningStub.Reply loaded = stub.send("POST", "/__imhistory/tenants/" + REPLAY + "/scenario/c2c-doc-two-pages", new byte[0]);
        if (loaded.status() != 201) {
            failures.add("\n  loading c2c-doc-two-pages after the fuzz: HTTP " + loaded.status() + " " + loaded.text());
            return failures;
        }
        play(stub, BundledScenarios.read(BundledScenarios.pathOf("c2c-doc-two-pages").orElseThrow()), REPLAY, failures);
        JsonNode demo = BundledScenarios.read(BundledScenarios.pathOf("demo-history").orElseThrow());
        for (long fuzzed : new long[] {SIGNED_DEMO, OPEN_DEMO}) {
            play(stub, demo, fuzzed, failures);
        }
        return failures;
    }

    private static void play(RunningStub stub, JsonNode scenario, long sdkappid, List<String> failures) {
        Scenario typed = Scenario.of(scenario, scenario.path("id").asText());
        ScenarioPlayer player = new ScenarioPlayer(CallFactory.signing(typed.tenant().withSdkappid(sdkappid),
                () -> System.currentTimeMillis() / 1000), stub.transport());
        List<ScenarioPlayer.Outcome> outcomes = new ArrayList<>();
        typed.exchanges().forEach(e -> outcomes.add(player.playExchange(e)));
        typed.walks().forEach(w -> outcomes.add(player.playWalk(w)));
        if (outcomes.isEmpty()) {
            failures.add("\n  " + scenario.path("id").asText() + " has nothing to play");
        }
        for (ScenarioPlayer.Outcome o : outcomes) {
            if (!o.passed()) {
                HttpCall last = o.lastCall();
                failures.add("\n  after the fuzz, " + scenario.path("id").asText() + " on " + sdkappid + ": " + o.name() + ": "
                        + o.detail() + (last == null ? "" : "\n    " + stub.curl(last)));
            }
        }
    }

    @FunctionalInterface
    interface IndexTask {
        void run(long index) throws Exception;
    }

    /** Runs indices [from, from + count) on {@link Robustness#THREADS} threads; any exception fails the test. */
    static void runParallel(long count, long from, IndexTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Robustness.THREADS);
        AtomicLong next = new AtomicLong(from);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < Robustness.THREADS; t++) {
                futures.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < from + count; i = next.getAndIncrement()) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String describe(RequestGenerator.Generated g, String base) {
        return g.describe() + "\n      " + g.curl(base);
    }

    private static final Method PARSE_QUERY;

    static {
        try { // the adapter's own decoding (package-private), so in-process requests see exactly what HTTP ones do
            PARSE_QUERY = ImHistoryExtension.class.getDeclaredMethod("parseQuery", String.class);
            PARSE_QUERY.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> parseQuery(String raw) {
        try {
            return (Map<String, String>) PARSE_QUERY.invoke(null, raw == null ? "" : raw);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU time of this JVM (client and server threads alike), to judge cost on a loaded machine. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long max(long[] a) {
        return Arrays.stream(a).max().orElse(0);
    }

    private static int argMax(long[] a) {
        int at = 0;
        for (int i = 1; i < a.length; i++) {
            at = a[i] > a[at] ? i : at;
        }
        return at;
    }

    private static long p99(long[] a) {
        if (a.length == 0) {
            return 0;
        }
        long[] c = a.clone();
        Arrays.sort(c);
        return c[(int) Math.min(c.length - 1, Math.floor(c.length * 0.99))];
    }
}
