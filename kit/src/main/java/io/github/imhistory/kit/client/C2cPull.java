package io.github.imhistory.kit.client;

import io.github.imhistory.contract.Api;
import java.util.Objects;

/**
 * The whole one-to-one window between {@code operator} and {@code peer} (admin_getroammsg, seen from
 * {@code operator}: From_Account/Operator_Account), {@code minTime..maxTime} inclusive, {@code maxCnt} messages a
 * page.
 */
public record C2cPull(String operator, String peer, long minTime, long maxTime, int maxCnt) implements Pull {
    public C2cPull {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(peer, "peer");
    }

    @Override
    public Api api() {
        return Api.ADMIN_GETROAMMSG;
    }
}
