package io.github.imhistory.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;

import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.oracle.EngineTransport;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.ScenarioPlayer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.wiremock.BundledScenarios;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, part 2: 32 walkers page through all three APIs at once over HTTP: 8 share the demo tenant (UserSig
 * checking on), 8 share a larger generated tenant, and 16 walk a generated tenant each, every one of a different size
 * (some with texts long enough for the 13 KB cut, holes and recalls). Each walker has its own page sizes and field
 * names. The oracle is the engine's own walk of the same requests in-process, on a separate copy of each tenant,
 * before any walker starts: every page over HTTP must equal the oracle's page, so no message is lost, repeated or
 * reordered, and no call fails. Meanwhile another thread reloads and resets an unrelated tenant and reads the shared
 * tenants' journals through the admin API.
 */
class ConcurrentWalkersTest {
    static final int WALKERS = 32;
    static final long SHARED_DEMO = 1_630_000_000L;
    static final long SHARED_GENERATED = 1_630_000_001L;
    static final long SEPARATE = 1_630_000_100L;
    static final long CHURN = 1_630_000_999L;
    static final String REPLAY = Robustness.replay("ConcurrentWalkersTest");

    /** One walk: a whole history of one API through the continuation protocol, with fixed page sizes. */
    record Walk(long sdkappid, JsonNode scenario, Api api, ObjectNode body) {
        String name() {
            return api.command() + " " + Json.compact(body) + " on " + sdkappid;
        }
    }

    @Test
    void thirtyTwoWalkersLoseNothingRepeatNothingAndFailNothing() throws Exception {
        try (RunningStub stub = RunningStub.start(WALKERS + 16)) {
            Tenants oracleTenants = new Tenants(EngineSettings.defaults().withRateLimit(false));
            Engine oracle = new Engine(oracleTenants, Clock.systemUTC());
            List<JsonNode> scenarios = new ArrayList<>();
            JsonNode demo = BundledScenarios.read(BundledScenarios.pathOf("demo-history").orElseThrow());
            load(stub, oracleTenants, demo, SHARED_DEMO);
            JsonNode shared = generated("shared", 3000, 3, 200, 600, 9, 4, 400, 11, false);
            load(stub, oracleTenants, shared, SHARED_GENERATED);
            for (int k = 0; k < 16; k++) {
                JsonNode s = generated("w" + k, 50 + 130 * k, 1 + k % 4, 16 + (k % 5) * 700, 20 + 25 * k, k % 4, k % 5, 10 + 17 * k,
                        (k % 3) * 5, k % 2 == 0);
                load(stub, oracleTenants, s, SEPARATE + k);
                scenarios.add(s);
            }

            List<List<Walk>> plans = new ArrayList<>();
            for (int w = 0; w < WALKERS; w++) {
                Random r = new Random(Robustness.seed("walker", w));
                long sdkappid = w < 8 ? SHARED_DEMO : w < 16 ? SHARED_GENERATED : SEPARATE + (w - 16);
                JsonNode scenario = w < 8 ? demo : w < 16 ? shared : scenarios.get(w - 16);
                List<Walk> walks = new ArrayList<>();
                for (Api api : Api.values()) {
                    walks.add(new Walk(sdkappid, scenario, api, body(r, api, scenario)));
                }
                Collections.shuffle(walks, r);
                plans.add(walks);
            }
            // the oracle walks first, alone and in-process
            List<List<List<JsonNode>>> expected = new ArrayList<>();
            for (List<Walk> plan : plans) {
                List<List<JsonNode>> pages = new ArrayList<>();
                for (Walk walk : plan) {
                    pages.add(walk(walk, EngineTransport.of(oracle)));
                }
                expected.add(pages);
            }
            sanity(plans, expected);

            AtomicBoolean walking = new AtomicBoolean(true);
            AtomicLong churned = new AtomicLong();
            List<String> churnProblems = Collections.synchronizedList(new ArrayList<>());
            Thread churn = new Thread(() -> churn(stub, walking, churned, churnProblems), "churn");
            ExecutorService pool = Executors.newFixedThreadPool(WALKERS);
            CountDownLatch go = new CountDownLatch(1);
            AtomicLong requests = new AtomicLong();
            long start = System.nanoTime();
            List<Future<List<String>>> results = new ArrayList<>();
            try {
                for (int w = 0; w < WALKERS; w++) {
                    int n = w;
                    results.add(pool.submit(() -> {
                        go.await();
                        List<String> problems = new ArrayList<>();
                        for (int i = 0; i < plans.get(n).size(); i++) {
                            Walk walk = plans.get(n).get(i);
                            List<JsonNode> pages = walk(walk, call -> {
                                requests.incrementAndGet();
                                return stub.transport().send(call);
                            });
                            compare(n, walk, expected.get(n).get(i), pages).ifPresent(problems::add);
                        }
                        return problems;
                    }));
                }
                churn.start();
                go.countDown();
                List<String> problems = new ArrayList<>();
                for (Future<List<String>> f : results) {
                    problems.addAll(f.get(10, TimeUnit.MINUTES));
                }
                walking.set(false);
                churn.join(30_000);
                long elapsed = System.nanoTime() - start;
                System.out.printf("%nConcurrentWalkersTest %s%n  %d walkers, %d walks, %d HTTP requests in %.1f s (%.0f/s);"
                                + " %d admin calls on other tenants meanwhile%n", REPLAY, WALKERS, WALKERS * 3, requests.get(),
                        elapsed / 1e9, requests.get() / (elapsed / 1e9), churned.get());
                problems.addAll(churnProblems);
                assertThat(problems).as("%s every walk over HTTP equals the engine's own walk", REPLAY).isEmpty();
                assertThat(churned.get()).as("%s the admin thread ran while the walkers walked", REPLAY).isPositive();
            } finally {
                walking.set(false);
                pool.shutdownNow();
            }
        }
    }

    private static void load(RunningStub stub, Tenants oracle, JsonNode scenario, long sdkappid) {
        stub.tenants().load(scenario, sdkappid);
        oracle.load(scenario, sdkappid);
    }

    /** A tenant with one generated conversation, group and official account (README, 'Generated datasets'). */
    static JsonNode generated(String name, int c2c, int perSecond, int textBytes, int group, int groupHoles, int groupRecalls,
                              int oa, int oaHoles, boolean verify) {
        ObjectNode s = Json.object();
        s.put("id", "walkers-" + name);
        ObjectNode t = s.putObject("tenant");
        t.putArray("accounts").add(name + "-a").add(name + "-b");
        t.put("verifyUserSig", verify);
        ArrayNode gen = s.putObject("dataset").putArray("generate");
        gen.addObject().put("kind", "c2c").put("From_Account", name + "-a").put("To_Account", name + "-b").put("count", c2c)
                .put("seed", Robustness.seed("walkers-c2c-" + name, 0)).put("startTime", 1_700_000_000L).put("perSecond", perSecond)
                .put("textBytes", textBytes).put("recallEvery", c2c % 7);
        gen.addObject().put("kind", "group").put("GroupId", "@TGS#" + name).put("Type", "Public").put("count", group)
                .put("seed", Robustness.seed("walkers-group-" + name, 0)).put("startTime", 1_700_000_000L)
                .put("holeEvery", groupHoles).put("recallEvery", groupRecalls);
        gen.addObject().put("kind", "officialAccount").put("Official_Account", "@TOA#" + name).put("count", oa)
                .put("seed", Robustness.seed("walkers-oa-" + name, 0)).put("startTime", 1_700_000_000L).put("holeEvery", oaHoles);
        return s;
    }

    private static ObjectNode body(Random r, Api api, JsonNode scenario) {
        JsonNode gen = scenario.path("dataset").path("generate");
        ObjectNode b = Json.object();
        switch (api) {
            case ADMIN_GETROAMMSG -> {
                JsonNode c2c = gen.get(0);
                boolean current = r.nextBoolean();
                boolean reversed = r.nextBoolean(); // either side may ask
                String a = c2c.path("From_Account").asText();
                String z = c2c.path("To_Account").asText();
                b.put(current ? "Operator_Account" : "From_Account", reversed ? z : a);
                b.put(current ? "Peer_Account" : "To_Account", reversed ? a : z);
                b.put("MaxCnt", new int[] {20, 50, 100, 500}[r.nextInt(4)]);
                b.put("MinTime", 0).put("MaxTime", 4_294_967_295L);
            }
            case GROUP_MSG_GET_SIMPLE -> {
                b.put("GroupId", gen.get(1).path("GroupId").asText());
                b.put("ReqMsgNumber", new int[] {5, 10, 20}[r.nextInt(3)]);
                b.put("WithRecalledMsg", r.nextInt(2));
            }
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> {
                b.put("Official_Account", gen.get(2).path("Official_Account").asText());
                if (r.nextBoolean()) {
                    b.put("ReqMsgNumber", new int[] {5, 10, 20}[r.nextInt(3)]);
                }
                b.put("WithRecalledMsg", r.nextInt(2));
            }
            default -> throw new IllegalStateException();
        }
        return b;
    }

    /** Every page's answer, following the continuation protocol until it ends (a failed page ends it too). */
    static List<JsonNode> walk(Walk walk, Transport transport) throws IOException {
        CallFactory player = CallFactory.signing(TenantSpec.of(walk.scenario()).withSdkappid(walk.sdkappid()),
                () -> System.currentTimeMillis() / 1000);
        List<JsonNode> pages = new ArrayList<>();
        JsonNode request = walk.body();
        for (int page = 0; page < 100_000; page++) {
            Answer a = transport.send(player.body(walk.api(), request));
            JsonNode answer = a.status() == 200 ? Json.WIRE.readTree(a.body()) : Json.object().put("HTTP", a.status()).put("body", a.text());
            pages.add(answer);
            Optional<ObjectNode> next = answer.path("ErrorCode").asInt(-1) == 0 ? walk.api().profile().next(request, answer) : Optional.empty();
            if (next.isEmpty()) {
                break;
            }
            request = next.get();
        }
        return pages;
    }

    private static Optional<String> compare(int walker, Walk walk, List<JsonNode> expected, List<JsonNode> actual) {
        List<String> keys = new ArrayList<>();
        for (JsonNode page : actual) {
            if (page.path("ErrorCode").asInt(-1) != 0) {
                return Optional.of("walker " + walker + ", " + walk.name() + ": page " + (keys.size() + 1) + " failed: " + brief(page));
            }
            keys.addAll(walk.api().profile().keys(page));
        }
        Set<String> distinct = new HashSet<>(keys);
        List<String> expectedKeys = new ArrayList<>();
        expected.forEach(p -> expectedKeys.addAll(walk.api().profile().keys(p)));
        if (distinct.size() != keys.size() || !keys.equals(expectedKeys)) {
            Set<String> lost = new HashSet<>(expectedKeys);
            lost.removeAll(distinct);
            return Optional.of("walker " + walker + ", " + walk.name() + ": " + keys.size() + " entries (" + (keys.size() - distinct.size())
                    + " repeated), the engine's walk has " + expectedKeys.size() + "; lost " + lost.size() + ": " + brief(lost));
        }
        for (int p = 0; p < Math.max(expected.size(), actual.size()); p++) {
            JsonNode e = p < expected.size() ? expected.get(p) : null;
            JsonNode a = p < actual.size() ? actual.get(p) : null;
            if (e == null || !e.equals(a)) {
                return Optional.of("walker " + walker + ", " + walk.name() + ": page " + (p + 1) + " differs from the engine's own:\n    got      "
                        + brief(a) + "\n    expected " + brief(e));
            }
        }
        return Optional.empty();
    }

    /** The oracle's walks are whole, so the comparison means something: e.g. every C2C message of the pair once. */
    private static void sanity(List<List<Walk>> plans, List<List<List<JsonNode>>> expected) {
        for (int w = 0; w < plans.size(); w++) {
            for (int i = 0; i < plans.get(w).size(); i++) {
                Walk walk = plans.get(w).get(i);
                List<JsonNode> pages = expected.get(w).get(i);
                long entries = pages.stream().mapToLong(p -> walk.api().profile().entries(p).size()).sum();
                assertThat(pages).as("%s oracle walk %s", REPLAY, walk.name()).allSatisfy(p -> assertThat(p.path("ErrorCode").asInt(-1)).isZero());
                if (walk.api() == Api.ADMIN_GETROAMMSG) {
                    long count = walk.scenario().path("dataset").path("generate").isMissingNode() ? 1000
                            : walk.scenario().path("dataset").path("generate").get(0).path("count").asLong();
                    assertThat(entries).as("%s oracle walk %s returns every message", REPLAY, walk.name()).isEqualTo(count);
                } else {
                    assertThat(entries).as("%s oracle walk %s", REPLAY, walk.name()).isPositive();
                }
            }
        }
    }

    /** Reloads, resets and lists other tenants, and reads the shared tenants' journals, while the walkers walk. */
    private static void churn(RunningStub stub, AtomicBoolean walking, AtomicLong done, List<String> problems) {
        byte[] none = new byte[0];
        while (walking.get()) {
            try {
                int[] expect = {201, 200, 200, 200};
                RunningStub.Reply[] replies = {
                        stub.send("POST", "/__imhistory/tenants/" + CHURN + "/scenario/c2c-doc-two-pages", none),
                        stub.send("POST", "/__imhistory/tenants/" + CHURN + "/reset", none),
                        stub.send("GET", "/__imhistory/tenants/" + SHARED_DEMO + "/requests", none),
                        stub.send("GET", "/__imhistory/tenants", none)};
                for (int i = 0; i < replies.length; i++) {
                    if (replies[i].status() != expect[i]) {
                        problems.add("admin call " + i + " during the walks: HTTP " + replies[i].status() + " " + replies[i].text());
                    }
                }
                done.addAndGet(replies.length);
            } catch (IOException e) {
                problems.add("admin call during the walks failed: " + e);
            }
        }
    }

    private static String brief(Object o) {
        String s = String.valueOf(o);
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
