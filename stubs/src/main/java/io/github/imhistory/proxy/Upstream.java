package io.github.imhistory.proxy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The server the proxy forwards to. A request goes out as it came (method, path, raw query, body, Content-Type);
 * the answer comes back as it was sent (status, Content-Type, body bytes). Bounded in time on both ends, so an
 * upstream that is down or hangs becomes an {@link IOException} quickly, never a stuck client.
 */
final class Upstream {
    /** What the upstream sent back. */
    record Reply(int status, String contentType, byte[] body) {}

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    Upstream(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The upstream's base URL without a trailing slash, as curl commands name it. */
    String baseUrl() {
        return base.toString().replaceAll("/+$", "");
    }

    /** @param pathAndRawQuery exactly as the client sent it (escapes untouched) */
    Reply send(String method, String pathAndRawQuery, String contentType, byte[] body) throws IOException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndRawQuery)).timeout(timeout);
        } catch (IllegalArgumentException e) {
            throw new IOException("the request's URL cannot be forwarded: " + e.getMessage(), e);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (HttpTimeoutException e) {
            throw new IOException("no answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e); // a method or header the JDK client refuses to send
        }
    }
}
