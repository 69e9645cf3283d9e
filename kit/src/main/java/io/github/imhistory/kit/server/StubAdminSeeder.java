package io.github.imhistory.kit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.TenantSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link Seeder#stubAdmin()}: the stub's admin endpoint loads the posted scenario into the target's tenant. One
 * instance per run: it refuses a tenant that exists before the run (never clobbering data it did not load) and
 * removes the tenant it created at the end.
 */
final class StubAdminSeeder implements Seeder {
    static final String ADMIN_PREFIX = "/__imhistory";
    /**
     * The gate's own tenants: without {@code --sdkappid}, a run against the stub picks a free sdkappid from here
     * (and removes the tenant at the end), so it never touches the demo, the bundled scenarios or users' files.
     */
    static final long GATE_FIRST_SDKAPPID = 1_990_000_000L;
    static final long GATE_LAST_SDKAPPID = 1_999_999_999L;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    /** Tenants this instance loaded (and so may replace, and removes at the end). */
    private final Set<Long> created = new HashSet<>();

    @Override
    public synchronized void begin(ServerTarget target) throws IOException {
        if (created.contains(target.sdkappid())) {
            return;
        }
        HttpResponse<String> r = send(target, HttpRequest.newBuilder(tenantUri(target)).GET());
        if (r.statusCode() == 200) {
            JsonNode t = Json.parseStrict(r.body(), "tenant");
            throw new IOException("sdkappid " + target.sdkappid() + " already holds a tenant (scenario "
                    + t.path("scenario").asText("?") + ") that this run did not load, and stub-admin seeding never replaces"
                    + " data it did not load: run without --sdkappid (the gate then uses a free sdkappid of its own, "
                    + GATE_FIRST_SDKAPPID + ".." + GATE_LAST_SDKAPPID + ") or name a free one");
        }
        if (r.statusCode() != 404) {
            throw new IOException("GET " + tenantUri(target) + " answered HTTP " + r.statusCode() + ": " + r.body());
        }
    }

    @Override
    public void seed(SeedContext context) throws IOException {
        ServerTarget target = context.target();
        synchronized (this) {
            if (!created.contains(target.sdkappid())) {
                begin(target); // a target this run has not checked yet
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(tenantUri(target))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(context.scenarioJson(), StandardCharsets.UTF_8));
        HttpResponse<String> response = send(target, request);
        if (response.statusCode() == 404) {
            throw new IOException("POST " + tenantUri(target) + " answered 404: the target has no im-history admin API; "
                    + "seed it yourself and use Seeder.none(...) (--seed none --scenario ...)");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + tenantUri(target) + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        synchronized (this) {
            created.add(target.sdkappid());
        }
    }

    /** Removes the tenants this run created. */
    @Override
    public void end(ServerTarget target) throws IOException {
        Set<Long> ids;
        synchronized (this) {
            ids = Set.copyOf(created);
            created.clear();
        }
        for (long id : ids) {
            URI uri = URI.create(target.baseUrl() + ADMIN_PREFIX + "/tenants/" + id);
            HttpResponse<String> r = send(target, HttpRequest.newBuilder(uri).DELETE());
            if (r.statusCode() != 200 && r.statusCode() != 404) {
                throw new IOException("DELETE " + uri + " answered HTTP " + r.statusCode() + ": " + r.body());
            }
        }
    }

    /**
     * A random sdkappid of {@link #GATE_FIRST_SDKAPPID}..{@link #GATE_LAST_SDKAPPID} that holds no tenant on the stub
     * at {@code baseUrl}. Asked one sdkappid at a time: listing every tenant would make a fresh standalone load all
     * its lazily registered bundled scenarios.
     */
    static long freeSdkappid(String baseUrl) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            long id = ThreadLocalRandom.current().nextLong(GATE_FIRST_SDKAPPID, GATE_LAST_SDKAPPID + 1);
            ServerTarget probe = ServerTarget.of(baseUrl, id, TenantSpec.DEFAULT_ADMIN, "unused");
            HttpResponse<String> r = send(probe, HttpRequest.newBuilder(tenantUri(probe)).GET());
            if (r.statusCode() == 404) {
                return id;
            }
            if (r.statusCode() != 200) {
                throw new IOException("GET " + tenantUri(probe) + " answered HTTP " + r.statusCode() + ": " + r.body());
            }
        }
        throw new IOException("no free sdkappid found in " + GATE_FIRST_SDKAPPID + ".." + GATE_LAST_SDKAPPID);
    }

    private static URI tenantUri(ServerTarget target) {
        return URI.create(target.baseUrl() + ADMIN_PREFIX + "/tenants/" + target.sdkappid());
    }

    private static HttpResponse<String> send(ServerTarget target, HttpRequest.Builder request) throws IOException {
        try {
            return CLIENT.send(request.timeout(target.timeout()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
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
