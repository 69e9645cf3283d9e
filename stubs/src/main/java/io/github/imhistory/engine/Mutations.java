package io.github.imhistory.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.C2cProfile;
import io.github.imhistory.contract.ContractException;
import io.github.imhistory.contract.Scenario.Action;

/** Deviations that change history between two pages: a message arrives, or one is recalled. */
final class Mutations {
    private Mutations() {}

    /** A change of a tenant's history, applied under the tenant's write lock. */
    interface Mutation {
        void apply(History h);
    }

    /** Reads an arrive or recall action once, when the tenant loads. */
    static Mutation compile(Action.Change change, String where) {
        JsonNode spec = change.spec();
        String at = where + "/action/" + change.kind();
        if (change.kind().equals("arrive")) {
            if (spec.has("c2c")) {
                C2cMessage m = DatasetLoader.c2cMessage(spec.get("c2c"), at + "/c2c");
                return h -> {
                    h.conversationForWrite(m.from, m.to).add(m);
                    h.accounts.add(m.from);
                    h.accounts.add(m.to);
                };
            }
            if (spec.has("group")) {
                JsonNode g = spec.get("group");
                SeqEntry e = DatasetLoader.seqEntry(g.get("message"), at + "/group/message");
                String group = g.path("GroupId").asText();
                String topic = g.path("TopicId").asText(null);
                return h -> seqStore(h, group, topic).add(e);
            }
            if (spec.has("officialAccount")) {
                JsonNode o = spec.get("officialAccount");
                SeqEntry e = DatasetLoader.seqEntry(o.get("message"), at + "/officialAccount/message");
                String account = o.path("Official_Account").asText();
                return h -> {
                    SeqStore s = h.officialAccounts.get(account);
                    if (s == null) {
                        throw new ContractException(at + "/officialAccount: unknown official account " + account);
                    }
                    s.add(e);
                };
            }
            throw new ContractException(at + ": nothing arrives");
        }
        if (spec.has("c2cMsgKey")) {
            long[] key = C2cProfile.parseKey(spec.get("c2cMsgKey").asText()).orElse(null);
            return h -> {
                if (key == null) {
                    return;
                }
                for (Conversation c : h.conversations.values()) {
                    C2cMessage m = c.find(key[0], key[1], key[2]);
                    if (m != null) {
                        m.recall();
                    }
                }
            };
        }
        if (spec.has("group")) {
            JsonNode g = spec.get("group");
            String group = g.path("GroupId").asText();
            String topic = g.path("TopicId").asText(null);
            long seq = g.path("MsgSeq").asLong();
            return h -> seqStore(h, group, topic).recall(seq);
        }
        if (spec.has("officialAccount")) {
            JsonNode o = spec.get("officialAccount");
            String account = o.path("Official_Account").asText();
            long seq = o.path("MsgSeq").asLong();
            return h -> {
                SeqStore s = h.officialAccounts.get(account);
                if (s != null) {
                    s.recall(seq);
                }
            };
        }
        throw new ContractException(at + ": nothing is recalled");
    }

    static void apply(Tenant tenant, Mutation m) {
        tenant.lock.writeLock().lock();
        try {
            m.apply(tenant.history());
        } finally {
            tenant.lock.writeLock().unlock();
        }
    }

    private static SeqStore seqStore(History h, String groupId, String topicId) {
        Group g = h.groups.get(groupId);
        if (g == null) {
            throw new ContractException("deviation names unknown group " + groupId);
        }
        if (topicId == null) {
            return g.messages;
        }
        SeqStore s = g.topics.get(topicId);
        if (s == null) {
            throw new ContractException("deviation names unknown topic " + topicId);
        }
        return s;
    }
}
