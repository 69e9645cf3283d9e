package io.github.imhistory.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ContractException;

/** Deviations that change history between two pages: a message arrives, or one is recalled. */
final class Mutations {
    private Mutations() {}

    static void apply(Tenant tenant, JsonNode action) {
        tenant.lock.writeLock().lock();
        try {
            History h = tenant.history();
            if (action.has("arrive")) {
                JsonNode a = action.get("arrive");
                if (a.has("c2c")) {
                    C2cMessage m = DatasetLoader.c2cMessage(a.get("c2c"), "/action/arrive/c2c");
                    h.conversationForWrite(m.from, m.to).add(m);
                    h.accounts.add(m.from);
                    h.accounts.add(m.to);
                }
                if (a.has("group")) {
                    JsonNode g = a.get("group");
                    seqStore(h, g.path("GroupId").asText(), g.path("TopicId").asText(null))
                            .add(DatasetLoader.seqEntry(g.get("message"), "/action/arrive/group/message"));
                }
                if (a.has("officialAccount")) {
                    JsonNode o = a.get("officialAccount");
                    SeqStore s = h.officialAccounts.get(o.path("Official_Account").asText());
                    if (s == null) {
                        throw new ContractException("/action/arrive/officialAccount: unknown official account");
                    }
                    s.add(DatasetLoader.seqEntry(o.get("message"), "/action/arrive/officialAccount/message"));
                }
            } else if (action.has("recall")) {
                JsonNode r = action.get("recall");
                if (r.has("c2cMsgKey")) {
                    String[] k = r.get("c2cMsgKey").asText().split("_");
                    if (k.length == 3 && r.get("c2cMsgKey").asText().matches("[0-9]{1,10}_[0-9]{1,10}_[0-9]{1,10}")) {
                        for (Conversation c : h.conversations.values()) {
                            C2cMessage m = c.find(Long.parseLong(k[2]), Long.parseLong(k[0]), Long.parseLong(k[1]));
                            if (m != null) {
                                m.recall();
                            }
                        }
                    }
                }
                if (r.has("group")) {
                    JsonNode g = r.get("group");
                    seqStore(h, g.path("GroupId").asText(), g.path("TopicId").asText(null)).recall(g.path("MsgSeq").asLong());
                }
                if (r.has("officialAccount")) {
                    JsonNode o = r.get("officialAccount");
                    SeqStore s = h.officialAccounts.get(o.path("Official_Account").asText());
                    if (s != null) {
                        s.recall(o.path("MsgSeq").asLong());
                    }
                }
            }
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
