package io.github.imhistory.kit.client;

/**
 * The reference client passes every rule of the packaged suite, SHOULD-level ones included (strict mode): every
 * dynamic test of this class must pass, none may be skipped.
 */
class ReferenceClientConformanceTest extends ClientConformanceSuite {
    @Override
    protected ImHistoryClientAdapter createAdapter() {
        return new ReferenceAdapter();
    }

    @Override
    protected boolean strict() {
        return true;
    }
}
