package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.Json;
import io.github.imhistory.kit.junit.ImHistoryEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A correct client of the three history APIs on the JDK HTTP client, as a team would write one: fresh random and
 * UserSig per request, POST, the documented continuations, retries with growing delays for what a retry can help,
 * at most 200 requests per second per API, failures surfaced as {@link ImHistoryClientException}. Every decision is
 * a protected method, so that a test can break exactly one.
 */
class ReferenceClient {
    /** Safety net for clients broken into endless walks. */
    static final int MAX_PAGES = 2000;
    /**
     * The throttle's window. It is counted from when an answer arrived, not from when its request left: the next
     * request can then only reach the server a full window after the earlier one did, however slow the way there.
     */
    static final long THROTTLE_WINDOW_NANOS = Duration.ofMillis(1010).toNanos();

    /** One client for the whole process, as an application would keep it (connections are reused across walks). */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String baseUrl;
    final long sdkappid;
    final String identifier;
    private final Supplier<String> userSig;
    private final Map<Api, ArrayDeque<long[]>> sent = new EnumMap<>(Api.class);

    ReferenceClient(ImHistoryEndpoint endpoint) {
        this(endpoint.baseUrl(), endpoint.sdkappid(), endpoint.identifier(), endpoint::freshUserSig);
    }

    ReferenceClient(String baseUrl, long sdkappid, String identifier, Supplier<String> userSig) {
        this.baseUrl = baseUrl;
        this.sdkappid = sdkappid;
        this.identifier = identifier;
        this.userSig = userSig;
    }

    // ------------------------------------------------------------------ whole histories, oldest first

    List<JsonNode> c2c(C2cPull pull) throws IOException, InterruptedException {
        return walk(pull);
    }

    List<JsonNode> group(GroupPull pull) throws IOException, InterruptedException {
        return walk(pull);
    }

    List<JsonNode> officialAccount(OfficialAccountPull pull) throws IOException, InterruptedException {
        return walk(pull);
    }

    private List<JsonNode> walk(Pull pull) throws IOException, InterruptedException {
        List<List<JsonNode>> pages = new ArrayList<>();
        Object cursor = null;
        do {
            PulledPage page = page(pull, cursor);
            pages.add(page.entries());
            cursor = page.next();
            if (pages.size() > MAX_PAGES) {
                throw new IllegalStateException("more than " + MAX_PAGES + " pages");
            }
        } while (cursor != null);
        List<JsonNode> all = new ArrayList<>();
        for (int i = pages.size() - 1; i >= 0; i--) { // pages go back in time
            all.addAll(pages.get(i));
        }
        return all;
    }

    /** One page; the cursor is the next request body. */
    PulledPage page(Pull pull, Object cursor) throws IOException, InterruptedException {
        Api api = pull.api();
        ObjectNode body = cursor == null ? firstBody(pull) : (ObjectNode) cursor;
        JsonNode answer = call(api, body);
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode e : api == Api.ADMIN_GETROAMMSG ? answer.path("MsgList") : answer.path("RspMsgList")) {
            if (keep(api, e)) {
                entries.add(entry(api, e));
            }
        }
        if (api == Api.GROUP_MSG_GET_SIMPLE) {
            Collections.reverse(entries); // group pages come newest first
        }
        return new PulledPage(entries, next(api, body, answer));
    }

    ObjectNode firstBody(Pull pull) {
        ObjectNode b = Json.object();
        if (pull instanceof C2cPull c) {
            b.put("From_Account", c.operator()).put("To_Account", c.peer()).put("MaxCnt", maxCnt(c.maxCnt()))
                    .put("MinTime", c.minTime()).put("MaxTime", c.maxTime());
        } else if (pull instanceof GroupPull g) {
            b.put("GroupId", g.groupId()).put("ReqMsgNumber", pageSize(g.reqMsgNumber()));
            if (g.withRecalledMsg()) {
                b.put("WithRecalledMsg", 1);
            }
            if (g.topicId() != null) {
                b.put("TopicId", g.topicId());
            }
        } else if (pull instanceof OfficialAccountPull o) {
            b.put("Official_Account", o.account()).put("ReqMsgNumber", pageSize(o.reqMsgNumber()));
            if (o.withRecalledMsg()) {
                b.put("WithRecalledMsg", 1);
            }
        }
        return b;
    }

    /** The next request body, or null at the end of history. */
    protected ObjectNode next(Api api, ObjectNode body, JsonNode answer) {
        switch (api) {
            case ADMIN_GETROAMMSG -> {
                if (answer.path("Complete").asInt(1) == 1) {
                    return null;
                }
                return c2cContinuation(body, answer);
            }
            case GROUP_MSG_GET_SIMPLE -> {
                long smallest = smallestSeq(answer);
                if (smallest <= 1) {
                    return null;
                }
                return body.deepCopy().put("ReqMsgSeq", groupNextSeq(smallest));
            }
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> {
                long smallest = smallestSeq(answer);
                if (smallest <= 1 || answer.path("IsFinished").asInt() == 2) {
                    return null;
                }
                return body.deepCopy().put("LastMsgKey", answer.path("LastMsgKey").asText());
            }
            default -> throw new IllegalArgumentException(api.toString());
        }
    }

    static long smallestSeq(JsonNode answer) {
        long smallest = Long.MAX_VALUE;
        for (JsonNode e : answer.path("RspMsgList")) {
            smallest = Math.min(smallest, e.path("MsgSeq").asLong());
        }
        return answer.path("RspMsgList").isEmpty() ? 0 : smallest;
    }

    // ------------------------------------------------------------------ one request, retried

    JsonNode call(Api api, ObjectNode body) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            JsonNode answer;
            try {
                answer = send(api, body);
            } catch (IOException e) { // network fault, HTTP error, not JSON: a retry may help
                if (attempt >= maxRetries()) {
                    throw e;
                }
                Thread.sleep(backoffMillis(attempt));
                continue;
            }
            int code = answer.path("ErrorCode").asInt(-1);
            if (code == 0 || !checksErrorCode()) {
                return answer;
            }
            if (!retryable(code) || attempt >= maxRetries()) {
                throw new ImHistoryClientException(code, answer.path("ErrorInfo").asText());
            }
            Thread.sleep(backoffMillis(attempt));
        }
    }

    JsonNode send(Api api, ObjectNode body) throws IOException, InterruptedException {
        if (!throttles()) {
            return exchange(api, body);
        }
        long[] slot = acquire(api);
        try {
            return exchange(api, body);
        } finally {
            release(api, slot);
        }
    }

    private JsonNode exchange(Api api, ObjectNode body) throws IOException, InterruptedException {
        String url = baseUrl + api.path() + "?sdkappid=" + sdkappid + "&identifier=" + enc(identifier) + "&usersig="
                + enc(userSig()) + "&random=" + random() + "&contenttype=json";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method(), HttpRequest.BodyPublishers.ofString(Json.compact(body), StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(api.command() + " answered HTTP " + response.statusCode());
        }
        JsonNode answer = Json.WIRE.readTree(response.body());
        if (answer == null || !answer.isObject()) {
            throw new IOException(api.command() + " answered something that is not a JSON object");
        }
        return answer;
    }

    /**
     * Waits for one of 200 slots per API (COM-RATE-001). A slot is freed a window after its request's answer
     * arrived, so no 201 requests can be sent, or reach the server, within one window, however many threads pull
     * and however slow the way.
     */
    private long[] acquire(Api api) throws InterruptedException {
        ArrayDeque<long[]> slots = slots(api);
        synchronized (slots) {
            while (slots.size() >= 200) {
                long[] oldest = slots.peekFirst();
                if (oldest[0] == 0) { // still waiting for its answer
                    slots.wait();
                    continue;
                }
                long wait = oldest[1] + THROTTLE_WINDOW_NANOS - System.nanoTime();
                if (wait <= 0) {
                    slots.removeFirst();
                } else {
                    slots.wait(wait / 1_000_000 + 1);
                }
            }
            long[] slot = new long[2]; // {answered?, when}
            slots.addLast(slot);
            return slot;
        }
    }

    private void release(Api api, long[] slot) {
        ArrayDeque<long[]> slots = slots(api);
        synchronized (slots) {
            slot[1] = System.nanoTime();
            slot[0] = 1;
            slots.notifyAll();
        }
    }

    private ArrayDeque<long[]> slots(Api api) {
        synchronized (sent) {
            return sent.computeIfAbsent(api, a -> new ArrayDeque<>());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ decisions a broken client gets wrong

    protected String method() {
        return "POST";
    }

    protected String random() {
        return Long.toString(ThreadLocalRandom.current().nextLong(0, 1L << 32));
    }

    protected String userSig() {
        return userSig.get();
    }

    protected boolean retryable(int code) {
        return ErrorCatalog.bundled().retryCanHelp(code);
    }

    protected int maxRetries() {
        return 3;
    }

    /** 200, 400, 800 ms: above COM-RETRY-002's 100 ms and x1.5 by a margin no scheduling noise closes. */
    protected long backoffMillis(int attempt) {
        return 200L << attempt;
    }

    protected boolean throttles() {
        return true;
    }

    protected Duration requestTimeout() {
        return Duration.ofSeconds(10);
    }

    protected boolean checksErrorCode() {
        return true;
    }

    protected int pageSize(int asked) {
        return Math.min(asked, 20);
    }

    /** The MaxCnt of a one-to-one walk: the one asked for. */
    protected int maxCnt(int asked) {
        return asked;
    }

    protected ObjectNode c2cContinuation(ObjectNode body, JsonNode answer) {
        return body.deepCopy().put("MaxTime", answer.path("LastMsgTime").asLong())
                .put("LastMsgKey", answer.path("LastMsgKey").asText());
    }

    protected long groupNextSeq(long smallest) {
        return smallest - 1;
    }

    /** Whether an entry reaches the caller. */
    protected boolean keep(Api api, JsonNode entry) {
        return true;
    }

    /** The entry as the caller gets it. */
    protected JsonNode entry(Api api, JsonNode entry) {
        return entry;
    }
}
