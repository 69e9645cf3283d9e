package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The documented continuation protocol as code: what a correct client sends next, and when it stops.
 * The reference walker, the server suite and the client-traffic checks all use this one definition.
 */
public final class Continuations {
    private Continuations() {}

    /** The next request body after {@code answer}, or empty when a whole-history walk must stop. */
    public static Optional<ObjectNode> next(Api api, JsonNode request, JsonNode answer) {
        ObjectNode next = request.deepCopy();
        switch (api) {
            case ADMIN_GETROAMMSG -> { // C2C-CONT-001, C2C-CONT-002
                if (answer.path("Complete").asInt(1) == 1) {
                    return Optional.empty();
                }
                next.put("MaxTime", answer.path("LastMsgTime").asLong());
                next.put("LastMsgKey", answer.path("LastMsgKey").asText());
                return Optional.of(next);
            }
            case GROUP_MSG_GET_SIMPLE -> { // GRP-CONT-001, GRP-CONT-002
                long smallest = smallestSeq(answer.path("RspMsgList"));
                if (smallest <= 1) {
                    return Optional.empty();
                }
                next.put("ReqMsgSeq", smallest - 1);
                return Optional.of(next);
            }
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> { // OA-CONT-001, OA-CONT-002
                long smallest = smallestSeq(answer.path("RspMsgList"));
                if (smallest <= 1 || answer.path("IsFinished").asInt() == 2) {
                    return Optional.empty();
                }
                next.put("LastMsgKey", answer.path("LastMsgKey").asText());
                return Optional.of(next);
            }
            default -> throw new IllegalArgumentException(api.toString());
        }
    }

    /** The entries of an answer, in answer order. */
    public static JsonNode entries(Api api, JsonNode answer) {
        return answer.path(api == Api.ADMIN_GETROAMMSG ? "MsgList" : "RspMsgList");
    }

    /** What identifies an entry in walk expectations: MsgKey (C2C) or MsgSeq (group, official account). */
    public static JsonNode keyOf(Api api, JsonNode entry) {
        return api == Api.ADMIN_GETROAMMSG ? entry.path("MsgKey") : entry.path("MsgSeq");
    }

    public static List<JsonNode> keys(Api api, JsonNode answer) {
        List<JsonNode> keys = new ArrayList<>();
        entries(api, answer).forEach(e -> keys.add(keyOf(api, e)));
        return keys;
    }

    /** 0 for an empty list, so that callers stop. */
    private static long smallestSeq(JsonNode list) {
        long smallest = Long.MAX_VALUE;
        for (JsonNode e : list) {
            smallest = Math.min(smallest, e.path("MsgSeq").asLong());
        }
        return list.isEmpty() ? 0 : smallest;
    }
}
