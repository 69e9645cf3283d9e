package io.github.imhistory.engine;

import io.github.imhistory.contract.UserSig;

import java.util.Optional;

/**
 * Process-wide switches (e.g. the standalone's flags). An empty optional leaves the choice to each scenario's tenant.
 *
 * @param journalSize      how many requests each tenant keeps in its traffic journal
 * @param journalBodyBytes the most bytes of a request body or an answer the journal keeps (see
 *                         {@link Traffic#journalAnswer}); a long-running server bounds it, the test kit keeps whole
 *                         answers for assertions on pages
 */
public record EngineSettings(Optional<Boolean> verifyUserSig, Optional<Boolean> rateLimit, int journalSize,
                             int journalBodyBytes) {
    public static final int DEFAULT_JOURNAL_SIZE = 1000;

    public static EngineSettings defaults() {
        return new EngineSettings(Optional.empty(), Optional.empty(), DEFAULT_JOURNAL_SIZE, Traffic.MAX_BODY_CHARS);
    }

    public EngineSettings withVerifyUserSig(boolean on) {
        return new EngineSettings(Optional.of(on), rateLimit, journalSize, journalBodyBytes);
    }

    public EngineSettings withRateLimit(boolean on) {
        return new EngineSettings(verifyUserSig, Optional.of(on), journalSize, journalBodyBytes);
    }

    public EngineSettings withJournalSize(int size) {
        return new EngineSettings(verifyUserSig, rateLimit, size, journalBodyBytes);
    }

    public EngineSettings withJournalBodyBytes(int bytes) {
        return new EngineSettings(verifyUserSig, rateLimit, journalSize, bytes);
    }
}
