package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.kit.junit.ImHistoryEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Clients that each get exactly one thing wrong, as real clients do; {@link BrokenClientsTest} says which rule catches it. */
final class BrokenClients {
    private BrokenClients() {}

    /** Continues with MaxTime := LastMsgTime but never sends LastMsgKey (C2C-CONT-001). */
    static final class NoLastMsgKey extends ReferenceClient {
        NoLastMsgKey(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected ObjectNode c2cContinuation(ObjectNode body, JsonNode answer) {
            return body.deepCopy().put("MaxTime", answer.path("LastMsgTime").asLong());
        }
    }

    /** Sends LastMsgKey but keeps the first MaxTime (C2C-CONT-001). */
    static final class StaleMaxTime extends ReferenceClient {
        StaleMaxTime(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected ObjectNode c2cContinuation(ObjectNode body, JsonNode answer) {
            return body.deepCopy().put("LastMsgKey", answer.path("LastMsgKey").asText());
        }
    }

    /** Takes the first page for the whole history (C2C-CONT-002). */
    static final class StopsAfterOnePage extends ReferenceClient {
        StopsAfterOnePage(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected ObjectNode next(Api api, ObjectNode body, JsonNode answer) {
            return null;
        }
    }

    /** Ignores Complete and pulls until a page comes back empty (C2C-CONT-002). */
    static final class IgnoresComplete extends ReferenceClient {
        IgnoresComplete(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected ObjectNode next(Api api, ObjectNode body, JsonNode answer) {
            if (api == Api.ADMIN_GETROAMMSG) {
                return answer.path("MsgList").isEmpty() ? null : c2cContinuation(body, answer);
            }
            return super.next(api, body, answer);
        }
    }

    /** Continues groups at the smallest returned seq instead of one below it (GRP-CONT-001). */
    static final class ReqMsgSeqOffByOne extends ReferenceClient {
        ReqMsgSeqOffByOne(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected long groupNextSeq(long smallest) {
            return smallest;
        }
    }

    /** Reads every answer as a page, failures included (COM-ENV-003). */
    static final class IgnoresErrorCode extends ReferenceClient {
        IgnoresErrorCode(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected boolean checksErrorCode() {
            return false;
        }
    }

    /** Retries every error code, permanent ones too (COM-RETRY-001). */
    static final class RetriesPermanentErrors extends ReferenceClient {
        RetriesPermanentErrors(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected boolean retryable(int code) {
            return true;
        }
    }

    /** Keeps MsgRandom in a signed 32-bit int (C2C-MSG-002). */
    static final class Int32MsgRandom extends ReferenceClient {
        Int32MsgRandom(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected JsonNode entry(Api api, JsonNode entry) {
            ObjectNode copy = entry.deepCopy();
            copy.put("MsgRandom", (int) entry.path("MsgRandom").asLong());
            return copy;
        }
    }

    /** Drops group holes (IsPlaceMsg=1) from what it returns (GRP-HOLE-002). */
    static final class DropsHoles extends ReferenceClient {
        DropsHoles(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected boolean keep(Api api, JsonNode entry) {
            return entry.path("IsPlaceMsg").asInt() != 1;
        }
    }

    /** Sends as fast as the server answers (COM-RATE-001). */
    static final class NoThrottle extends ReferenceClient {
        NoThrottle(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected boolean throttles() {
            return false;
        }
    }

    /** Uses GET (COM-METHOD-001). */
    static final class UsesGet extends ReferenceClient {
        UsesGet(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected String method() {
            return "GET";
        }
    }

    /** Sends the same random every time (COM-QRY-007, SHOULD). */
    static final class ConstantRandom extends ReferenceClient {
        ConstantRandom(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected String random() {
            return "12345";
        }
    }

    /** Retries at once, without waiting (COM-RETRY-002, SHOULD). */
    static final class NoBackoff extends ReferenceClient {
        NoBackoff(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected long backoffMillis(int attempt) {
            return 0;
        }
    }

    /** Signs its UserSig with another secret key (SIG-ALG-001: not this app's HMAC-SHA256 signature). */
    static final class WrongSecretKey extends ReferenceClient {
        WrongSecretKey(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected String userSig() {
            return UserSig.generate(sdkappid, identifier, "not-the-secret-key", System.currentTimeMillis() / 1000, 86_400);
        }
    }

    /** Strips control characters from every string of a message's elements (ELEM-004). */
    static final class StripsControlCharacters extends ReferenceClient {
        StripsControlCharacters(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected JsonNode entry(Api api, JsonNode entry) {
            ObjectNode copy = entry.deepCopy();
            copy.set("MsgBody", strip(copy.path("MsgBody")));
            return copy;
        }

        private static JsonNode strip(JsonNode n) {
            if (n.isTextual()) {
                return TextNode.valueOf(n.asText().replaceAll("\\p{Cntrl}", ""));
            }
            if (n.isObject()) {
                ObjectNode o = (ObjectNode) n;
                for (Map.Entry<String, JsonNode> f : o.properties()) {
                    f.setValue(strip(f.getValue()));
                }
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) n).set(i, strip(n.get(i)));
                }
            }
            return n;
        }
    }

    /** Shows recalled messages as normal ones (C2C-RECALL-002). */
    static final class HidesRecall extends ReferenceClient {
        HidesRecall(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected JsonNode entry(Api api, JsonNode entry) {
            return entry.has("MsgFlagBits") ? ((ObjectNode) entry.deepCopy()).put("MsgFlagBits", 0) : entry;
        }
    }

    /** Continues official accounts from the second-oldest entry instead of the answer's LastMsgKey (OA-CONT-001). */
    static final class OaOwnLastMsgKey extends ReferenceClient {
        OaOwnLastMsgKey(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected ObjectNode next(Api api, ObjectNode body, JsonNode answer) {
            ObjectNode next = super.next(api, body, answer);
            JsonNode list = answer.path("RspMsgList");
            if (api == Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE && next != null && list.size() > 1) {
                next.put("LastMsgKey", list.get(1).path("MsgKey").asText());
            }
            return next;
        }
    }

    /** Gives up on an answer after one second (COM-TIMEOUT-001, SHOULD). */
    static final class ShortTimeout extends ReferenceClient {
        ShortTimeout(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected Duration requestTimeout() {
            return Duration.ofSeconds(1);
        }
    }

    /** Changes MaxCnt between pages (C2C-CONT-003, SHOULD). */
    static final class ChangesMaxCnt extends ReferenceClient {
        ChangesMaxCnt(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected ObjectNode c2cContinuation(ObjectNode body, JsonNode answer) {
            ObjectNode next = super.c2cContinuation(body, answer);
            return next.put("MaxCnt", next.path("MaxCnt").asInt() + 1);
        }
    }

    /** Gives up at the first failure, a transient one too (COM-RETRY-002, SHOULD). */
    static final class NoRetry extends ReferenceClient {
        NoRetry(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected int maxRetries() {
            return 0;
        }
    }

    /**
     * Re-sends every failure at once, whatever its code, as HTTP client libraries with a default retry policy do
     * (COM-RETRY-001 for the codes a retry cannot help, COM-RETRY-002 for the missing delay).
     */
    static final class ResendsEveryFailureAtOnce extends ReferenceClient {
        ResendsEveryFailureAtOnce(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected boolean retryable(int code) {
            return true;
        }

        @Override
        protected long backoffMillis(int attempt) {
            return 0;
        }
    }

    /** Cannot parse location elements: throws on the first page holding one (ELEM-002). */
    static final class CannotParseLocation extends ReferenceClient {
        CannotParseLocation(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected JsonNode entry(Api api, JsonNode entry) {
            for (JsonNode element : entry.path("MsgBody")) {
                if (element.path("MsgType").asText().equals("TIMLocationElem")) {
                    throw new IllegalArgumentException("unsupported element type TIMLocationElem");
                }
            }
            return entry;
        }
    }

    /** Hands the newest message back twice (COM-RESULT-001). */
    static final class DuplicatesNewest extends ReferenceClient {
        DuplicatesNewest(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        List<JsonNode> c2c(C2cPull pull) throws java.io.IOException, InterruptedException {
            List<JsonNode> all = new java.util.ArrayList<>(super.c2c(pull));
            all.add(all.get(all.size() - 1));
            return all;
        }
    }

    /** Hands the history back newest first (COM-RESULT-001). */
    static final class NewestFirst extends ReferenceClient {
        NewestFirst(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        List<JsonNode> group(GroupPull pull) throws java.io.IOException, InterruptedException {
            List<JsonNode> all = new java.util.ArrayList<>(super.group(pull));
            java.util.Collections.reverse(all);
            return all;
        }
    }

    /** Keeps MsgTimeStamp in milliseconds (COM-RESULT-001: a field changed, not the uint32 rule). */
    static final class MillisecondTimestamps extends ReferenceClient {
        MillisecondTimestamps(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected JsonNode entry(Api api, JsonNode entry) {
            return ((ObjectNode) entry.deepCopy()).put("MsgTimeStamp", entry.path("MsgTimeStamp").asLong() * 1000);
        }
    }

    /** Does not know group entries' CloudCustomData, which only third-party code models (COM-RESULT-002, SHOULD). */
    static final class DropsGroupCloudCustomData extends ReferenceClient {
        DropsGroupCloudCustomData(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected JsonNode entry(Api api, JsonNode entry) {
            if (api != Api.GROUP_MSG_GET_SIMPLE) {
                return entry;
            }
            ObjectNode copy = entry.deepCopy();
            copy.remove("CloudCustomData");
            return copy;
        }
    }

    /** Pulls the topic it was not asked for (COM-RESULT-001: another history than the caller asked for). */
    static final class WrongTopic extends ReferenceClient {
        WrongTopic(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        ObjectNode firstBody(Pull pull) {
            ObjectNode b = super.firstBody(pull);
            if (b.has("TopicId")) {
                b.put("TopicId", b.path("TopicId").asText().endsWith("alpha") ? "@TGS#_COMMUNITY1@TOPIC#_beta"
                        : "@TGS#_COMMUNITY1@TOPIC#_alpha");
            }
            return b;
        }
    }

    /** Starts a group walk at seq 10 instead of the newest message (COM-RESULT-001: the newest was never served). */
    static final class StartsBelowNewest extends ReferenceClient {
        StartsBelowNewest(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        ObjectNode firstBody(Pull pull) {
            ObjectNode b = super.firstBody(pull);
            return pull instanceof GroupPull ? b.put("ReqMsgSeq", 10) : b;
        }
    }

    /** Drops recalled one-to-one messages instead of passing them on marked (C2C-RECALL-003). */
    static final class DropsRecalled extends ReferenceClient {
        DropsRecalled(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected boolean keep(Api api, JsonNode entry) {
            return entry.path("MsgFlagBits").asInt() != 8;
        }
    }

    /** Correct, with a page size of its own: always 20 (a client may choose its page size). */
    static final class PageSize20 extends ReferenceClient {
        PageSize20(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected int pageSize(int asked) {
            return 20;
        }

        @Override
        protected int maxCnt(int asked) {
            return 20;
        }
    }

    /** Correct, with a page size of its own: always 7. */
    static final class PageSize7 extends ReferenceClient {
        PageSize7(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected int pageSize(int asked) {
            return 7;
        }

        @Override
        protected int maxCnt(int asked) {
            return 7;
        }
    }

    /** Passes a page size above 20 through to groups (GRP-REQ-002, SHOULD). */
    static final class UnclampedPageSize extends ReferenceClient {
        UnclampedPageSize(ImHistoryEndpoint e) {
            super(e);
        }

        @Override
        protected int pageSize(int asked) {
            return asked;
        }
    }
}
