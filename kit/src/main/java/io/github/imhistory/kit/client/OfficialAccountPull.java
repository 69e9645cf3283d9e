package io.github.imhistory.kit.client;

import io.github.imhistory.contract.Api;
import java.util.Objects;

/** An official account's whole history (official_account_msg_get_simple), {@code reqMsgNumber} a page. */
public record OfficialAccountPull(String account, int reqMsgNumber, boolean withRecalledMsg) implements Pull {
    public OfficialAccountPull {
        Objects.requireNonNull(account, "account");
    }

    @Override
    public Api api() {
        return Api.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE;
    }
}
