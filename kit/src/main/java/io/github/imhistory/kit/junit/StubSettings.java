package io.github.imhistory.kit.junit;

import java.util.List;
import java.util.Optional;

/** How a stub is started and what each test's tenant holds. */
record StubSettings(List<String> scenarios, Optional<Boolean> verifyUserSig, Optional<Boolean> rateLimit, int journalSize) {
    StubSettings {
        scenarios = List.copyOf(scenarios);
        if (journalSize < 1) {
            throw new IllegalArgumentException("journalSize must be at least 1");
        }
    }

    static StubSettings defaults() {
        return new StubSettings(List.of(), Optional.empty(), Optional.empty(), ImHistoryStubExtension.DEFAULT_JOURNAL_SIZE);
    }

    static StubSettings of(ImHistoryStub a) {
        return new StubSettings(List.of(a.scenarios()), toggle(a.verifyUserSig()), toggle(a.rateLimit()), a.journalSize());
    }

    private static Optional<Boolean> toggle(ImHistoryStub.Switch s) {
        return switch (s) {
            case SCENARIO -> Optional.empty();
            case ON -> Optional.of(true);
            case OFF -> Optional.of(false);
        };
    }
}
