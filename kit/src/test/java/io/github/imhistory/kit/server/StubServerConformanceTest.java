package io.github.imhistory.kit.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The suite used as its users use it (subclass and name the target), against the stub: every test passes or is
 * skipped with a reason (the one scenario without server rules does not even appear). This is also the reference
 * run for the speed goal.
 */
class StubServerConformanceTest extends ServerConformanceSuite {
    @RegisterExtension
    static final StubServer stub = new StubServer();

    @Override
    protected ServerTarget target() {
        return stub.target();
    }

    @Override
    protected Seeder seeder() {
        return Seeder.stubAdmin();
    }
}
