package io.github.imhistory.engine;

import java.util.Optional;

/**
 * Process-wide settings (e.g. the standalone's flags). A tenant's UserSig checking and rate limit are decided in this
 * order (see {@link TenantSetting}):
 * <ol>
 *   <li>{@code verifyUserSig} / {@code rateLimit}: forced for every tenant, whatever its scenario says;</li>
 *   <li>the scenario's own {@code tenant.verifyUserSig} / {@code tenant.rateLimit}, when it says one;</li>
 *   <li>{@code verifyUserSigDefault} / {@code rateLimitDefault}: the server's default for scenarios that say
 *       nothing;</li>
 *   <li>the scenario schema's default: on.</li>
 * </ol>
 * An empty optional leaves the choice to the next step.
 *
 * @param journalSize      how many requests each tenant keeps in its traffic journal
 * @param journalBodyBytes the most bytes of a request body or an answer the journal keeps (see
 *                         {@link Traffic#journalAnswer}); a long-running server bounds it, the test kit keeps whole
 *                         answers for assertions on pages
 */
public record EngineSettings(Optional<Boolean> verifyUserSig, Optional<Boolean> rateLimit, int journalSize,
                             int journalBodyBytes, Optional<Boolean> verifyUserSigDefault,
                             Optional<Boolean> rateLimitDefault) {
    public static final int DEFAULT_JOURNAL_SIZE = 1000;

    public static EngineSettings defaults() {
        return new EngineSettings(Optional.empty(), Optional.empty(), DEFAULT_JOURNAL_SIZE, Traffic.MAX_BODY_CHARS,
                Optional.empty(), Optional.empty());
    }

    /** Forces UserSig checking on or off for every tenant, whatever its scenario says. */
    public EngineSettings withVerifyUserSig(boolean on) {
        return new EngineSettings(Optional.of(on), rateLimit, journalSize, journalBodyBytes, verifyUserSigDefault,
                rateLimitDefault);
    }

    /** Forces the rate limit on or off for every tenant, whatever its scenario says. */
    public EngineSettings withRateLimit(boolean on) {
        return new EngineSettings(verifyUserSig, Optional.of(on), journalSize, journalBodyBytes, verifyUserSigDefault,
                rateLimitDefault);
    }

    /** UserSig checking for tenants whose scenario does not say. */
    public EngineSettings withVerifyUserSigDefault(boolean on) {
        return new EngineSettings(verifyUserSig, rateLimit, journalSize, journalBodyBytes, Optional.of(on),
                rateLimitDefault);
    }

    /** The rate limit for tenants whose scenario does not say. */
    public EngineSettings withRateLimitDefault(boolean on) {
        return new EngineSettings(verifyUserSig, rateLimit, journalSize, journalBodyBytes, verifyUserSigDefault,
                Optional.of(on));
    }

    public EngineSettings withJournalSize(int size) {
        return new EngineSettings(verifyUserSig, rateLimit, size, journalBodyBytes, verifyUserSigDefault,
                rateLimitDefault);
    }

    public EngineSettings withJournalBodyBytes(int bytes) {
        return new EngineSettings(verifyUserSig, rateLimit, journalSize, bytes, verifyUserSigDefault, rateLimitDefault);
    }
}
