package io.github.imhistory.kit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Uint32;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.kit.server.BrokenServer.Breakage;
import io.github.imhistory.kit.server.BrokenServer.Forwarder;
import io.github.imhistory.kit.server.BrokenServer.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ways the test servers are broken, each a plausible bug of a real server, cache or proxy (test support). */
public final class Breakages {
    private static final Pattern C2C_KEY = Pattern.compile("^([0-9]{1,10})_([0-9]{1,10})_([0-9]{1,10})$");

    private Breakages() {}

    /** A continuation page leaves out its newest message, the one right before the cursor (an off-by-one cursor). */
    public static Breakage dropsBoundaryMessage() {
        return onC2cAnswer((body, o) -> {
            ArrayNode list = (ArrayNode) o.get("MsgList");
            if (!body.path("LastMsgKey").asText("").isEmpty() && list.size() >= 2) {
                list.remove(list.size() - 1);
                o.put("MsgCnt", list.size());
            }
        });
    }

    /** The cursor is treated as inclusive: a continuation repeats the message LastMsgKey names. */
    public static Breakage repeatsBoundaryMessage() {
        return new Breakage() {
            @Override
            public HttpCall request(HttpCall call) {
                JsonNode body = body(call);
                Matcher m = C2C_KEY.matcher(body.path("LastMsgKey").asText(""));
                if (!isC2c(call) || !m.matches()) {
                    return call;
                }
                long random = Long.parseLong(m.group(2));
                long seq = Long.parseLong(m.group(1));
                if (random == Uint32.MAX && seq == Uint32.MAX) {
                    return call; // no key after it in the same second
                }
                // one step after the cursor in (time, seq, random) order: the page then includes the cursor message
                String key = random < Uint32.MAX ? seq + "_" + (random + 1) + "_" + m.group(3) : (seq + 1) + "_0_" + m.group(3);
                ObjectNode changed = body.deepCopy();
                changed.put("LastMsgKey", key);
                return withBody(call, changed);
            }
        };
    }

    public static Breakage saysCompleteTooEarly() {
        return onC2cAnswer((body, o) -> o.put("Complete", 1));
    }

    public static Breakage neverSaysComplete() {
        return onC2cAnswer((body, o) -> o.put("Complete", 0));
    }

    /** MsgList newest first. */
    public static Breakage reversesPage() {
        return onC2cAnswer((body, o) -> {
            ArrayNode list = (ArrayNode) o.get("MsgList");
            List<JsonNode> items = new ArrayList<>();
            list.forEach(items::add);
            list.removeAll();
            for (int i = items.size() - 1; i >= 0; i--) {
                list.add(items.get(i));
            }
        });
    }

    public static Breakage pointsLastMsgKeyAtNewest() {
        return onC2cAnswer((body, o) -> {
            JsonNode list = o.get("MsgList");
            if (!list.isEmpty()) {
                o.put("LastMsgKey", list.get(list.size() - 1).path("MsgKey").asText());
            }
        });
    }

    /** Group and official-account answers leave out IsPlaceMsg=1 entries. */
    public static Breakage hidesHoles() {
        return onSeqAnswer((body, o) -> {
            ArrayNode list = (ArrayNode) o.get("RspMsgList");
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).path("IsPlaceMsg").asInt() == 1) {
                    list.remove(i);
                }
            }
        });
    }

    public static Breakage unflagsRecalledMessages() {
        return onC2cAnswer((body, o) -> o.get("MsgList").forEach(item -> {
            if (item.path("MsgFlagBits").asInt() == 8) {
                ((ObjectNode) item).put("MsgFlagBits", 0);
            }
        }));
    }

    /** 90003 and 90008 swapped (To_Account and From_Account mixed up in the error table). */
    public static Breakage swapsErrorCodes() {
        return new Breakage() {
            @Override
            public Reply answer(HttpCall call, Reply reply, Forwarder forward) {
                return reply.json(o -> {
                    int code = o.path("ErrorCode").asInt();
                    if (code == 90003 || code == 90008) {
                        o.put("ErrorCode", code == 90003 ? 90008 : 90003);
                    }
                });
            }
        };
    }

    /** A body that is not a JSON object crashes the handler: HTTP 500 instead of 90001/10011. */
    public static Breakage answersHttp500ToBadJson() {
        return new Breakage() {
            @Override
            public Reply answer(HttpCall call, Reply reply, Forwarder forward) {
                try {
                    JsonNode n = Json.WIRE.readTree(call.body());
                    if (n != null && n.isObject()) {
                        return reply;
                    }
                } catch (IOException | RuntimeException e) {
                    // not JSON
                }
                return call.path().startsWith("/v4/") && "POST".equals(call.method())
                        ? new Reply(500, "<html><body>500 Internal Server Error</body></html>".getBytes(StandardCharsets.UTF_8))
                        : reply;
            }
        };
    }

    /** MsgSeq and MsgRandom stored in a signed 32-bit integer. */
    public static Breakage truncatesUint32ToInt32() {
        return new Breakage() {
            @Override
            public Reply answer(HttpCall call, Reply reply, Forwarder forward) {
                return reply.json(o -> {
                    for (String list : List.of("MsgList", "RspMsgList")) {
                        o.path(list).forEach(item -> {
                            for (String field : List.of("MsgSeq", "MsgRandom")) {
                                long v = item.path(field).asLong();
                                if (v > Integer.MAX_VALUE) {
                                    ((ObjectNode) item).put(field, (int) v);
                                }
                            }
                        });
                    }
                });
            }
        };
    }

    /** MinTime ignored: older messages outside the window leak into the pages. */
    public static Breakage leaksMessagesOutsideWindow() {
        return new Breakage() {
            @Override
            public HttpCall request(HttpCall call) {
                JsonNode body = body(call);
                if (!isC2c(call) || !Uint32.is(body.path("MinTime")) || !Uint32.is(body.path("MaxTime"))
                        || body.path("MinTime").asLong() > body.path("MaxTime").asLong()) {
                    return call; // only windows the server would serve: a bad one must still be refused
                }
                ObjectNode changed = body.deepCopy();
                changed.put("MinTime", 0);
                return withBody(call, changed);
            }
        };
    }

    /** UserSig not checked: the proxy replaces whatever usersig came with a valid one before the stub sees it. */
    public static Breakage acceptsForgedUserSig() {
        return new Breakage() {
            @Override
            public HttpCall request(HttpCall call) {
                if (!call.query().containsKey("usersig")) {
                    return call;
                }
                Map<String, String> q = new LinkedHashMap<>(call.query());
                long sdkappid;
                try {
                    sdkappid = Long.parseLong(q.getOrDefault("sdkappid", ""));
                } catch (NumberFormatException e) {
                    return call;
                }
                q.put("usersig", UserSig.generate(sdkappid, q.getOrDefault("identifier", StubServer.ADMIN),
                        StubServer.SECRET_KEY, System.currentTimeMillis() / 1000, 86_400));
                return new HttpCall(call.method(), call.path(), q, call.body());
            }
        };
    }

    /** ReqMsgNumber above 20 honoured by merging the next page: more than 20 entries. */
    public static Breakage servesMoreThan20GroupEntries() {
        return new Breakage() {
            @Override
            public Reply answer(HttpCall call, Reply reply, Forwarder forward) {
                JsonNode body = body(call);
                if (!call.path().equals(Api.GROUP_MSG_GET_SIMPLE.path()) || body.path("ReqMsgNumber").asInt() <= 20) {
                    return reply;
                }
                return reply.json(o -> {
                    ArrayNode list = (ArrayNode) o.path("RspMsgList");
                    if (list.isEmpty() || list.get(list.size() - 1).path("MsgSeq").asLong() <= 1) {
                        return;
                    }
                    ObjectNode next = body.deepCopy();
                    next.put("ReqMsgSeq", list.get(list.size() - 1).path("MsgSeq").asLong() - 1);
                    try {
                        JsonNode more = Json.WIRE.readTree(forward.send(withBody(call, next)).body());
                        more.path("RspMsgList").forEach(list::add);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        };
    }

    public static Breakage ordersOfficialAccountDescending() {
        return onSeqAnswer((body, o) -> {
            if (o.has("Official_Account")) {
                ArrayNode list = (ArrayNode) o.get("RspMsgList");
                List<JsonNode> items = new ArrayList<>();
                list.forEach(items::add);
                list.removeAll();
                for (int i = items.size() - 1; i >= 0; i--) {
                    list.add(items.get(i));
                }
            }
        });
    }

    /** GET, PUT and DELETE served as if they were POST. */
    public static Breakage acceptsAnyMethod() {
        return new Breakage() {
            @Override
            public HttpCall request(HttpCall call) {
                return "POST".equals(call.method()) ? call : new HttpCall("POST", call.path(), call.query(), call.body());
            }
        };
    }

    /** Ordinary group messages carry IsSystemMsg 0 (GRP-MSG-003, a SHOULD rule, keeps it to system messages). */
    public static Breakage marksGroupMessagesIsSystemMsg0() {
        return onSeqAnswer((body, o) -> o.get("RspMsgList").forEach(entry -> {
            if (entry.path("IsPlaceMsg").asInt() == 0 && !entry.has("IsSystemMsg") && o.has("GroupId")) {
                ((ObjectNode) entry).put("IsSystemMsg", 0);
            }
        }));
    }

    /** Reads the query by position: a request whose first parameter is not sdkappid gets 60012. */
    public static Breakage readsQueryParametersByPosition() {
        return new Breakage() {
            @Override
            public Reply answer(HttpCall call, Reply reply, Forwarder forward) {
                if (!call.query().containsKey("sdkappid") || call.query().keySet().iterator().next().equals("sdkappid")) {
                    return reply; // without an sdkappid it would refuse anyway
                }
                return new Reply(200, "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"sdkappid required\",\"ErrorCode\":60012}"
                        .getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /**
     * Not broken: words every ErrorInfo its own way, writes every answer's fields in reverse order, and adds fields of
     * its own (a RequestId on every answer, a MsgVersion on group and official-account entries). A server may choose
     * all of that, so the suite must not fail it.
     */
    public static Breakage rewordsErrorInfoAndReordersFields() {
        return new Breakage() {
            @Override
            public Reply answer(HttpCall call, Reply reply, Forwarder forward) {
                return reply.json(o -> {
                    if (o.path("ErrorCode").asInt() != 0) {
                        o.put("ErrorInfo", "rejected (code " + o.path("ErrorCode").asInt() + ") by a differently worded server");
                    }
                    o.put("RequestId", "req-" + System.nanoTime());
                    // not on C2C items: those count towards the 13312-byte page limit (C2C-PAGE-006)
                    o.path("RspMsgList").forEach(entry -> ((ObjectNode) entry).put("MsgVersion", 2));
                    List<String> names = new ArrayList<>();
                    o.fieldNames().forEachRemaining(names::add);
                    Map<String, JsonNode> fields = new LinkedHashMap<>();
                    for (int i = names.size() - 1; i >= 0; i--) {
                        fields.put(names.get(i), o.get(names.get(i)));
                    }
                    o.removeAll();
                    fields.forEach(o::set);
                });
            }
        };
    }

    /** Pages of more than one message, with more to come, lose their older half: pages cut short for no reason. */
    public static Breakage cutsPagesInHalf() {
        return onC2cAnswer((body, o) -> {
            ArrayNode list = (ArrayNode) o.get("MsgList");
            if (o.path("Complete").asInt() == 0 && list.size() >= 2) {
                keepNewest(o, list.size() - list.size() / 2);
            }
        });
    }

    /**
     * Not broken: measures the 13K limit a little more strictly (its pages of more than 12800 bytes lose their
     * oldest message). A server may choose its cut within the rule, so the suite must not fail it.
     */
    public static Breakage cutsBytePagesSlightlyEarlier(java.util.concurrent.atomic.AtomicInteger cuts) {
        return onC2cAnswer((body, o) -> {
            ArrayNode list = (ArrayNode) o.get("MsgList");
            long bytes = 0;
            for (JsonNode item : list) {
                bytes += Json.compact(item).getBytes(StandardCharsets.UTF_8).length;
            }
            if (o.path("Complete").asInt() == 0 && list.size() >= 2 && bytes > 12_800) {
                cuts.incrementAndGet();
                keepNewest(o, list.size() - 1);
            }
        });
    }

    private static void keepNewest(ObjectNode answer, int count) {
        ArrayNode list = (ArrayNode) answer.get("MsgList");
        while (list.size() > count) {
            list.remove(0);
        }
        answer.put("MsgCnt", list.size());
        answer.put("LastMsgTime", list.get(0).path("MsgTimeStamp").asLong());
        answer.put("LastMsgKey", list.get(0).path("MsgKey").asText());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    interface AnswerChange {
        void apply(JsonNode requestBody, ObjectNode answer);
    }

    /** Changes successful admin_getroammsg answers. */
    public static Breakage onC2cAnswer(AnswerChange change) {
        return new Breakage() {
            @Override
            public Reply answer(HttpCall call, Reply reply, Forwarder forward) {
                if (!isC2c(call)) {
                    return reply;
                }
                JsonNode body = body(call);
                return reply.json(o -> {
                    if (o.path("ErrorCode").asInt(-1) == 0 && o.path("MsgList").isArray()) {
                        change.apply(body, o);
                    }
                });
            }
        };
    }

    /** Changes successful group and official-account answers. */
    public static Breakage onSeqAnswer(AnswerChange change) {
        return new Breakage() {
            @Override
            public Reply answer(HttpCall call, Reply reply, Forwarder forward) {
                JsonNode body = body(call);
                return reply.json(o -> {
                    if (o.path("ErrorCode").asInt(-1) == 0 && o.path("RspMsgList").isArray()) {
                        change.apply(body, o);
                    }
                });
            }
        };
    }

    public static Breakage of(Consumer<ObjectNode> change) {
        return new Breakage() {
            @Override
            public Reply answer(HttpCall call, Reply reply, Forwarder forward) {
                return reply.json(change);
            }
        };
    }

    static boolean isC2c(HttpCall call) {
        return call.path().equals(Api.ADMIN_GETROAMMSG.path());
    }

    static JsonNode body(HttpCall call) {
        try {
            JsonNode n = Json.WIRE.readTree(call.body());
            return n != null && n.isObject() ? n : Json.object();
        } catch (IOException | RuntimeException e) {
            return Json.object();
        }
    }

    static HttpCall withBody(HttpCall call, JsonNode body) {
        return new HttpCall(call.method(), call.path(), call.query(), Json.compact(body).getBytes(StandardCharsets.UTF_8));
    }
}
