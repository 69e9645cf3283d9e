package io.github.imhistory.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A group: its type (GRP-TYPE-001/002), its own seq space and, for a topic-enabled Community, one per topic. */
final class Group {
    /** Roaming messages do not exist for these (seed 002, seed 003). */
    static final Set<String> UNSUPPORTED_TYPES = Set.of("AVChatRoom", "BChatRoom");

    final String id;
    final String type;
    final boolean dismissed;
    final boolean topicsEnabled;
    final SeqStore messages = new SeqStore();
    final Map<String, SeqStore> topics = new LinkedHashMap<>();

    Group(String id, String type, boolean dismissed, boolean topicsEnabled) {
        this.id = id;
        this.type = type;
        this.dismissed = dismissed;
        this.topicsEnabled = topicsEnabled;
    }
}
