package io.github.imhistory.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.extension.MappingsLoaderExtension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import io.github.imhistory.contract.ClasspathResources;
import io.github.imhistory.contract.Json;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineRequest;
import io.github.imhistory.engine.EngineResponse;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The im-history WireMock extension. One instance is both the response transformer that computes answers and the
 * mappings loader that routes {@code /v4/**} and {@code /__imhistory/**} to it, so the same engine serves either way WireMock
 * finds it: programmatically ({@code .extensions(new ImHistoryExtension())}), by ServiceLoader, or by
 * {@code --extensions io.github.imhistory.wiremock.ImHistoryExtension}.
 *
 * <p>Its mappings have a low priority (10), so a user's own static stub for the same path wins.
 *
 * <p>It transforms the final {@link Response} rather than the response definition: WireMock re-serializes a response
 * definition (body included, Base64 for bytes) several times per request, which cost more than computing the page
 * (profiled for P1). The definition stays a few bytes; the body is set once, on the response.
 */
public class ImHistoryExtension implements ResponseTransformerV2, MappingsLoaderExtension {
    public static final String NAME = "im-history";
    public static final String ADMIN_PREFIX = "/__imhistory";
    /** The scenario a no-argument extension serves on the default tenant, so a bare start answers something real. */
    public static final String DEMO_SCENARIO = "demo-history";
    static final int PRIORITY = 10;
    private static final UUID API_MAPPING = UUID.fromString("6f1d4c1e-6b39-4d7c-9a3e-0c1e5d0a1001");
    private static final UUID ADMIN_MAPPING = UUID.fromString("6f1d4c1e-6b39-4d7c-9a3e-0c1e5d0a1002");
    private static final UUID FALLBACK_MAPPING = UUID.fromString("6f1d4c1e-6b39-4d7c-9a3e-0c1e5d0a1003");
    /** Any other path answers 60009 like the real gateway (COM-PATH-001), below every other stub. */
    static final int FALLBACK_PRIORITY = 1000;

    private final Engine engine;
    private final AdminApi admin;
    private final StubOptions options;

    /** Bundled scenarios available, the demo scenario loaded on the default tenant, default settings. */
    public ImHistoryExtension() {
        this(new Tenants(EngineSettings.defaults()), Clock.systemUTC());
        admin.loadBundledIfPresent(DEMO_SCENARIO, -1);
    }

    /** An extension over the given tenants (empty or pre-loaded), e.g. one per JUnit test class. */
    public ImHistoryExtension(Tenants tenants, Clock clock) {
        this(tenants, clock, StubOptions.defaults());
    }

    public ImHistoryExtension(Tenants tenants, Clock clock, StubOptions options) {
        this.engine = new Engine(tenants, clock);
        this.admin = new AdminApi(tenants, options.latencyMillis());
        this.options = options;
    }

    /** Loads a bundled scenario into a tenant; empty when no bundled scenario has that ID. */
    public java.util.Optional<io.github.imhistory.engine.Tenant> loadBundled(String scenarioId, long sdkappid) {
        return admin.loadBundledIfPresent(scenarioId, sdkappid);
    }

    public Engine engine() {
        return engine;
    }

    public Tenants tenants() {
        return engine.tenants();
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** Opt-in by name from our own mappings only; other stubs are never touched. */
    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public void loadMappingsInto(StubMappings stubMappings) {
        stubMappings.addMapping(mapping(API_MAPPING, "/v4/.*", "im-history: the three history APIs, computed", PRIORITY));
        stubMappings.addMapping(mapping(ADMIN_MAPPING, ADMIN_PREFIX + "(/.*)?", "im-history: admin API", PRIORITY));
        stubMappings.addMapping(mapping(FALLBACK_MAPPING, "/.*", "im-history: unknown paths get 60009", FALLBACK_PRIORITY));
    }

    private static StubMapping mapping(UUID id, String pathRegex, String name, int priority) {
        StubMapping m = any(urlPathMatching(pathRegex)).atPriority(priority)
                .willReturn(aResponse().withTransformers(NAME)).build();
        m.setId(id);
        m.setName(name);
        return m;
    }

    /** {@code http://host:port} as the client reached this server, for curl commands in reports. */
    private static String baseUrl(Request request) {
        String absolute = request.getAbsoluteUrl();
        String url = request.getUrl();
        return absolute != null && url != null && absolute.endsWith(url) ? absolute.substring(0, absolute.length() - url.length()) : "";
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        Map<String, String> query = parseQuery(q < 0 ? "" : url.substring(q + 1));
        String method = request.getMethod().getName();
        Response.Builder out = Response.Builder.like(response).but();
        if (path.equals(ADMIN_PREFIX) || path.startsWith(ADMIN_PREFIX + "/")) {
            // DNS rebinding: a page whose own name now resolves to this machine is same-origin to itself, so the Origin
            // check below cannot stop it; its Host names it, though. Reads are refused too: the journal holds UserSigs.
            String host = request.getHeader("Host");
            String name = host == null ? null : hostName(host);
            if (!options.adminHosts().isEmpty() && host != null && (name == null || !options.adminHosts().contains(name))) {
                return out.status(403).headers(new HttpHeaders(new HttpHeader("Content-Type", "text/plain; charset=utf-8")))
                        .body("im-history admin API: refused for Host " + host + ". This stub listens on loopback and answers admin "
                                + "requests only for localhost, 127.0.0.1 or [::1] (a web page on another name could be DNS "
                                + "rebinding); start it with --allow-host NAME to accept another name.\n").build();
            }
            boolean changesState = !method.equals("GET") && !method.equals("HEAD");
            // WireMock's client IP honours X-Forwarded-For, which any client can send: a forwarded request is not local
            boolean local = isLoopback(request.getClientIp()) && request.getHeader("X-Forwarded-For") == null;
            // A web page of another origin can send simple POSTs (no preflight) to a stub on the developer's machine;
            // browsers name that origin, curl and the admin page itself (same origin) do not get in the way.
            String origin = request.getHeader("Origin");
            if (changesState && origin != null && !origin.equals(baseUrl(request))) {
                return out.status(403).headers(new HttpHeaders(new HttpHeader("Content-Type", "application/json")))
                        .body(Json.compact(Json.object().put("error", "admin changes from a web page of another origin ("
                                + origin + ") are refused, so a site you visit cannot reset or replace your tenants; use "
                                + baseUrl(request) + ADMIN_PREFIX + "/ or curl"))).build();
            }
            if (changesState && !options.remoteAdmin() && !local) {
                return out.status(403).headers(new HttpHeaders(new HttpHeader("Content-Type", "application/json")))
                        .body("{\"error\":\"admin changes are accepted from this machine only; start with --allow-remote-admin to accept them from "
                                + request.getClientIp() + "\"}").build();
            }
            AdminApi.Reply reply = admin.handle(method, path.substring(ADMIN_PREFIX.length()), query, request.getBody(),
                    baseUrl(request));
            return out.status(reply.status()).headers(new HttpHeaders(new HttpHeader("Content-Type", reply.contentType())))
                    .body(reply.body()).build();
        }
        if (options.cors() && method.equals("OPTIONS")) { // a browser's preflight, answered before the engine sees it
            return out.status(204).headers(cors(new HttpHeaders()).plus(new HttpHeader("Access-Control-Max-Age", "600")))
                    .body(new byte[0]).build();
        }
        EngineResponse r = engine.handle(new EngineRequest(method, path, query, request.getBody()));
        HttpHeaders headers = new HttpHeaders(new HttpHeader("Content-Type",
                r.status() == 200 ? "application/json; charset=utf-8" : "text/html"));
        if (options.cors()) {
            headers = cors(headers);
        }
        out.status(r.status()).headers(headers).body(r.body());
        long delay = r.delayMillis() + options.latencyMillis();
        if (delay > 0) {
            out.incrementInitialDelay(delay);
        }
        switch (r.fault()) {
            case CONNECTION_RESET -> out.fault(Fault.CONNECTION_RESET_BY_PEER);
            case EMPTY_RESPONSE -> out.fault(Fault.EMPTY_RESPONSE);
            case MALFORMED_RESPONSE -> out.fault(Fault.MALFORMED_RESPONSE_CHUNK);
            default -> { }
        }
        return out.build();
    }

    /** The headers the docs' sample answer carries (ref §1.2), plus Content-Type so browsers may send JSON. */
    public static HttpHeaders cors(HttpHeaders h) {
        return h.plus(new HttpHeader("Access-Control-Allow-Origin", "*"))
                .plus(new HttpHeader("Access-Control-Allow-Headers", "X-Requested-With, Content-Type"))
                .plus(new HttpHeader("Access-Control-Allow-Methods", "POST, OPTIONS"));
    }

    /** The name in a Host header, lower case, without its port; null when it is not one name and an optional port. */
    public static String hostName(String host) {
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        int end = h.startsWith("[") ? h.indexOf(']') + 1 : h.indexOf(':') < 0 ? h.length() : h.indexOf(':');
        String port = end <= 0 ? "x" : h.substring(end);
        return end > 0 && (port.isEmpty() || port.matches(":[0-9]{1,5}")) ? h.substring(0, end) : null;
    }

    static boolean isLoopback(String ip) {
        return ip == null || ip.startsWith("127.") || ip.equals("::1") || ip.equals("0:0:0:0:0:0:0:1") || ip.equals("localhost");
    }

    /** First value wins for a repeated name; a malformed escape keeps the raw text rather than failing the request. */
    public static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

}
