package io.github.imhistory.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.C2cProfile;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.OfficialAccountProfile;
import io.github.imhistory.contract.RawJson;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Uint32;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The history one tenant's answers showed, as a scenario (schemas/scenario.schema.json) the engine can serve: every
 * message an upstream returned, once (by MsgKey, or by seq), with the bodies byte for byte as the upstream wrote them,
 * and for groups and official accounts every seq a page accounted for, as a message, a hole or a recalled message.
 * Fed answer by answer ({@link #observe}); {@link #scenario} writes what is known so far. Never holds a UserSig or a
 * key: only request bodies and answers go in.
 *
 * <p>What an answer cannot tell is chosen, and said here once: a seq a page skipped is a hidden recalled message when
 * the request did not ask for recalled ones (WithRecalledMsg 0: a correct server hides only those) and a hole when it
 * did (then nothing may be hidden); holes are expired (the scenario's unlisted seqs), since deleted and expired holes
 * answer alike; a stream begins at the smallest seq seen ({@code firstSeq}), since nothing is known below it.
 */
public final class HistoryRecording {
    /** What a seq is known as; a later, more direct observation replaces an inferred one. */
    private enum Known { HIDDEN_GAP, HOLE_GAP, HOLE, RECALLED, MESSAGE }

    private record Slot(Known known, ObjectNode entry) {}

    /** One group (or topic) or official account: seq -> what is known. */
    private static final class Stream {
        final TreeMap<Long, Slot> seqs = new TreeMap<>();

        void put(long seq, Known known, ObjectNode entry) {
            Slot old = seqs.get(seq);
            if (old == null || old.known.ordinal() <= known.ordinal()) {
                seqs.put(seq, new Slot(known, entry));
            }
        }

        /** A seq the page skipped: only fills what nothing else said. */
        void gap(long seq, boolean withRecalled) {
            put(seq, withRecalled ? Known.HOLE_GAP : Known.HIDDEN_GAP, null);
        }
    }

    private final long sdkappid;
    private final Map<String, ObjectNode> c2c = new LinkedHashMap<>();
    private final Set<String> accounts = new TreeSet<>();
    private final Set<String> admins = new TreeSet<>();
    /** GroupId -> TopicId ("" for the group's own stream) -> stream. */
    private final Map<String, Map<String, Stream>> groups = new TreeMap<>();
    private final Map<String, Stream> officialAccounts = new TreeMap<>();
    private long observed;

    public HistoryRecording(long sdkappid) {
        this.sdkappid = sdkappid;
    }

    public long sdkappid() {
        return sdkappid;
    }

    /** How many successful answers went in. */
    public synchronized long observed() {
        return observed;
    }

    /**
     * Takes in one exchange; anything but a success answer of {@code api} is ignored.
     *
     * @param identifier the request's identifier: an answer with ErrorCode 0 shows it is an App admin
     * @param answerText the answer exactly as the upstream sent it
     */
    public synchronized void observe(Api api, String identifier, JsonNode body, String answerText) {
        if (body == null || !body.isObject()) {
            return;
        }
        JsonNode answer = RawJson.readKeepingBodies(answerText, api.profile().entriesField());
        if (answer == null || answer.path("ErrorCode").asInt(-1) != 0 || !api.profile().entries(answer).isArray()) {
            return;
        }
        observed++;
        if (identifier != null && !identifier.isEmpty()) {
            admins.add(identifier);
        }
        switch (api) {
            case ADMIN_GETROAMMSG -> c2c(body, answer);
            case GROUP_MSG_GET_SIMPLE -> {
                String group = body.path("GroupId").asText("");
                String topic = body.path("TopicId").asText("");
                if (!group.isEmpty()) {
                    page(groups.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(topic, t -> new Stream()),
                            body, answer, body.has("ReqMsgSeq") ? OptionalLong.of(body.path("ReqMsgSeq").asLong())
                                    : OptionalLong.empty());
                }
            }
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> {
                String account = body.path("Official_Account").asText("");
                if (!account.isEmpty()) {
                    OptionalLong cursor = OfficialAccountProfile.parseKey(body.path("LastMsgKey").asText(""));
                    page(officialAccounts.computeIfAbsent(account, a -> new Stream()), body, answer,
                            cursor.isPresent() ? OptionalLong.of(cursor.getAsLong() - 1) : OptionalLong.empty());
                }
            }
        }
    }

    private void c2c(JsonNode body, JsonNode answer) {
        for (String account : C2cProfile.accounts(body)) {
            if (!account.equals("?") && !account.isEmpty()) {
                accounts.add(account);
            }
        }
        for (JsonNode item : answer.path("MsgList")) {
            if (!usableC2c(item)) {
                continue; // a malformed message is the page checks' finding; a scenario cannot hold it
            }
            ObjectNode m = Json.object();
            m.set("From_Account", item.get("From_Account"));
            m.set("To_Account", item.get("To_Account"));
            for (String field : new String[] {"MsgSeq", "MsgRandom", "MsgTimeStamp"}) {
                m.put(field, Uint32.masked(item.get(field))); // a value cut to int32 is kept as the uint32 it stands for
            }
            if (item.path("MsgFlagBits").asInt() == 8) {
                m.put("MsgFlagBits", 8);
            }
            if (item.has("CloudCustomData")) {
                m.set("CloudCustomData", item.get("CloudCustomData"));
            }
            if (item.path("IsPeerRead").isIntegralNumber() && item.path("IsPeerRead").asInt() <= 1
                    && item.path("IsPeerRead").asInt() >= 0) {
                m.put("IsPeerRead", item.path("IsPeerRead").asInt());
            }
            m.set("MsgBody", item.get("MsgBody"));
            c2c.putIfAbsent(Api.ADMIN_GETROAMMSG.profile().key(item), m);
        }
    }

    private static boolean usableC2c(JsonNode item) {
        return !item.path("From_Account").asText("").isEmpty() && !item.path("To_Account").asText("").isEmpty()
                && int32OrUint32(item.path("MsgSeq")) && int32OrUint32(item.path("MsgRandom"))
                && Uint32.is(item.path("MsgTimeStamp")) && item.has("MsgBody")
                && (RawJson.isRaw(item.get("MsgBody")) || item.get("MsgBody").isArray());
    }

    /** A uint32, or a uint32 cut to a signed 32-bit integer (C2C-MSG-002's finding, not a reason to lose the entry). */
    private static boolean int32OrUint32(JsonNode n) {
        return Uint32.is(n) || (n.isIntegralNumber() && n.canConvertToInt() && n.asInt() < 0);
    }

    /**
     * One page of a seq stream: its entries, and the seqs it skipped between the cursor ({@code bound}, the highest
     * seq the request allowed) and its oldest entry.
     */
    private static void page(Stream stream, JsonNode body, JsonNode answer, OptionalLong bound) {
        boolean withRecalled = body.path("WithRecalledMsg").asInt(0) == 1;
        TreeSet<Long> seen = new TreeSet<>(Comparator.reverseOrder());
        for (JsonNode e : answer.path("RspMsgList")) {
            if (!int32OrUint32(e.path("MsgSeq")) || Uint32.masked(e.path("MsgSeq")) < 1) {
                continue;
            }
            long seq = Uint32.masked(e.path("MsgSeq"));
            seen.add(seq);
            switch (e.path("IsPlaceMsg").asInt(-1)) {
                case 1 -> stream.put(seq, Known.HOLE, null);
                case 2 -> stream.put(seq, Known.RECALLED, seqEntry(e, true));
                case 0 -> stream.put(seq, Known.MESSAGE, seqEntry(e, false));
                default -> { }
            }
        }
        if (seen.isEmpty()) {
            return;
        }
        long expected = bound.isPresent() ? bound.getAsLong() : seen.first();
        for (long seq : seen) { // newest first: every seq from the bound down to the oldest entry is accounted for
            for (long gap = expected; gap > seq; gap--) {
                stream.gap(gap, withRecalled);
            }
            expected = seq - 1;
        }
    }

    private static ObjectNode seqEntry(JsonNode e, boolean recalled) {
        ObjectNode m = Json.object();
        m.put("MsgSeq", Uint32.masked(e.path("MsgSeq")));
        if (e.path("From_Account").isTextual()) {
            m.set("From_Account", e.get("From_Account"));
        }
        if (int32OrUint32(e.path("MsgRandom"))) {
            m.put("MsgRandom", Uint32.masked(e.path("MsgRandom")));
        }
        if (Uint32.is(e.path("MsgTimeStamp"))) {
            m.set("MsgTimeStamp", e.get("MsgTimeStamp"));
        }
        int priority = e.path("MsgPriority").asInt(0);
        if (priority >= 1 && priority <= 4) {
            m.put("MsgPriority", priority);
        }
        if (e.path("IsSystemMsg").asInt(0) == 1) {
            m.put("IsSystemMsg", 1);
        }
        if (recalled) {
            m.put("State", "recalled");
            return m;
        }
        if (e.has("CloudCustomData")) {
            m.set("CloudCustomData", e.get("CloudCustomData"));
        }
        if (e.has("MsgBody")) {
            m.set("MsgBody", e.get("MsgBody"));
        }
        return m;
    }

    /**
     * The recording as a scenario document: the tenant (its sdkappid and the identifiers that were answered, no key:
     * the replay does not check UserSig), and the dataset. Message bodies are raw values ({@link RawJson}); with
     * {@code redact}, their texts are replaced by placeholders of the same length ({@link Redaction}).
     */
    public synchronized ObjectNode scenario(String source, boolean redact) {
        ObjectNode s = Json.object();
        s.put("id", "recorded-" + sdkappid);
        s.put("title", "History recorded from " + source + (redact ? " (message texts redacted)" : ""));
        s.put("source", "recorded by the im-history checking proxy from the answers of " + source
                + "; what answers cannot tell is chosen as io.github.imhistory.record.HistoryRecording says");
        ArrayNode rules = s.putArray("rules");
        ObjectNode tenant = s.putObject("tenant");
        tenant.put("sdkappid", sdkappid);
        ArrayNode adminList = tenant.putArray("admins");
        (admins.isEmpty() ? Set.of("admin") : admins).forEach(adminList::add);
        if (!accounts.isEmpty()) {
            ArrayNode list = tenant.putArray("accounts");
            accounts.forEach(list::add);
        }
        tenant.put("verifyUserSig", false);
        ObjectNode dataset = s.putObject("dataset");
        if (!c2c.isEmpty()) {
            rules.add(RuleId.C2C_PAGE_001.id());
            ArrayNode list = dataset.putArray("c2c");
            c2c.values().stream().sorted(Api.ADMIN_GETROAMMSG.profile().order())
                    .forEach(m -> list.add(redact ? Redaction.redactBodies(m) : m));
        }
        if (!groups.isEmpty()) {
            rules.add(RuleId.GRP_PAGE_001.id());
            ArrayNode list = dataset.putArray("groups");
            groups.forEach((id, streams) -> {
                ObjectNode g = list.addObject();
                g.put("GroupId", id);
                boolean topics = streams.keySet().stream().anyMatch(t -> !t.isEmpty());
                g.put("Type", topics ? "Community" : "Public");
                if (topics) {
                    g.put("TopicsEnabled", true);
                }
                Stream own = streams.get("");
                if (own != null) {
                    write(own, g, redact);
                }
                if (topics) {
                    ArrayNode ts = g.putArray("topics");
                    streams.forEach((topic, stream) -> {
                        if (!topic.isEmpty()) {
                            ObjectNode t = ts.addObject().put("TopicId", topic);
                            write(stream, t, redact);
                        }
                    });
                }
            });
        }
        if (!officialAccounts.isEmpty()) {
            rules.add(RuleId.OA_PAGE_001.id());
            ArrayNode list = dataset.putArray("officialAccounts");
            officialAccounts.forEach((id, stream) -> write(stream, list.addObject().put("Official_Account", id), redact));
        }
        if (rules.isEmpty()) {
            rules.add(RuleId.COM_ENV_001.id());
        }
        return s;
    }

    /** A stream's messages and recalled messages; holes are the unlisted seqs from {@code firstSeq} on. */
    private static void write(Stream stream, ObjectNode owner, boolean redact) {
        if (stream.seqs.isEmpty()) {
            return;
        }
        ArrayNode messages = owner.putArray("messages");
        stream.seqs.forEach((seq, slot) -> {
            switch (slot.known) {
                case MESSAGE, RECALLED -> messages.add(redact ? Redaction.redactBodies(slot.entry) : slot.entry);
                case HIDDEN_GAP -> messages.addObject().put("MsgSeq", seq).put("State", "recalled");
                case HOLE, HOLE_GAP -> { }
            }
        });
        long first = stream.seqs.firstKey();
        if (first > 1) {
            owner.put("firstSeq", first);
        }
        if (messages.isEmpty() || stream.seqs.lastEntry().getValue().known.ordinal() <= Known.HOLE.ordinal()) {
            // the newest seq is a hole: a listed deleted entry keeps the stream reaching that far
            messages.addObject().put("MsgSeq", stream.seqs.lastKey()).put("State", "deleted");
        }
    }
}
