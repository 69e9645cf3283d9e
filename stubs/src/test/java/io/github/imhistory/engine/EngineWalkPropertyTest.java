package io.github.imhistory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;

import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.oracle.EngineTransport;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.ScenarioPlayer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.contract.TenantSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random datasets, random page sizes and random paging paths that follow the continuation rules: every walk returns
 * exactly the visible messages of the window (or every seq, as a message or a hole), once each, in order, and ends.
 * The oracle here is a brute-force filter and sort, independent of the engine's indexes. A failure prints its seed.
 */
class EngineWalkPropertyTest {
    private static final int RUNS = 300;
    private static final long BASE_SEED = Long.getLong("imhistory.seed", 20261122L);

    record Msg(String from, String to, long seq, long random, long time, boolean sync2, boolean recalled, int textLen) {
        String key() {
            return seq + "_" + random + "_" + time;
        }
    }

    @Test
    void c2cWalksReturnEveryVisibleMessageOnceInOrder() {
        for (int run = 0; run < RUNS; run++) {
            long seed = BASE_SEED + run;
            Random r = new Random(seed);
            List<Msg> msgs = new ArrayList<>();
            int n = r.nextInt(250);
            long t0 = 1_700_000_000L;
            for (int i = 0; i < n; i++) {
                boolean ab = r.nextInt(10) > 0; // some messages belong to another conversation (A-C)
                boolean forward = r.nextBoolean();
                String other = ab ? "B" : "C";
                msgs.add(new Msg(forward ? "A" : other, forward ? other : "A", r.nextInt(4) == 0 ? 4_294_967_295L - r.nextInt(3) : r.nextInt(6),
                        r.nextInt(3) == 0 ? 3_000_000_000L + r.nextInt(5) : r.nextInt(1000), t0 + r.nextInt(40),
                        r.nextInt(8) == 0, r.nextInt(9) == 0, 1 + (r.nextInt(6) == 0 ? r.nextInt(15000) : r.nextInt(40))));
            }
            Engine engine = engineWith(c2cScenario(msgs));
            String operator = r.nextBoolean() ? "A" : "B";
            String peer = operator.equals("A") ? "B" : "A";
            long minTime = t0 + r.nextInt(20) - 2;
            long maxTime = minTime + r.nextInt(30);
            // the oracle: brute force over the dataset (in a conversation the first of a duplicate key wins, as importmsg dedups)
            Set<String> keys = new HashSet<>();
            List<Msg> expected = msgs.stream().filter(m -> keys.add(pair(m) + "/" + m.time() + "/" + m.seq() + "/" + m.random()))
                    .filter(m -> (m.from().equals(operator) && m.to().equals(peer)) || (m.from().equals(peer) && m.to().equals(operator)))
                    .filter(m -> !(m.sync2() && m.from().equals(operator)))
                    .filter(m -> m.time() >= minTime && m.time() <= maxTime)
                    .sorted(Comparator.comparingLong(Msg::time).thenComparingLong(Msg::seq).thenComparingLong(Msg::random))
                    .toList();
            boolean current = r.nextBoolean();
            ObjectNode body = Json.object();
            body.put(current ? "Operator_Account" : "From_Account", operator);
            body.put(current ? "Peer_Account" : "To_Account", peer);
            body.put("MaxCnt", 1 + r.nextInt(30));
            body.put("MinTime", minTime);
            body.put("MaxTime", maxTime);
            List<List<String>> pages = new ArrayList<>();
            JsonNode request = body;
            for (int page = 0; ; page++) {
                assertThat(page).as("seed %d: walk must end", seed).isLessThan(n + 2);
                JsonNode answer = send(engine, Api.ADMIN_GETROAMMSG, request);
                assertThat(answer.path("ErrorCode").asInt()).as("seed %d: %s", seed, answer).isZero();
                List<String> pageKeys = new ArrayList<>();
                long bytes = 0;
                for (JsonNode m : answer.path("MsgList")) {
                    pageKeys.add(m.path("MsgKey").asText());
                    bytes += Json.compact(m).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                }
                int maxCnt = request.path("MaxCnt").asInt();
                assertThat(pageKeys.size()).as("seed %d: C2C-PAGE-004", seed).isLessThanOrEqualTo(maxCnt);
                assertThat(answer.path("MsgCnt").asInt()).as("seed %d: C2C-PAGE-002", seed).isEqualTo(pageKeys.size());
                if (pageKeys.size() > 1) {
                    assertThat(bytes).as("seed %d: C2C-PAGE-006", seed).isLessThanOrEqualTo(ApiProfile.C2C_PAGE_BYTES);
                }
                if (!pageKeys.isEmpty()) {
                    assertThat(answer.path("LastMsgKey").asText()).as("seed %d: C2C-PAGE-003", seed).isEqualTo(pageKeys.get(0));
                }
                pages.add(pageKeys);
                Optional<ObjectNode> next = Api.ADMIN_GETROAMMSG.profile().next(request, answer);
                if (next.isEmpty()) {
                    break;
                }
                assertThat(pageKeys).as("seed %d: a page with Complete=0 is never empty", seed).isNotEmpty();
                next.get().put("MaxCnt", 1 + r.nextInt(30)); // a random path: any page size on each step
                request = next.get();
            }
            List<String> walked = new ArrayList<>();
            for (int p = pages.size() - 1; p >= 0; p--) { // pages go backwards, each ascending (C2C-ORDER-003)
                walked.addAll(pages.get(p));
            }
            assertThat(walked).as("seed %d: the walk returns the visible window once each, in order", seed)
                    .containsExactlyElementsOf(expected.stream().map(Msg::key).toList());
        }
    }

    @Test
    void groupAndOfficialAccountWalksReturnEverySeqOnce() {
        for (int run = 0; run < RUNS; run++) {
            long seed = BASE_SEED * 31 + run;
            Random r = new Random(seed);
            int newest = r.nextInt(120);
            ArrayNode messages = Json.NODES.arrayNode();
            String[] states = new String[newest + 1]; // null = unlisted (expired hole)
            for (int s = 1; s <= newest; s++) {
                int roll = r.nextInt(10);
                if (roll == 0 && s != newest) {
                    continue;
                }
                states[s] = roll == 1 ? "deleted" : roll == 2 ? "expired" : roll <= 4 ? "recalled" : "normal";
                ObjectNode m = messages.addObject();
                m.put("MsgSeq", s).put("From_Account", "u" + r.nextInt(3)).put("MsgRandom", r.nextInt(1 << 30))
                        .put("MsgTimeStamp", 1_700_000_000L + s).put("State", states[s]);
                m.putArray("MsgBody").addObject().put("MsgType", "TIMTextElem").putObject("MsgContent").put("Text", "s" + s);
            }
            boolean withRecalled = r.nextBoolean();
            ObjectNode scenario = Json.object();
            scenario.put("id", "property");
            ObjectNode dataset = scenario.putObject("dataset");
            dataset.putArray("groups").addObject().put("GroupId", "g").put("Type", "Public").set("messages", messages);
            dataset.putArray("officialAccounts").addObject().put("Official_Account", "oa").set("messages", messages.deepCopy());
            Engine engine = engineWith(scenario);

            List<Long> expected = new ArrayList<>();
            for (int s = newest; s >= 1; s--) {
                if (withRecalled || !"recalled".equals(states[s])) {
                    expected.add((long) s);
                }
            }
            for (Api api : List.of(Api.GROUP_MSG_GET_SIMPLE, Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE)) {
                ObjectNode body = Json.object();
                body.put(api == Api.GROUP_MSG_GET_SIMPLE ? "GroupId" : "Official_Account", api == Api.GROUP_MSG_GET_SIMPLE ? "g" : "oa");
                body.put("ReqMsgNumber", 1 + r.nextInt(30));
                body.put("WithRecalledMsg", withRecalled ? 1 : 0);
                List<Long> walked = new ArrayList<>();
                JsonNode request = body;
                boolean stoppedByIsFinished2 = false;
                for (int page = 0; ; page++) {
                    assertThat(page).as("seed %d %s: walk must end", seed, api).isLessThan(newest + 2);
                    JsonNode answer = send(engine, api, request);
                    assertThat(answer.path("ErrorCode").asInt()).as("seed %d: %s", seed, answer).isZero();
                    List<Long> seqs = new ArrayList<>();
                    for (JsonNode e : answer.path("RspMsgList")) {
                        seqs.add(e.path("MsgSeq").asLong());
                        String state = states[(int) e.path("MsgSeq").asLong()];
                        int place = state == null || state.equals("deleted") || state.equals("expired") ? 1 : state.equals("recalled") ? 2 : 0;
                        assertThat(e.path("IsPlaceMsg").asInt()).as("seed %d %s seq %s", seed, api, e.path("MsgSeq")).isEqualTo(place);
                        if (place != 0) {
                            assertThat(e.path("MsgBody")).as("seed %d: holes and recalls have an empty body", seed).isEmpty();
                        }
                    }
                    assertThat(seqs.size()).as("seed %d: at most 20 (GRP-PAGE-003)", seed).isLessThanOrEqualTo(20);
                    if (api == Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE) {
                        List<Long> reversed = new ArrayList<>(seqs);
                        java.util.Collections.reverse(reversed);
                        seqs = reversed; // OA pages are ascending; compare in walk order
                    }
                    assertThat(seqs).as("seed %d %s: walk order", seed, api).isSortedAccordingTo(Comparator.reverseOrder());
                    walked.addAll(seqs);
                    Optional<ObjectNode> next = api.profile().next(request, answer);
                    if (next.isEmpty()) {
                        stoppedByIsFinished2 = answer.path("IsFinished").asInt() == 2 && !seqs.isEmpty() && seqs.get(seqs.size() - 1) > 1;
                        break;
                    }
                    next.get().put("ReqMsgNumber", 1 + r.nextInt(30));
                    request = next.get();
                }
                if (stoppedByIsFinished2) { // OA-FIN-001: everything older is an expired hole, so the walk may stop early
                    long oldest = walked.get(walked.size() - 1);
                    for (long s = 1; s < oldest; s++) {
                        assertThat(states[(int) s]).as("seed %d: IsFinished=2 but seq %d is not expired", seed, s).isIn(null, "expired");
                    }
                    assertThat(walked).isEqualTo(expected.subList(0, walked.size()));
                } else {
                    assertThat(walked).as("seed %d %s: every seq once, newest to 1", seed, api).containsExactlyElementsOf(expected);
                }
            }
        }
    }

    static String pair(Msg m) {
        return m.from().compareTo(m.to()) < 0 ? m.from() + "|" + m.to() : m.to() + "|" + m.from();
    }

    static ObjectNode c2cScenario(List<Msg> msgs) {
        ObjectNode scenario = Json.object();
        scenario.put("id", "property");
        scenario.putObject("tenant").putArray("accounts").add("A").add("B").add("C"); // 90008 otherwise, when B never wrote
        ArrayNode list = scenario.putObject("dataset").putArray("c2c");
        for (Msg m : msgs) {
            ObjectNode o = list.addObject();
            o.put("From_Account", m.from()).put("To_Account", m.to()).put("MsgSeq", m.seq()).put("MsgRandom", m.random())
                    .put("MsgTimeStamp", m.time()).put("MsgFlagBits", m.recalled() ? 8 : 0).put("SyncOtherMachine", m.sync2() ? 2 : 1);
            o.putArray("MsgBody").addObject().put("MsgType", "TIMTextElem").putObject("MsgContent").put("Text", "x".repeat(m.textLen()));
        }
        return scenario;
    }

    static Engine engineWith(ObjectNode scenario) {
        Tenants tenants = new Tenants(EngineSettings.defaults().withVerifyUserSig(false).withRateLimit(false));
        tenants.load(scenario, -1);
        return new Engine(tenants, Clock.systemUTC());
    }

    static JsonNode send(Engine engine, Api api, JsonNode body) {
        CallFactory calls = CallFactory.signing(TenantSpec.of(Json.object()), () -> System.currentTimeMillis() / 1000);
        try {
            return Json.WIRE.readTree(EngineTransport.of(engine).send(calls.body(api, body)).body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
