package io.github.imhistory.kit.junit;

import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.UserSig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** A tenant's endpoint on a running stub. */
record Endpoint(String baseUrl, long sdkappid, String identifier, String secretKey, String scenarioId)
        implements ImHistoryEndpoint {
    static final long USERSIG_SECONDS = 86_400;

    @Override
    public String freshUserSig() {
        return UserSig.generate(sdkappid, identifier, secretKey, System.currentTimeMillis() / 1000, USERSIG_SECONDS);
    }

    @Override
    public String url(Api api) {
        return baseUrl + api.path() + "?sdkappid=" + sdkappid + "&identifier=" + enc(identifier) + "&usersig="
                + enc(freshUserSig()) + "&random=" + ThreadLocalRandom.current().nextLong(0, 1L << 32) + "&contenttype=json";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return baseUrl + " sdkappid=" + sdkappid + " identifier=" + identifier + " (" + scenarioId + ")";
    }
}
