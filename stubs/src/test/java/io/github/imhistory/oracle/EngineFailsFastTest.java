package io.github.imhistory.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.KitError;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineRequest;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * An exception inside the engine: the stub answers the API's internal-error code (a client meets what the service
 * would answer), but the engine as an oracle fails fast with a {@link KitError}, so that an engine bug can never
 * become "91000 is due" against a server under test.
 */
class EngineFailsFastTest {
    static final Scenario DOC = ScenarioIndex.bundled().get("c2c-doc-two-pages").scenario();

    /** A clock that throws: every request fails inside the engine. */
    static final Clock BROKEN = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            throw new IllegalStateException("simulated engine bug");
        }
    };

    static HttpCall call() {
        return CallFactory.signing(DOC.tenant(), () -> System.currentTimeMillis() / 1000)
                .body(Api.ADMIN_GETROAMMSG, DOC.walks().get(0).body());
    }

    static Tenants tenants() {
        Tenants tenants = new Tenants(EngineSettings.defaults());
        tenants.load(DOC, -1);
        return tenants;
    }

    @Test
    void theStubAnswersTheInternalErrorCode() {
        HttpCall c = call();
        String answer = new Engine(tenants(), BROKEN).handle(new EngineRequest(c.method(), c.path(), c.query(), c.body()))
                .bodyText();
        assertThat(answer).contains("\"ErrorCode\":91000").contains("simulated engine bug");
    }

    @Test
    void theOracleFailsFastWithAKitError() {
        EngineOracle oracle = new EngineOracle(DOC, DOC.tenant().sdkappid(), false, BROKEN);
        assertThatThrownBy(() -> oracle.reference(call())).isInstanceOf(KitError.class)
                .hasMessageContaining("kit error").hasMessageContaining("simulated engine bug");
        assertThatThrownBy(() -> EngineTransport.of(new Engine(tenants(), BROKEN)).send(call()))
                .isInstanceOf(KitError.class);
    }
}
