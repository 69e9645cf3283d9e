package io.github.imhistory.kit.server;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.wiremock.ImHistoryExtension;
import java.time.Clock;

/** The im-history stub on a free loopback port (test support). */
public final class StubServer implements AutoCloseable {
    public static final long SDKAPPID = TenantSpec.DEFAULT_SDKAPPID;
    public static final String ADMIN = TenantSpec.DEFAULT_ADMIN;
    public static final String SECRET_KEY = TenantSpec.DEFAULT_SECRET_KEY;

    private final WireMockServer server;

    public StubServer() {
        Tenants tenants = new Tenants(EngineSettings.defaults().withJournalSize(50));
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").disableRequestJournal()
                .containerThreads(40).extensions(new ImHistoryExtension(tenants, Clock.systemUTC())));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public ServerTarget target() {
        return ServerTarget.of(baseUrl(), SDKAPPID, ADMIN, SECRET_KEY);
    }

    @Override
    public void close() {
        server.stop();
    }
}
