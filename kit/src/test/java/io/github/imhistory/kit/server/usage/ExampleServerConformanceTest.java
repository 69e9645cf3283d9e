package io.github.imhistory.kit.server.usage;

import io.github.imhistory.kit.server.Seeder;
import io.github.imhistory.kit.server.ServerConformanceSuite;
import io.github.imhistory.kit.server.ServerTarget;
import io.github.imhistory.kit.server.StubServer;
import io.github.imhistory.kit.server.SuiteOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * How a team uses the suite from its own package: subclass, name the target, optionally the seeder and the options.
 * Here the "server" is the stub and the run is narrowed to the C2C paging rules.
 */
class ExampleServerConformanceTest extends ServerConformanceSuite {
    static StubServer server;

    @BeforeAll
    static void startServer() {
        server = new StubServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected ServerTarget target() {
        return ServerTarget.of(server.baseUrl(), 1_900_000_000L, StubServer.ADMIN, StubServer.SECRET_KEY);
    }

    @Override
    protected Seeder seeder() {
        return Seeder.stubAdmin();
    }

    @Override
    protected SuiteOptions options() {
        return SuiteOptions.defaults().include("C2C-PAGE-*").strict(true);
    }
}
