package io.github.imhistory.kit.client;

import io.github.imhistory.contract.Api;

/** What the suite asks an adapter to pull: a one-to-one window, a group's history or an official account's. */
public sealed interface Pull permits C2cPull, GroupPull, OfficialAccountPull {
    Api api();
}
