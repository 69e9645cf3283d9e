package io.github.imhistory.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A small client for two Tencent Cloud IM history APIs: a one-to-one window (admin_getroammsg) and a group's
 * history (group_msg_get_simple). Whole histories come back oldest first, as the server sent each message.
 */
public class TinyHistoryClient {
    private static final String C2C = "/v4/openim/admin_getroammsg";
    private static final String GROUP = "/v4/group_open_http_svc/group_msg_get_simple";
    /** Codes the docs say a retry can help with (internal errors, frequency limits). */
    private static final Set<Integer> RETRYABLE = Set.of(91000, 10002, 60007, 60011, 60013, 60014, 60018, 60019);
    private static final int MAX_RETRIES = 3;
    private static final int PER_SECOND = 200;
    private static final long WINDOW_NANOS = Duration.ofMillis(1010).toNanos();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final long sdkappid;
    private final String identifier;
    private final Supplier<String> userSig;
    /** One entry per request of the last window: 0 while in flight, else when its answer came (nanoTime). */
    private final ArrayDeque<long[]> window = new ArrayDeque<>();

    public TinyHistoryClient(String baseUrl, long sdkappid, String identifier, Supplier<String> userSig) {
        this.baseUrl = baseUrl;
        this.sdkappid = sdkappid;
        this.identifier = identifier;
        this.userSig = userSig;
    }

    /** Every message between {@code account} and {@code peer} from {@code minTime} to {@code maxTime}. */
    public List<JsonNode> conversation(String account, String peer, long minTime, long maxTime, int pageSize)
            throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("From_Account", account).put("To_Account", peer)
                .put("MaxCnt", pageSize).put("MinTime", minTime).put("MaxTime", maxTime);
        List<List<JsonNode>> pages = new ArrayList<>();
        while (true) {
            JsonNode answer = call(C2C, body);
            List<JsonNode> page = new ArrayList<>();
            answer.path("MsgList").forEach(page::add);
            pages.add(page);
            if (answer.path("Complete").asInt(1) == 1) {
                break;
            }
            body.put("MaxTime", answer.path("LastMsgTime").asLong()).put("LastMsgKey", answer.path("LastMsgKey").asText());
        }
        Collections.reverse(pages); // each page is oldest first; pages go back in time
        List<JsonNode> all = new ArrayList<>();
        pages.forEach(all::addAll);
        return all;
    }

    /** A group's whole history (or a topic's), holes and recalled messages included as the server reports them. */
    public List<JsonNode> groupHistory(String groupId, int pageSize, boolean withRecalled, String topicId)
            throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("GroupId", groupId).put("ReqMsgNumber", Math.min(pageSize, 20));
        if (withRecalled) {
            body.put("WithRecalledMsg", 1);
        }
        if (topicId != null) {
            body.put("TopicId", topicId);
        }
        List<JsonNode> newestFirst = new ArrayList<>();
        while (true) {
            JsonNode list = call(GROUP, body).path("RspMsgList");
            long smallest = Long.MAX_VALUE;
            for (JsonNode m : list) {
                newestFirst.add(m);
                smallest = Math.min(smallest, m.path("MsgSeq").asLong());
            }
            if (list.isEmpty() || smallest <= 1) {
                break;
            }
            body.put("ReqMsgSeq", smallest - 1);
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private JsonNode call(String path, ObjectNode body) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            JsonNode answer = null;
            IOException failure = null;
            try {
                answer = send(path, body);
            } catch (IOException e) {
                failure = e;
            }
            if (answer != null) {
                int code = answer.path("ErrorCode").asInt(-1);
                if (code == 0) {
                    return answer;
                }
                if (!RETRYABLE.contains(code) || attempt == MAX_RETRIES) {
                    throw new HistoryException(code, answer.path("ErrorInfo").asText());
                }
            } else if (attempt == MAX_RETRIES) {
                throw failure;
            }
            Thread.sleep(100L << attempt);
        }
    }

    private JsonNode send(String path, ObjectNode body) throws IOException, InterruptedException {
        long[] slot = acquire();
        try {
            String url = baseUrl + path + "?sdkappid=" + sdkappid + "&identifier=" + enc(identifier)
                    + "&usersig=" + enc(userSig.get()) + "&random=" + ThreadLocalRandom.current().nextLong(1L << 32)
                    + "&contenttype=json";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException(path + " answered HTTP " + response.statusCode());
            }
            return json.readTree(response.body());
        } finally {
            release(slot);
        }
    }

    /** At most 200 requests a second, counted from when answers came back (the docs' limit per API is 200/s). */
    private synchronized long[] acquire() throws InterruptedException {
        while (window.size() >= PER_SECOND) {
            long[] oldest = window.peekFirst();
            long wait = oldest[0] == 0 ? 10 : (oldest[0] + WINDOW_NANOS - System.nanoTime()) / 1_000_000 + 1;
            if (oldest[0] != 0 && wait <= 1) {
                window.removeFirst();
            } else {
                wait(wait);
            }
        }
        long[] slot = new long[1];
        window.addLast(slot);
        return slot;
    }

    private synchronized void release(long[] slot) {
        slot[0] = System.nanoTime() | 1; // never 0, which means in flight
        notifyAll();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
