package io.github.imhistory.kit.junit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Bare JDK HTTP calls for the extension's tests. */
final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    static HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", url, body);
        return Json.WIRE.readTree(r.body());
    }
}
