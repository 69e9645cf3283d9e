package io.github.imhistory.kit.server;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.wiremock.ImHistoryExtension;
import java.time.Clock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The im-history stub on a free loopback port (test support). It starts on first use, so that a class whose statics
 * another test borrows starts nothing; as a static {@code @RegisterExtension} field it stops after the class's tests.
 */
public final class StubServer implements AutoCloseable, AfterAllCallback {
    public static final long SDKAPPID = TenantSpec.DEFAULT_SDKAPPID;
    public static final String ADMIN = TenantSpec.DEFAULT_ADMIN;
    public static final String SECRET_KEY = TenantSpec.DEFAULT_SECRET_KEY;

    private WireMockServer server;

    private synchronized WireMockServer server() {
        if (server == null) {
            Tenants tenants = new Tenants(EngineSettings.defaults().withJournalSize(50));
            server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").disableRequestJournal()
                    .containerThreads(40).extensions(new ImHistoryExtension(tenants, Clock.systemUTC())));
            server.start();
        }
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server().port();
    }

    public ServerTarget target() {
        return ServerTarget.of(baseUrl(), SDKAPPID, ADMIN, SECRET_KEY);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
