package io.github.imhistory.wiremock;

import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.CallFactory;
import io.github.imhistory.contract.walk.ScenarioPlayer;
import io.github.imhistory.contract.walk.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plays calls over real HTTP with the JDK client (test support). */
final class HttpTransport implements Transport {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    HttpTransport(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public Answer send(HttpCall call) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + call.pathAndQuery()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .method(call.method(), call.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()))
                .build();
        try {
            HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static Answer post(String url, String body) throws IOException {
        return new HttpTransport(url).send(new HttpCall("POST", "", java.util.Map.of(),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static Answer get(String url) throws IOException {
        return new HttpTransport(url).send(new HttpCall("GET", "", java.util.Map.of(), new byte[0]));
    }
}
