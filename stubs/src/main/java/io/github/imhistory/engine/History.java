package io.github.imhistory.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A tenant's stored history: conversations, groups and official accounts, and the accounts that exist. */
final class History {
    final Map<String, Conversation> conversations = new HashMap<>();
    final Map<String, Group> groups = new LinkedHashMap<>();
    final Map<String, SeqStore> officialAccounts = new LinkedHashMap<>();
    final Set<String> accounts = new HashSet<>();

    Conversation conversation(String x, String y) {
        return conversations.get(Conversation.key(x, y));
    }

    Conversation conversationForWrite(String x, String y) {
        return conversations.computeIfAbsent(Conversation.key(x, y),
                k -> x.compareTo(y) <= 0 ? new Conversation(x, y) : new Conversation(y, x));
    }

    /** The seq stream a group or official-account request body names, or null (C2C, unknown, or a bad body). */
    SeqStore store(io.github.imhistory.contract.Api api, com.fasterxml.jackson.databind.JsonNode body) {
        if (api == io.github.imhistory.contract.Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE) {
            return officialAccounts.get(body.path("Official_Account").asText());
        }
        if (api == io.github.imhistory.contract.Api.GROUP_MSG_GET_SIMPLE) {
            Group g = groups.get(body.path("GroupId").asText());
            return g == null ? null : body.has("TopicId") ? g.topics.get(body.path("TopicId").asText()) : g.messages;
        }
        return null;
    }

    long c2cCount() {
        return conversations.values().stream().mapToLong(Conversation::size).sum();
    }

    long groupEntryCount() {
        return groups.values().stream()
                .mapToLong(g -> g.messages.size() + g.topics.values().stream().mapToLong(SeqStore::size).sum())
                .sum();
    }

    long officialAccountEntryCount() {
        return officialAccounts.values().stream().mapToLong(SeqStore::size).sum();
    }
}
