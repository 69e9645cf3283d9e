package io.github.imhistory.kit.client;

import io.github.imhistory.contract.Api;
import java.util.Objects;

/**
 * A group's whole history from the newest message down to seq 1 (group_msg_get_simple), {@code reqMsgNumber} a page.
 *
 * @param topicId a topic of a community, or null for the group's own messages
 */
public record GroupPull(String groupId, int reqMsgNumber, boolean withRecalledMsg, String topicId) implements Pull {
    public GroupPull {
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public Api api() {
        return Api.GROUP_MSG_GET_SIMPLE;
    }
}
