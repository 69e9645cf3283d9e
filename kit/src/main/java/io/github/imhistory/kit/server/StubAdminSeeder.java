package io.github.imhistory.kit.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** {@link Seeder#stubAdmin()}: the stub's admin endpoint loads the posted scenario into the target's tenant. */
final class StubAdminSeeder implements Seeder {
    static final StubAdminSeeder INSTANCE = new StubAdminSeeder();
    static final String ADMIN_PREFIX = "/__imhistory";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    private StubAdminSeeder() {}

    @Override
    public void seed(SeedContext context) throws IOException {
        ServerTarget target = context.target();
        String url = target.baseUrl() + ADMIN_PREFIX + "/tenants/" + target.sdkappid();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(target.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(context.scenarioJson(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while seeding " + context.scenarioId(), e);
        }
        if (response.statusCode() == 404) {
            throw new IOException("POST " + url + " answered 404: the target has no im-history admin API; "
                    + "seed it yourself and use Seeder.none(...) (--seed none --scenario ...)");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + url + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public boolean servesStubFeatures() {
        return true;
    }

    @Override
    public String describe() {
        return "stub-admin";
    }
}
