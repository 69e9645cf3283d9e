package io.github.imhistory.kit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.imhistory.contract.Api;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** The stub lives as long as its test class: run a class through the launcher, then its stub is gone. */
class StubLifecycleTest {
    static volatile String url;

    @ImHistoryStub(scenarios = "c2c-doc-two-pages")
    static class Sample {
        @Test
        void remembersItsEndpoint(ImHistoryEndpoint endpoint) throws Exception {
            url = endpoint.url(Api.ADMIN_GETROAMMSG);
            assertThat(Http.post(url, ImHistoryStubAnnotationTest.DOC_BODY).path("ErrorCode").asInt()).isZero();
        }
    }

    @Test
    void theStubStopsWhenItsClassIsDone() {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class)).build(),
                summary);
        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
        assertThat(url).isNotNull();
        assertThatThrownBy(() -> Http.post(url, ImHistoryStubAnnotationTest.DOC_BODY)).isInstanceOf(IOException.class);
    }
}
