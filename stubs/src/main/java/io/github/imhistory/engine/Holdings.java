package io.github.imhistory.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a tenant's history holds, for people who want to know what to ask for: the accounts, each one-to-one
 * conversation with its time window, each group (and topic) and official account with its newest MsgSeq. Generated
 * datasets are included as loaded; scripted arrivals once they have happened.
 *
 * @param accounts every account that exists (admins, listed accounts, senders and receivers), sorted
 */
public record Holdings(List<String> accounts, List<ConversationHolding> conversations, List<SeqHolding> groups,
                       List<SeqHolding> officialAccounts) {

    /** A one-to-one conversation: its two accounts (sorted), message count, oldest and newest MsgTimeStamp. */
    public record ConversationHolding(String account, String peer, long messages, long firstTime, long lastTime) {}

    /**
     * A group, topic or official account: its ID, its type (groups only), whether it is dismissed, its newest MsgSeq
     * (seqs run from 1 to it; unlisted seqs are expired holes), the stored entries, and its topics.
     */
    public record SeqHolding(String id, String type, boolean dismissed, long newestSeq, long entries,
                             List<SeqHolding> topics) {}

    static Holdings of(History h) {
        List<ConversationHolding> conversations = new ArrayList<>();
        for (Conversation c : h.conversations.values()) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (C2cView v : List.of(c.view(c.a), c.view(c.b))) {
                if (v.size() > 0) {
                    first = Math.min(first, v.get(0).time());
                    last = Math.max(last, v.get(v.size() - 1).time());
                }
            }
            if (c.size() > 0) {
                conversations.add(new ConversationHolding(c.a, c.b, c.size(), first, last));
            }
        }
        conversations.sort(Comparator.comparing(ConversationHolding::account).thenComparing(ConversationHolding::peer));
        List<SeqHolding> groups = new ArrayList<>();
        for (Group g : h.groups.values()) {
            List<SeqHolding> topics = new ArrayList<>();
            for (Map.Entry<String, SeqStore> t : g.topics.entrySet()) {
                topics.add(new SeqHolding(t.getKey(), null, false, t.getValue().newest(), t.getValue().size(), List.of()));
            }
            groups.add(new SeqHolding(g.id, g.type, g.dismissed, g.messages.newest(), g.messages.size(), List.copyOf(topics)));
        }
        List<SeqHolding> accounts = new ArrayList<>();
        h.officialAccounts.forEach((id, s) -> accounts.add(new SeqHolding(id, null, false, s.newest(), s.size(), List.of())));
        return new Holdings(List.copyOf(new TreeSet<>(h.accounts)), List.copyOf(conversations), List.copyOf(groups),
                List.copyOf(accounts));
    }
}
