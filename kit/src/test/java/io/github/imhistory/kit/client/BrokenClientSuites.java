package io.github.imhistory.kit.client;

/**
 * One suite per broken client, for {@link BrokenClientsTest} to run through the JUnit Platform launcher. Nested, so
 * that the build's own test run does not pick them up.
 */
final class BrokenClientSuites {
    private BrokenClientSuites() {}

    static final class NoLastMsgKey extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.NoLastMsgKey::new);
        }
    }

    static final class StaleMaxTime extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.StaleMaxTime::new);
        }
    }

    static final class StopsAfterOnePage extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.StopsAfterOnePage::new);
        }
    }

    static final class IgnoresComplete extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.IgnoresComplete::new);
        }
    }

    static final class ReqMsgSeqOffByOne extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.ReqMsgSeqOffByOne::new);
        }
    }

    static final class IgnoresErrorCode extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.IgnoresErrorCode::new);
        }
    }

    static final class RetriesPermanentErrors extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.RetriesPermanentErrors::new);
        }
    }

    static final class Int32MsgRandom extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.Int32MsgRandom::new);
        }
    }

    static final class DropsHoles extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.DropsHoles::new);
        }
    }

    static final class NoThrottle extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.NoThrottle::new);
        }
    }

    static final class UsesGet extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.UsesGet::new);
        }
    }

    static final class ConstantRandom extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.ConstantRandom::new);
        }
    }

    static final class NoBackoff extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.NoBackoff::new);
        }
    }

    static final class WrongSecretKey extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.WrongSecretKey::new);
        }
    }

    static final class StripsControlCharacters extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.StripsControlCharacters::new);
        }
    }

    static final class HidesRecall extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.HidesRecall::new);
        }
    }

    static final class OaOwnLastMsgKey extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.OaOwnLastMsgKey::new);
        }
    }

    static final class ShortTimeout extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.ShortTimeout::new);
        }
    }

    static final class ChangesMaxCnt extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.ChangesMaxCnt::new);
        }
    }

    static final class UnclampedPageSize extends ClientConformanceSuite {
        @Override
        protected ImHistoryClientAdapter createAdapter() {
            return new ReferenceAdapter(BrokenClients.UnclampedPageSize::new);
        }
    }
}
