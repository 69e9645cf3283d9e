package io.github.imhistory.kit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.Walker;
import io.github.imhistory.kit.server.BrokenServer.Breakage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checking proxy in front of each broken server of {@link BrokenServersTest} (the standalone jar as the upstream,
 * the broken server between it and the proxy, a second standalone jar with {@code --proxy-to} as the proxy): the
 * drift report names exactly the rules the breakage breaks, or nothing for the breakages no proxy can see without the
 * stored history, each with the reason. {@code -Dimhistory.proxyTest.only=TEXT} runs the broken servers whose name
 * contains TEXT and prints their drift reports.
 */
class CheckingProxyBrokenServersTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** A tenant of its own per session, so that each drift report holds only its own traffic. */
    static final AtomicLong SDKAPPID = new AtomicLong(1_700_000_000L);
    /** The scenarios a session walks: pages, holes, recalls, uint32 values, descending and ascending lists. */
    static final List<String> SESSION = List.of("c2c-generated-walk", "c2c-uint32-above-2-31", "c2c-recalled-mid-walk",
            "group-holes", "group-large-seq-and-random", "group-walk-multipage", "oa-holes", "oa-walk-multipage");
    static final AtomicReference<Breakage> BREAKAGE = new AtomicReference<>(new Breakage() {});
    static StandaloneJar upstream;
    static BrokenServer broken;
    static StandaloneJar proxy;
    static String proxyUrl;
    static String upstreamUrl;

    @BeforeAll
    static void start() throws Exception {
        upstream = StandaloneJar.start("--port", "0", "--rate-limit", "off", "--verify-usersig");
        upstreamUrl = upstream.awaitListening();
        broken = new BrokenServer(upstreamUrl, new Breakage() { // whichever breakage the test sets
            @Override
            public HttpCall request(HttpCall call) {
                return BREAKAGE.get().request(call);
            }

            @Override
            public BrokenServer.Reply answer(HttpCall call, BrokenServer.Reply reply, BrokenServer.Forwarder forward) {
                return BREAKAGE.get().answer(call, reply, forward);
            }
        });
        proxy = StandaloneJar.start("--port", "0", "--proxy-to", broken.baseUrl(), "--secret-key", StubServer.SECRET_KEY);
        proxyUrl = proxy.awaitListening();
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        broken.close();
        upstream.close();
    }

    static Stream<Arguments> brokenServers() {
        String only = System.getProperty("imhistory.proxyTest.only", "");
        return Stream.<Arguments>of(
                seen("repeats the boundary message", Breakages.repeatsBoundaryMessage(), "C2C-PAGE-008"),
                seen("never says Complete=1", Breakages.neverSaysComplete(), "C2C-PAGE-007", "C2C-PAGE-010"),
                seen("reverses a page", Breakages.reversesPage(), "C2C-ORDER-003"),
                seen("points LastMsgKey at the newest message", Breakages.pointsLastMsgKeyAtNewest(), "C2C-PAGE-011"),
                // holes left out where a walk asks for recalled messages too (then no seq may be skipped); where it
                // does not, a left-out hole looks like a hidden recalled message, and the pages it shortens break the
                // page rules: fewer entries than asked while older ones follow, LastMsgKey naming a hole not returned
                seen("hides holes", Breakages.hidesHoles(), "GRP-HOLE-001", "OA-HOLE-001", "GRP-PAGE-001", "GRP-PAGE-004",
                        "OA-PAGE-001", "OA-PAGE-004", "OA-PAGE-005"),
                // the proxy cannot tell which field a client's bad request got wrong: every rule of the due code
                seen("swaps error codes 90003 and 90008", Breakages.swapsErrorCodes(), "C2C-ERR-002", "C2C-ERR-003",
                        "C2C-ERR-008", "C2C-ERR-009"),
                seen("answers HTTP 500 to bad JSON", Breakages.answersHttp500ToBadJson(), "COM-HTTP-001", "C2C-ERR-001",
                        "C2C-ERR-006", "C2C-ERR-007"),
                seen("truncates uint32 to int32", Breakages.truncatesUint32ToInt32(), "C2C-MSG-002", "GRP-MSG-002"),
                // and says Complete=0 at the window's start, where no message of the window remains
                seen("leaks messages outside the window", Breakages.leaksMessagesOutsideWindow(), "C2C-WIN-001",
                        "C2C-PAGE-007"),
                seen("accepts a forged UserSig", Breakages.acceptsForgedUserSig(), "SIG-ALG-002", "SIG-VER-006",
                        "SIG-VER-011"),
                seen("serves more than 20 group entries", Breakages.servesMoreThan20GroupEntries(), "GRP-PAGE-003"),
                seen("orders official-account entries descending", Breakages.ordersOfficialAccountDescending(),
                        "OA-ORDER-001"),
                seen("accepts GET, PUT and DELETE", Breakages.acceptsAnyMethod(), "COM-METHOD-002"),
                seen("cuts pages in half", Breakages.cutsPagesInHalf(), "C2C-PAGE-005"),
                // seen by its symptoms only: a page one short of MaxCnt while older messages follow (C2C-PAGE-005) and
                // a walk whose last pages end otherwise than Complete said; that the missing message sat at the cursor
                // (C2C-PAGE-008) shows only beside a walk that returned it (gate probe) or the stored history
                seen("drops the boundary message", Breakages.dropsBoundaryMessage(), "C2C-PAGE-005", "C2C-PAGE-007"),
                // not seen without the stored history: what each page shows is consistent with itself and its walk
                unseen("says Complete=1 too early", Breakages.saysCompleteTooEarly()),
                unseen("unflags a recalled message", Breakages.unflagsRecalledMessages()),
                unseen("reads query parameters by position", Breakages.readsQueryParametersByPosition()))
                .filter(a -> ((String) a.get()[0]).contains(only));
    }

    private static Arguments seen(String name, Breakage breakage, String... rules) {
        return Arguments.of(name, breakage, new TreeSet<>(List.of(rules)));
    }

    private static Arguments unseen(String name, Breakage breakage) {
        return Arguments.of(name, breakage, new TreeSet<String>());
    }

    @ParameterizedTest(name = "{0}: drift names {2}")
    @MethodSource("brokenServers")
    void theDriftReportNamesExactlyTheRulesEachBrokenServerBreaks(String name, Breakage breakage, Set<String> rules)
            throws Exception {
        BREAKAGE.set(breakage);
        try {
            long tenant = session();
            JsonNode drift = drift(tenant);
            if (!System.getProperty("imhistory.proxyTest.only", "").isEmpty()) {
                System.out.println(Json.pretty(drift));
            }
            assertThat(brokenRules(drift)).as("rules the drift report names for a server that %s:\n%s", name,
                    Json.pretty(drift.get("findings"))).isEqualTo(rules);
            drift.get("findings").forEach(f -> {
                if (f.has("request")) { // a closing "... and N more like these" has none
                    assertThat(f.path("curl").asText()).as("each finding's curl goes to the upstream")
                            .startsWith("curl -sS -X ").contains(broken.baseUrl());
                }
            });
        } finally {
            BREAKAGE.set(new Breakage() {});
        }
    }

    @Test
    void theSameSessionThroughACorrectServerHasNoDrift() throws Exception {
        long tenant = session();
        JsonNode drift = drift(tenant);
        assertThat(drift.get("findings")).as(Json.pretty(drift.get("findings"))).isEmpty();
        // the walks the session took to the end were judged against the history they showed; the others (a group
        // whose seqs begin above 2^31, walked 400 pages; the single requests at the end) on their own
        assertThat(drift.get("walks")).filteredOn(w -> w.get("ended").asBoolean()).hasSizeGreaterThanOrEqualTo(14)
                .allSatisfy(w -> assertThat(w.get("judgedAgainstItsHistory").asBoolean()).isTrue());
    }

    // ------------------------------------------------------------------------------------------------ the session

    /**
     * What a client does in one session: loads the session's scenarios into tenants of the upstream (one tenant, the
     * first scenario's; the others' data merged in), walks every walk of them (and every group and official account
     * again asking for recalled messages, and a group asking for 30 entries), then sends the bad requests a buggy
     * client sends. Returns the tenant.
     */
    static long session() throws Exception {
        long tenant = SDKAPPID.getAndIncrement();
        ObjectNode merged = merged(tenant);
        post(upstreamUrl + "/__imhistory/tenants/" + tenant, Json.compact(merged));
        Scenario scenario = Scenario.of(merged, "session");
        CallFactory calls = CallFactory.signing(scenario.tenant(), () -> System.currentTimeMillis() / 1000);
        for (Scenario.WalkSpec w : scenario.walks()) {
            walk(calls, w.api(), w.body());
        }
        for (JsonNode g : merged.path("dataset").path("groups")) {
            walk(calls, Api.GROUP_MSG_GET_SIMPLE, Json.object().put("GroupId", g.path("GroupId").asText())
                    .put("ReqMsgNumber", 20).put("WithRecalledMsg", 1));
            walk(calls, Api.GROUP_MSG_GET_SIMPLE, Json.object().put("GroupId", g.path("GroupId").asText())
                    .put("ReqMsgNumber", 30));
        }
        for (JsonNode oa : merged.path("dataset").path("officialAccounts")) {
            walk(calls, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE, Json.object()
                    .put("Official_Account", oa.path("Official_Account").asText()).put("WithRecalledMsg", 1));
        }
        String window = "\"MaxCnt\":20,\"MinTime\":1700100000,\"MaxTime\":1700200000";
        HttpCall good = calls.body(Api.ADMIN_GETROAMMSG, Json.parseStrict("{\"From_Account\":\"gen1\","
                + "\"To_Account\":\"gen2\"," + window + "}", "test"));
        send(withBody(good, "{\"From_Account\":\"gen1\"," + window + "}")); // no To_Account: 90003
        send(withBody(good, "{\"To_Account\":\"gen2\"," + window + "}")); // no From_Account: 90008
        send(withBody(good, "{\"From_Account\":\"gen1\",")); // not JSON: 90001
        send(new HttpCall("GET", good.path(), good.query(), good.body())); // not POST: 60008
        Map<String, String> forged = new LinkedHashMap<>(good.query());
        forged.put("usersig", UserSig.generate(tenant, TenantSpec.DEFAULT_ADMIN, "not-the-key", System.currentTimeMillis()
                / 1000, 86_400));
        send(new HttpCall("POST", good.path(), forged, good.body())); // signed with another key: 70009
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("identifier", good.query().get("identifier"));
        good.query().forEach(reordered::putIfAbsent);
        send(new HttpCall("POST", good.path(), reordered, good.body())); // parameters in another order: accepted
        return tenant;
    }

    /** The session's scenarios as one: the first one's tenant, every dataset's messages, groups and accounts, every walk. */
    static ObjectNode merged(long tenant) {
        ObjectNode out = (ObjectNode) ScenarioIndex.bundled().find(SESSION.get(0)).orElseThrow().json().deepCopy();
        out.remove("exchanges");
        out.remove("deviations");
        out.withObject("/tenant").put("sdkappid", tenant);
        for (String id : SESSION.subList(1, SESSION.size())) {
            ObjectNode s = (ObjectNode) ScenarioIndex.bundled().find(id).orElseThrow().json().deepCopy();
            ObjectNode dataset = out.withObject("/dataset");
            for (String kind : List.of("c2c", "groups", "officialAccounts", "generate")) {
                s.path("dataset").path(kind).forEach(x -> dataset.withArray(kind).add(x));
            }
            s.path("walks").forEach(w -> out.withArray("walks").add(w));
        }
        return out;
    }

    static void walk(CallFactory calls, Api api, JsonNode first) {
        new Walker(calls, CheckingProxyBrokenServersTest::send).walk(api, first, 400);
    }

    static HttpCall withBody(HttpCall call, String body) {
        return new HttpCall(call.method(), call.path(), call.query(), body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer send(HttpCall call) throws IOException {
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(proxyUrl + call.pathAndQuery()))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static void post(String url, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    static JsonNode drift(long tenant) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(proxyUrl + "/__imhistory/tenants/" + tenant
                + "/drift")).timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.WIRE.readTree(r.body());
    }

    static Set<String> brokenRules(JsonNode drift) {
        Set<String> out = new TreeSet<>();
        drift.get("findings").forEach(f -> out.add(f.get("rule").asText()));
        return out;
    }

    static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
