package io.github.imhistory.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ContractException;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RawJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link History} from a scenario's {@code dataset} (explicit messages and deterministic generators).
 * Scenarios are schema-validated before they get here; the checks below only keep a bad file from becoming a
 * silent wrong answer, and name the JSON pointer when they fire.
 */
final class DatasetLoader {
    static final long DEFAULT_START_TIME = 1_700_000_000L;

    private DatasetLoader() {}

    static History load(JsonNode dataset, Iterable<String> extraAccounts) {
        History history = new History();
        extraAccounts.forEach(history.accounts::add);
        if (dataset == null || dataset.isMissingNode() || dataset.isNull()) {
            return history;
        }
        Map<String, List<C2cMessage>> c2c = new HashMap<>();
        JsonNode list = dataset.path("c2c");
        for (int i = 0; i < list.size(); i++) {
            C2cMessage m = c2cMessage(list.get(i), "/dataset/c2c/" + i);
            c2c.computeIfAbsent(Conversation.key(m.from, m.to), k -> new ArrayList<>()).add(m);
        }
        JsonNode groups = dataset.path("groups");
        for (int i = 0; i < groups.size(); i++) {
            addGroup(history, groups.get(i), "/dataset/groups/" + i);
        }
        JsonNode oas = dataset.path("officialAccounts");
        for (int i = 0; i < oas.size(); i++) {
            JsonNode oa = oas.get(i);
            String where = "/dataset/officialAccounts/" + i;
            SeqStore store = history.officialAccounts.computeIfAbsent(text(oa, "Official_Account", where), k -> new SeqStore());
            store.addAll(seqEntries(oa.path("messages"), where + "/messages", history));
            firstSeq(store, oa, where);
        }
        JsonNode generators = dataset.path("generate");
        for (int i = 0; i < generators.size(); i++) {
            generate(history, c2c, generators.get(i), "/dataset/generate/" + i);
        }
        c2c.forEach((key, messages) -> {
            C2cMessage first = messages.get(0);
            history.conversationForWrite(first.from, first.to).addAll(messages);
            for (C2cMessage m : messages) {
                history.accounts.add(m.from);
                history.accounts.add(m.to);
            }
        });
        return history;
    }

    static C2cMessage c2cMessage(JsonNode m, String where) {
        // MsgBody and CloudCustomData byte for byte as the scenario wrote them (RawJson)
        StringBuilder tail = new StringBuilder("\"MsgBody\":").append(text(m.path("MsgBody").isMissingNode()
                ? Json.NODES.arrayNode() : m.get("MsgBody")));
        if (m.has("CloudCustomData")) {
            tail.append(",\"CloudCustomData\":").append(text(m.get("CloudCustomData")));
        }
        if (m.has("IsPeerRead")) {
            tail.append(",\"IsPeerRead\":").append(uint32(m, "IsPeerRead", where));
        }
        return new C2cMessage(text(m, "From_Account", where), text(m, "To_Account", where),
                uint32(m, "MsgSeq", where), uint32(m, "MsgRandom", where), uint32(m, "MsgTimeStamp", where),
                m.path("MsgFlagBits").asInt(0) == 8, m.path("SyncOtherMachine").asInt(1) == 2,
                tail.toString().getBytes(StandardCharsets.UTF_8));
    }

    static SeqEntry seqEntry(JsonNode m, String where) {
        long seq = uint32(m, "MsgSeq", where);
        if (seq < 1) {
            throw new ContractException(where + "/MsgSeq: seqs start at 1");
        }
        String extras = m.has("CloudCustomData") ? ",\"CloudCustomData\":" + text(m.get("CloudCustomData")) : "";
        return new SeqEntry(seq, m.path("From_Account").asText(""),
                m.has("MsgRandom") ? uint32(m, "MsgRandom", where) : 0,
                m.has("MsgTimeStamp") ? uint32(m, "MsgTimeStamp", where) : 0,
                m.path("MsgPriority").asInt(0), m.path("IsSystemMsg").asInt(0) == 1,
                RawJson.bytes(m.path("MsgBody").isMissingNode() ? Json.NODES.arrayNode() : m.get("MsgBody")),
                extras.getBytes(StandardCharsets.UTF_8), state(m.path("State").asText("normal"), where));
    }

    private static List<SeqEntry> seqEntries(JsonNode list, String where, History history) {
        List<SeqEntry> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            SeqEntry e = seqEntry(list.get(i), where + "/" + i);
            if (!e.from.isEmpty()) {
                history.accounts.add(e.from);
            }
            out.add(e);
        }
        return out;
    }

    private static void addGroup(History history, JsonNode g, String where) {
        String id = text(g, "GroupId", where);
        Group group = new Group(id, text(g, "Type", where), g.path("Dismissed").asBoolean(false),
                g.path("TopicsEnabled").asBoolean(false));
        group.messages.addAll(seqEntries(g.path("messages"), where + "/messages", history));
        firstSeq(group.messages, g, where);
        JsonNode topics = g.path("topics");
        for (int i = 0; i < topics.size(); i++) {
            String tw = where + "/topics/" + i;
            SeqStore store = group.topics.computeIfAbsent(text(topics.get(i), "TopicId", tw), k -> new SeqStore());
            store.addAll(seqEntries(topics.get(i).path("messages"), tw + "/messages", history));
            firstSeq(store, topics.get(i), tw);
        }
        history.groups.put(id, group);
    }

    /** Where a stream begins ({@code firstSeq}, default 1): seqs below it do not exist. */
    private static void firstSeq(SeqStore store, JsonNode owner, String where) {
        if (owner.has("firstSeq")) {
            long first = uint32(owner, "firstSeq", where);
            if (first < 1 || (store.size() > 0 && first > store.newest())) {
                throw new ContractException(where + "/firstSeq: between 1 and the newest listed seq " + store.newest());
            }
            store.firstSeq(first);
        }
    }

    /**
     * The generator contract (README, 'Generated datasets'). Message i (0-based) has
     * MsgTimeStamp = startTime + (i / perSecond) * timeStep and a TIMTextElem text "gen-&lt;i&gt;-" padded with 'x' to
     * textBytes. c2c: even i go From->To, odd i To->From; MsgSeq then MsgRandom are the next two SplitMix64(seed)
     * values masked to 32 bits; recalled when recallEvery > 0 and (i + 1) % recallEvery == 0.
     * group / officialAccount: MsgSeq = i + 1; From_Account "member-&lt;i % 7&gt;" (group) or the account itself;
     * group MsgRandom = next value masked, MsgPriority 2; seq % holeEvery == 0 is an expired hole, otherwise
     * seq % recallEvery == 0 is recalled.
     */
    private static void generate(History history, Map<String, List<C2cMessage>> c2c, JsonNode g, String where) {
        String kind = text(g, "kind", where);
        long count = g.path("count").asLong();
        SplitMix64 random = new SplitMix64(g.path("seed").asLong());
        long start = g.has("startTime") ? uint32(g, "startTime", where) : DEFAULT_START_TIME;
        long step = g.path("timeStep").asLong(1);
        long perSecond = Math.max(1, g.path("perSecond").asLong(1));
        int textBytes = g.path("textBytes").asInt(16);
        long holeEvery = g.path("holeEvery").asLong(0);
        long recallEvery = g.path("recallEvery").asLong(0);
        switch (kind) {
            case "c2c" -> {
                String a = text(g, "From_Account", where);
                String b = text(g, "To_Account", where);
                List<C2cMessage> list = c2c.computeIfAbsent(Conversation.key(a, b), k -> new ArrayList<>());
                for (long i = 0; i < count; i++) {
                    boolean even = i % 2 == 0;
                    long seq = random.nextUint32();
                    long rnd = random.nextUint32();
                    byte[] tail = ("\"MsgBody\":" + textBody(i, textBytes)).getBytes(StandardCharsets.UTF_8);
                    list.add(new C2cMessage(even ? a : b, even ? b : a, seq, rnd, start + (i / perSecond) * step,
                            recallEvery > 0 && (i + 1) % recallEvery == 0, false, tail));
                }
            }
            case "group", "officialAccount" -> {
                boolean group = kind.equals("group");
                String owner = text(g, group ? "GroupId" : "Official_Account", where);
                List<SeqEntry> entries = new ArrayList<>((int) Math.min(count, Integer.MAX_VALUE - 8));
                for (long i = 0; i < count; i++) {
                    long seq = i + 1;
                    long rnd = group ? random.nextUint32() : 0;
                    SeqEntry.State state = holeEvery > 0 && seq % holeEvery == 0 ? SeqEntry.State.EXPIRED
                            : recallEvery > 0 && seq % recallEvery == 0 ? SeqEntry.State.RECALLED : SeqEntry.State.NORMAL;
                    entries.add(new SeqEntry(seq, group ? "member-" + (i % 7) : owner, rnd, start + (i / perSecond) * step,
                            group ? 2 : 0, false, textBody(i, textBytes).getBytes(StandardCharsets.UTF_8), new byte[0], state));
                }
                if (group) {
                    Group grp = history.groups.computeIfAbsent(owner,
                            k -> new Group(owner, g.path("Type").asText("Public"), false, false));
                    grp.messages.addAll(entries);
                    for (int m = 0; m < 7; m++) {
                        history.accounts.add("member-" + m);
                    }
                } else {
                    history.officialAccounts.computeIfAbsent(owner, k -> new SeqStore()).addAll(entries);
                }
            }
            default -> throw new ContractException(where + "/kind: unknown generator kind " + kind);
        }
    }

    private static String text(JsonNode stored) {
        return new String(RawJson.bytes(stored), StandardCharsets.UTF_8);
    }

    static String textBody(long i, int textBytes) {
        StringBuilder text = new StringBuilder("gen-").append(i).append('-');
        while (text.length() < textBytes) {
            text.append('x');
        }
        String s = "[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"" + text + "\"}}]";
        return s;
    }

    private static SeqEntry.State state(String s, String where) {
        return switch (s) {
            case "normal" -> SeqEntry.State.NORMAL;
            case "recalled" -> SeqEntry.State.RECALLED;
            case "deleted" -> SeqEntry.State.DELETED;
            case "expired" -> SeqEntry.State.EXPIRED;
            default -> throw new ContractException(where + "/State: unknown state " + s);
        };
    }

    static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new ContractException(where + "/" + field + ": a string is required");
        }
        return v.asText();
    }

    static long uint32(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > 0xFFFFFFFFL) {
            throw new ContractException(where + "/" + field + ": an integer in 0..4294967295 is required");
        }
        return v.asLong();
    }
}
