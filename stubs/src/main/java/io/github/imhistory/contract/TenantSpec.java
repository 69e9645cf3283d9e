package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scenario's tenant with the defaults of scenario.schema.json applied.
 *
 * @param accounts          accounts that exist besides the admins and the messages' senders and receivers
 * @param verifyUserSigGiven the scenario's own {@code verifyUserSig}, when it says one
 * @param rateLimitGiven     the scenario's own {@code rateLimit}, when it says one
 */
public record TenantSpec(long sdkappid, List<String> admins, String secretKey, List<String> accounts,
                         Optional<Boolean> verifyUserSigGiven, Optional<Boolean> rateLimitGiven) {
    public static final long DEFAULT_SDKAPPID = 1_400_000_000L;
    /** The demo key of tls-sig-api-v2-python's main() (ref §3), also used by its test vector. */
    public static final String DEFAULT_SECRET_KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    public static final String DEFAULT_ADMIN = "admin";
    /**
     * The sdkappids no im-history stub ever serves (its admin API and scenario folder refuse to load them), so that a
     * scenario can expect 70020 there: 1 to 999 and 4294967000 to 4294967295. A real server used with the gate should
     * not have apps there either.
     */
    public static final String RESERVED_UNKNOWN = "1-999 and 4294967000-4294967295";

    /** Whether {@code sdkappid} is one of {@link #RESERVED_UNKNOWN}. */
    public static boolean isReservedUnknown(long sdkappid) {
        return (sdkappid >= 1 && sdkappid <= 999) || (sdkappid >= 4_294_967_000L && sdkappid <= 0xFFFFFFFFL);
    }

    public TenantSpec {
        admins = List.copyOf(admins);
        accounts = List.copyOf(accounts);
    }

    public static TenantSpec of(JsonNode scenario) {
        JsonNode t = scenario.path("tenant");
        List<String> admins = new ArrayList<>();
        t.path("admins").forEach(a -> admins.add(a.asText()));
        if (admins.isEmpty()) {
            admins.add(DEFAULT_ADMIN);
        }
        List<String> accounts = new ArrayList<>();
        t.path("accounts").forEach(a -> accounts.add(a.asText()));
        return new TenantSpec(t.path("sdkappid").asLong(DEFAULT_SDKAPPID), admins,
                t.path("secretKey").asText(DEFAULT_SECRET_KEY), accounts, flag(t, "verifyUserSig"), flag(t, "rateLimit"));
    }

    private static Optional<Boolean> flag(JsonNode tenant, String name) {
        return tenant.path(name).isBoolean() ? Optional.of(tenant.get(name).asBoolean()) : Optional.empty();
    }

    /** Whether the tenant checks UserSigs: the scenario's setting, true when it says none. */
    public boolean verifyUserSig() {
        return verifyUserSigGiven.orElse(true);
    }

    /** Whether the tenant limits the rate to 200 calls/s per API: the scenario's setting, true when it says none. */
    public boolean rateLimit() {
        return rateLimitGiven.orElse(true);
    }

    public String admin() {
        return admins.get(0);
    }

    public TenantSpec withSdkappid(long id) {
        return new TenantSpec(id, admins, secretKey, accounts, verifyUserSigGiven, rateLimitGiven);
    }
}
