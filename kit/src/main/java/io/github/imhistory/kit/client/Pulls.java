package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.C2cProfile;
import io.github.imhistory.contract.ContractSchemas;
import io.github.imhistory.contract.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Between request bodies of the scenarios and {@link Pull}s. */
final class Pulls {
    private Pulls() {}

    /**
     * The pull a first request body asks for, if an adapter can express it: a body valid against the API's request
     * schema that starts a walk (no LastMsgKey, no ReqMsgSeq).
     */
    static Optional<Pull> of(Api api, JsonNode body) {
        if (body == null || !body.isObject()
                || !ContractSchemas.shared().validate(api.command() + ".request.schema.json", body).isEmpty()) {
            return Optional.empty();
        }
        switch (api) {
            case ADMIN_GETROAMMSG -> {
                if (body.has("LastMsgKey") || body.path("MaxCnt").asLong() > Integer.MAX_VALUE) {
                    return Optional.empty();
                }
                boolean current = body.has("Operator_Account");
                return Optional.of(new C2cPull(body.path(current ? "Operator_Account" : "From_Account").asText(),
                        body.path(current ? "Peer_Account" : "To_Account").asText(), body.path("MinTime").asLong(),
                        body.path("MaxTime").asLong(), body.path("MaxCnt").asInt()));
            }
            case GROUP_MSG_GET_SIMPLE -> {
                if (body.has("ReqMsgSeq") || body.path("ReqMsgNumber").asLong() > Integer.MAX_VALUE) {
                    return Optional.empty();
                }
                return Optional.of(new GroupPull(body.path("GroupId").asText(), body.path("ReqMsgNumber").asInt(),
                        body.path("WithRecalledMsg").asInt(0) == 1, body.has("TopicId") ? body.path("TopicId").asText() : null));
            }
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> {
                if (body.has("LastMsgKey") || body.path("ReqMsgNumber").asLong(20) > Integer.MAX_VALUE) {
                    return Optional.empty();
                }
                return Optional.of(new OfficialAccountPull(body.path("Official_Account").asText(),
                        body.path("ReqMsgNumber").asInt(20), body.path("WithRecalledMsg").asInt(0) == 1));
            }
            default -> throw new IllegalArgumentException(api.toString());
        }
    }

    /** The first request body of a pull, as the documented examples write it. */
    static ObjectNode body(Pull pull) {
        ObjectNode b = Json.object();
        if (pull instanceof C2cPull c) {
            b.put("From_Account", c.operator()).put("To_Account", c.peer()).put("MaxCnt", c.maxCnt())
                    .put("MinTime", c.minTime()).put("MaxTime", c.maxTime());
        } else if (pull instanceof GroupPull g) {
            b.put("GroupId", g.groupId()).put("ReqMsgNumber", g.reqMsgNumber());
            if (g.withRecalledMsg()) {
                b.put("WithRecalledMsg", 1);
            }
            if (g.topicId() != null) {
                b.put("TopicId", g.topicId());
            }
        } else if (pull instanceof OfficialAccountPull o) {
            b.put("Official_Account", o.account()).put("ReqMsgNumber", o.reqMsgNumber());
            if (o.withRecalledMsg()) {
                b.put("WithRecalledMsg", 1);
            }
        }
        return b;
    }

    /**
     * How a walk's first request asks for another history than {@code pull} names (accounts, window, group, topic,
     * account, recalled messages), in words; empty when it asks for the same. The page size is the client's business.
     */
    static List<String> differences(Pull pull, JsonNode body) {
        List<String> out = new ArrayList<>();
        if (body == null || !body.isObject()) {
            out.add("it has no JSON object body");
            return out;
        }
        if (pull instanceof C2cPull c) {
            String[] accounts = C2cProfile.accounts(body);
            same(out, "the perspective account", c.operator(), accounts[0]);
            same(out, "the peer", c.peer(), accounts[1]);
            same(out, "MinTime", Long.toString(c.minTime()), body.path("MinTime").asText("absent"));
            same(out, "MaxTime", Long.toString(c.maxTime()), body.path("MaxTime").asText("absent"));
        } else if (pull instanceof GroupPull g) {
            same(out, "GroupId", g.groupId(), body.path("GroupId").asText("absent"));
            same(out, "TopicId", g.topicId() == null ? "absent" : g.topicId(), body.path("TopicId").asText("absent"));
            same(out, "WithRecalledMsg", g.withRecalledMsg() ? "1" : "0", body.path("WithRecalledMsg").asText("0"));
        } else if (pull instanceof OfficialAccountPull o) {
            same(out, "Official_Account", o.account(), body.path("Official_Account").asText("absent"));
            same(out, "WithRecalledMsg", o.withRecalledMsg() ? "1" : "0", body.path("WithRecalledMsg").asText("0"));
        }
        return out;
    }

    private static void same(List<String> out, String what, String asked, String sent) {
        if (!asked.equals(sent)) {
            out.add(what + " " + sent + " where the caller asked for " + asked);
        }
    }

    /** How a pull reads in test names. */
    static String describe(Pull pull) {
        if (pull instanceof C2cPull c) {
            return c.operator() + "/" + c.peer() + " " + c.minTime() + ".." + c.maxTime() + ", MaxCnt " + c.maxCnt();
        } else if (pull instanceof GroupPull g) {
            return g.groupId() + (g.topicId() == null ? "" : " topic " + g.topicId()) + ", ReqMsgNumber " + g.reqMsgNumber()
                    + (g.withRecalledMsg() ? ", WithRecalledMsg 1" : "");
        }
        OfficialAccountPull o = (OfficialAccountPull) pull;
        return o.account() + ", ReqMsgNumber " + o.reqMsgNumber() + (o.withRecalledMsg() ? ", WithRecalledMsg 1" : "");
    }
}
