package io.github.imhistory.kit.client;

/** What the client suite exercises; an adapter declares each as supported or not ({@link ImHistoryClientAdapter#supports}). */
public enum Capability {
    /** Pulling a one-to-one window with admin_getroammsg. */
    C2C,
    /** Pulling a group's history with group_msg_get_simple. */
    GROUP,
    /** The same within a topic of a community (TopicId). */
    GROUP_TOPIC,
    /** Group history with recalled messages included (WithRecalledMsg=1). */
    GROUP_WITH_RECALLED,
    /** Pulling an official account's history with official_account_msg_get_simple. */
    OFFICIAL_ACCOUNT,
    /** Official-account history with recalled messages included (WithRecalledMsg=1). */
    OFFICIAL_ACCOUNT_WITH_RECALLED,
    /** Pulling one page at a time with {@link ImHistoryClientAdapter#pullPage}. */
    SINGLE_PAGE,
    /**
     * Several pulls through one adapter at once, from several threads: the rate walk. Unsupported, the rate walk pulls
     * its windows one after another on one thread (COM-RATE-001 is then judged on that one walk).
     */
    CONCURRENT_PULLS
}
