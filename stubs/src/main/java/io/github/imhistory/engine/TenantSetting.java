package io.github.imhistory.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * A tenant's effective on/off setting (UserSig checking, rate limit) and where it came from.
 *
 * @param on   the effective value
 * @param from which rule of {@link EngineSettings}' precedence decided it
 */
public record TenantSetting(boolean on, Source from) {

    public enum Source {
        /** The server forces it for every tenant (the standalone's {@code --force-...} flags). */
        FORCED,
        /** The tenant's scenario says so ({@code tenant.verifyUserSig}, {@code tenant.rateLimit}). */
        SCENARIO,
        /** The scenario says nothing: the server's default (a standalone flag, else the schema's: on). */
        DEFAULT;

        /** As the admin API and the banner name it: {@code forced}, {@code scenario}, {@code default}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Forced beats the scenario's own value, which beats the server's default, which beats the schema's (on). */
    static TenantSetting resolve(Optional<Boolean> forced, Optional<Boolean> scenario, Optional<Boolean> byDefault) {
        if (forced.isPresent()) {
            return new TenantSetting(forced.get(), Source.FORCED);
        }
        if (scenario.isPresent()) {
            return new TenantSetting(scenario.get(), Source.SCENARIO);
        }
        return new TenantSetting(byDefault.orElse(true), Source.DEFAULT);
    }

    /** {@code on (scenario)}, {@code off (default)}, ... */
    public String describe() {
        return (on ? "on" : "off") + " (" + from.label() + ")";
    }
}
