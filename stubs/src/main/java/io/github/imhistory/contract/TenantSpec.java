package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A scenario's tenant with the defaults of scenario.schema.json applied. */
public record TenantSpec(long sdkappid, List<String> admins, String secretKey, boolean verifyUserSig, boolean rateLimit) {
    public static final long DEFAULT_SDKAPPID = 1_400_000_000L;
    /** The demo key of tls-sig-api-v2-python's main() (ref §3), also used by its test vector. */
    public static final String DEFAULT_SECRET_KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    public static final String DEFAULT_ADMIN = "admin";

    public static TenantSpec of(JsonNode scenario) {
        JsonNode t = scenario.path("tenant");
        List<String> admins = new ArrayList<>();
        t.path("admins").forEach(a -> admins.add(a.asText()));
        if (admins.isEmpty()) {
            admins.add(DEFAULT_ADMIN);
        }
        return new TenantSpec(t.path("sdkappid").asLong(DEFAULT_SDKAPPID), List.copyOf(admins),
                t.path("secretKey").asText(DEFAULT_SECRET_KEY), t.path("verifyUserSig").asBoolean(true),
                t.path("rateLimit").asBoolean(true));
    }

    public String admin() {
        return admins.get(0);
    }

    public TenantSpec withSdkappid(long id) {
        return new TenantSpec(id, admins, secretKey, verifyUserSig, rateLimit);
    }
}
