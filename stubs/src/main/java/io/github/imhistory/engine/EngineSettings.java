package io.github.imhistory.engine;

import io.github.imhistory.contract.UserSig;

import java.util.Optional;

/**
 * Process-wide switches (e.g. the standalone's flags). An empty optional leaves the choice to each scenario's tenant.
 *
 * @param journalSize how many requests each tenant keeps in its traffic journal
 */
public record EngineSettings(Optional<Boolean> verifyUserSig, Optional<Boolean> rateLimit, int journalSize) {
    public static final int DEFAULT_JOURNAL_SIZE = 1000;

    public static EngineSettings defaults() {
        return new EngineSettings(Optional.empty(), Optional.empty(), DEFAULT_JOURNAL_SIZE);
    }

    public EngineSettings withVerifyUserSig(boolean on) {
        return new EngineSettings(Optional.of(on), rateLimit, journalSize);
    }

    public EngineSettings withRateLimit(boolean on) {
        return new EngineSettings(verifyUserSig, Optional.of(on), journalSize);
    }

    public EngineSettings withJournalSize(int size) {
        return new EngineSettings(verifyUserSig, rateLimit, size);
    }
}
