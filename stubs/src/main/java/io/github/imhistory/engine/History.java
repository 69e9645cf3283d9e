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
