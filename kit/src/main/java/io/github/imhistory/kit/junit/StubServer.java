package io.github.imhistory.kit.junit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.imhistory.contract.ScenarioValidator;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenant;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.engine.Traffic;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.traffic.TrafficJudge;
import io.github.imhistory.wiremock.ImHistoryExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** One WireMock server with the im-history extension on a free loopback port, handing out fresh tenants. */
final class StubServer implements TenantLoader, AutoCloseable {
    /** Kit tenants count up from here, away from the scenarios' default 1400000000. */
    static final long FIRST_SDKAPPID = 1_600_000_000L;
    /** WireMock's own journal is only for people poking at the admin API; the engine keeps one per tenant. */
    static final int WIREMOCK_JOURNAL = 1000;

    private final WireMockServer server;
    private final Tenants tenants;
    private final AtomicLong next = new AtomicLong(FIRST_SDKAPPID);
    private final String baseUrl;

    StubServer(StubSettings settings) {
        // whole answers: tests assert on the pages they read back from the journal (ImHistoryAssertions)
        EngineSettings engine = EngineSettings.defaults().withJournalSize(settings.journalSize())
                .withJournalBodyBytes(Integer.MAX_VALUE);
        if (settings.verifyUserSig().isPresent()) {
            engine = engine.withVerifyUserSig(settings.verifyUserSig().get());
        }
        if (settings.rateLimit().isPresent()) {
            engine = engine.withRateLimit(settings.rateLimit().get());
        }
        this.tenants = new Tenants(engine);
        this.server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .maxRequestJournalEntries(WIREMOCK_JOURNAL)
                .extensions(new ImHistoryExtension(tenants, Clock.systemUTC())));
        server.start();
        this.baseUrl = "http://127.0.0.1:" + server.port();
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public StubTenant load(String scenario) {
        return add(Scenarios.resolve(scenario));
    }

    @Override
    public StubTenant load(JsonNode scenario) {
        ScenarioValidator.shared().requireValid(scenario, "scenario " + scenario.path("id").asText("(no id)"));
        return add(scenario.deepCopy());
    }

    private StubTenant add(JsonNode scenario) {
        long sdkappid = next.getAndIncrement();
        Tenant tenant = tenants.load(scenario, sdkappid);
        TenantSpec spec = TenantSpec.of(scenario).withSdkappid(sdkappid);
        Endpoint endpoint = new Endpoint(baseUrl, sdkappid, spec.admin(), spec.secretKey(), tenant.scenarioId());
        return new Loaded(endpoint, scenario, new TrafficJudge.TenantFacts(sdkappid, Set.copyOf(spec.admins()), spec.secretKey()));
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return "im-history stub at " + baseUrl;
    }

    private final class Loaded implements StubTenant, StubTraffic {
        private final Endpoint endpoint;
        private final JsonNode scenario;
        private final TrafficJudge.TenantFacts facts;

        Loaded(Endpoint endpoint, JsonNode scenario, TrafficJudge.TenantFacts facts) {
            this.endpoint = endpoint;
            this.scenario = scenario;
            this.facts = facts;
        }

        @Override
        public ImHistoryEndpoint endpoint() {
            return endpoint;
        }

        @Override
        public StubTraffic traffic() {
            return this;
        }

        @Override
        public JsonNode scenario() {
            return scenario.deepCopy();
        }

        @Override
        public TrafficJudge.TenantFacts facts() {
            return facts;
        }

        /** The engine's journal of the tenant now loaded under this sdkappid (a reset replaces the tenant). */
        private Traffic journal() {
            return tenants.get(endpoint.sdkappid())
                    .orElseThrow(() -> new IllegalStateException("no tenant " + endpoint.sdkappid() + " in this stub (closed?)"))
                    .traffic();
        }

        @Override
        public List<RecordedRequest> requests() {
            return journal().recorded(0);
        }

        @Override
        public long dropped() {
            return journal().dropped();
        }

        @Override
        public void clear() {
            journal().clear();
        }

        @Override
        public boolean awaitAnswered(Duration timeout) {
            return journal().awaitRecorded(timeout);
        }

        @Override
        public String baseUrl() {
            return baseUrl;
        }

        @Override
        public void close() {
            tenants.remove(endpoint.sdkappid());
        }

        @Override
        public String toString() {
            return "tenant " + endpoint;
        }
    }
}
