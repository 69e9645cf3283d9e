package io.github.imhistory.kit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The programmatic style: settings from the builder override the scenario's. */
class ImHistoryStubBuilderTest {
    @RegisterExtension
    static ImHistoryStubExtension stub = ImHistoryStubExtension.builder()
            .scenarios("c2c-doc-two-pages")
            .verifyUserSig(false)
            .rateLimit(false)
            .journalSize(5)
            .build();

    @Test
    void userSigsAreNotCheckedAndTheJournalIsBounded(ImHistoryEndpoint endpoint, StubTraffic traffic) throws Exception {
        String url = endpoint.url(Api.ADMIN_GETROAMMSG).replaceFirst("usersig=[^&]*", "usersig=not-a-usersig");
        for (int i = 0; i < 7; i++) {
            JsonNode answer = Http.post(url, ImHistoryStubAnnotationTest.DOC_BODY);
            assertThat(answer.path("ErrorCode").asInt()).as(answer.toString()).isZero();
        }
        assertThat(traffic.requests()).hasSize(5);
        assertThat(traffic.dropped()).isEqualTo(2);
        assertThat(traffic.requests().get(0).sequence()).isLessThan(traffic.requests().get(4).sequence());
        traffic.clear();
        assertThat(traffic.requests()).isEmpty();
    }

    @Test
    void theRateLimitIsOff(ImHistoryEndpoint endpoint) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> codes = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                codes.add(pool.submit(() -> Http.post(endpoint.url(Api.ADMIN_GETROAMMSG), ImHistoryStubAnnotationTest.DOC_BODY)
                        .path("ErrorCode").asInt()));
            }
            for (Future<Integer> code : codes) {
                assertThat(code.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
