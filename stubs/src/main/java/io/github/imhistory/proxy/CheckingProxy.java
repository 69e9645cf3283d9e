package io.github.imhistory.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.MappingsLoaderExtension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.Uint32;
import io.github.imhistory.record.RecordingFolder;
import io.github.imhistory.wiremock.ImHistoryExtension;
import io.github.imhistory.wiremock.StubOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checking proxy as a WireMock extension beside {@link ImHistoryExtension}: its mappings take {@code /v4/**} (so
 * no request reaches the engine) and the drift reports; everything else under {@code /__imhistory} stays the stub's.
 * A request is forwarded as it came and the upstream's answer returned as it was (CORS headers added when on, as the
 * stub does); both go into the tenant's journal, which is judged when a report is asked for. An upstream that does
 * not answer gets the client an HTTP 502 naming the upstream and the reason.
 *
 * <pre>
 * GET /__imhistory/drift                             tenants seen, with their request and finding counts
 * GET /__imhistory/tenants/{sdkappid}/drift          the tenant's drift (?format=text)
 * </pre>
 */
public final class CheckingProxy implements ResponseTransformerV2, MappingsLoaderExtension {
    public static final String NAME = "im-history-proxy";
    /** Above the stub's own mappings (10), below a user's static stubs (WireMock's default 5 ties; ours is 4). */
    static final int PRIORITY = 4;
    private static final UUID API_MAPPING = UUID.fromString("6f1d4c1e-6b39-4d7c-9a3e-0c1e5d0a2001");
    private static final UUID REPORT_MAPPING = UUID.fromString("6f1d4c1e-6b39-4d7c-9a3e-0c1e5d0a2002");
    private static final Pattern TENANT_DRIFT = Pattern.compile("^/__imhistory/tenants/([0-9]{1,10})/drift$");

    private final Upstream upstream;
    private final ProxyOptions options;
    private final StubOptions stub;
    private final Optional<String> secretKey;
    private final int journalSize;
    private final Clock clock;
    private final Optional<RecordingFolder> recording;
    private final PrintStream log;
    private final ConcurrentMap<Long, ProxyJournal> journals = new ConcurrentHashMap<>();

    /**
     * @param secretKey   the app key, when the user gave one: UserSigs are judged too
     * @param journalSize requests kept per tenant for the reports
     * @param log         where recording failures are told (the proxy keeps forwarding)
     */
    public CheckingProxy(ProxyOptions options, StubOptions stub, Optional<String> secretKey, int journalSize, Clock clock,
                         PrintStream log) throws IOException {
        this.options = options;
        this.upstream = new Upstream(options.upstream(), options.timeout());
        this.stub = stub;
        this.secretKey = secretKey;
        this.journalSize = journalSize;
        this.clock = clock;
        this.log = log;
        this.recording = options.record().isPresent()
                ? Optional.of(new RecordingFolder(options.record().get(), upstream.baseUrl(), options.redact()))
                : Optional.empty();
    }

    public String upstreamUrl() {
        return upstream.baseUrl();
    }

    public Optional<RecordingFolder> recording() {
        return recording;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public void loadMappingsInto(StubMappings stubMappings) {
        stubMappings.addMapping(mapping(API_MAPPING, "/v4/.*", "im-history proxy: forwarded and judged"));
        stubMappings.addMapping(mapping(REPORT_MAPPING, "/__imhistory/(drift|tenants/[0-9]+/drift)",
                "im-history proxy: drift reports"));
    }

    private static StubMapping mapping(UUID id, String pathRegex, String name) {
        StubMapping m = any(urlPathMatching(pathRegex)).atPriority(PRIORITY)
                .willReturn(aResponse().withTransformers(NAME)).build();
        m.setId(id);
        m.setName(name);
        return m;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        Map<String, String> query = ImHistoryExtension.parseQuery(q < 0 ? "" : url.substring(q + 1));
        Response.Builder out = Response.Builder.like(response).but();
        if (path.startsWith("/__imhistory/")) {
            return report(out, request, path, query);
        }
        if (stub.cors() && request.getMethod().getName().equals("OPTIONS")) {
            return out.status(204).headers(ImHistoryExtension.cors(new HttpHeaders())).body(new byte[0]).build();
        }
        return forward(out, request, url, path, query);
    }

    private Response forward(Response.Builder out, Request request, String url, String path, Map<String, String> query) {
        String method = request.getMethod().getName();
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
        Instant at = clock.instant();
        long sdkappid = Uint32.parse(query.get("sdkappid"));
        ProxyJournal journal = sdkappid < 0 ? null : journals.computeIfAbsent(sdkappid, id -> new ProxyJournal(journalSize));
        String bodyText = new String(body, StandardCharsets.UTF_8);
        Upstream.Reply reply;
        try {
            reply = upstream.send(method, url, request.getHeader("Content-Type"), body);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (journal != null) {
                journal.add(at, clock.instant(), method, path, query, bodyText, 502, "", "no answer from the upstream: "
                        + reason);
            }
            String text = "im-history checking proxy: the upstream " + upstream.baseUrl() + " gave no answer to " + method
                    + " " + path + ": " + reason + "\n";
            HttpHeaders headers = new HttpHeaders(new HttpHeader("Content-Type", "text/plain; charset=utf-8"));
            return out.status(502).headers(stub.cors() ? ImHistoryExtension.cors(headers) : headers)
                    .body(text.getBytes(StandardCharsets.UTF_8)).build();
        }
        if (journal != null) {
            String answer = new String(reply.body(), StandardCharsets.UTF_8);
            RecordedRequest r = journal.add(at, clock.instant(), method, path, query, bodyText, reply.status(), answer, null);
            record(sdkappid, r);
        }
        HttpHeaders headers = reply.contentType() == null ? new HttpHeaders()
                : new HttpHeaders(new HttpHeader("Content-Type", reply.contentType()));
        return out.status(reply.status()).headers(stub.cors() ? ImHistoryExtension.cors(headers) : headers).body(reply.body()).build();
    }

    private void record(long sdkappid, RecordedRequest r) {
        if (recording.isEmpty() || r.api().isEmpty() || !r.succeeded()) {
            return;
        }
        try {
            recording.get().observe(sdkappid, r.api().get(), r.query().get("identifier"), r.bodyJson().orElse(null),
                    r.answer());
        } catch (IOException | RuntimeException e) {
            log.println("im-history proxy: could not record request #" + r.sequence() + " of tenant " + sdkappid + " into "
                    + recording.get().file(sdkappid) + ": " + e);
        }
    }

    private Response report(Response.Builder out, Request request, String path, Map<String, String> query) {
        String host = request.getHeader("Host");
        String name = host == null ? null : ImHistoryExtension.hostName(host);
        if (!stub.adminHosts().isEmpty() && host != null && (name == null || !stub.adminHosts().contains(name))) {
            // the reports hold UserSigs (in their curls): the same DNS-rebinding guard as the stub's admin API
            return text(out, 403, "im-history proxy: reports refused for Host " + host + "; use localhost or --allow-host");
        }
        if (!request.getMethod().getName().equals("GET")) {
            return text(out, 405, "im-history proxy: reports are read with GET");
        }
        String format = query.getOrDefault("format", "json");
        if (!format.equals("json") && !format.equals("text")) {
            return text(out, 400, "format must be json or text, not \"" + format + "\"");
        }
        if (path.equals("/__imhistory/drift")) {
            ArrayNode list = Json.NODES.arrayNode();
            journals.keySet().stream().sorted().forEach(id -> {
                DriftReport r = report(id);
                list.addObject().put("sdkappid", id).put("requests", r.drift().requests())
                        .put("findings", r.drift().findings().size()).put("drift", r.json().get("drift").asBoolean())
                        .put("clientPassed", r.json().get("client").get("passed").asBoolean());
            });
            ObjectNode all = Json.object().put("upstream", upstream.baseUrl());
            all.set("tenants", list);
            return json(out, 200, all);
        }
        Matcher m = TENANT_DRIFT.matcher(path);
        if (!m.matches() || Long.parseLong(m.group(1)) > Uint32.MAX) {
            return text(out, 404, "unknown report " + path);
        }
        long sdkappid = Long.parseLong(m.group(1));
        if (!journals.containsKey(sdkappid)) {
            return text(out, 404, "no request of tenant " + sdkappid + " has passed through the proxy yet; send one to "
                    + "this server with sdkappid=" + sdkappid);
        }
        DriftReport r = report(sdkappid);
        return format.equals("text") ? text(out, 200, r.text()) : json(out, 200, r.json());
    }

    /** The tenant's drift, judged now from its journal. */
    DriftReport report(long sdkappid) {
        ProxyJournal journal = journals.get(sdkappid);
        DriftJudge.Drift drift = new DriftJudge(secretKey, upstream.baseUrl(), clock).judge(sdkappid, journal.entries());
        return new DriftReport(drift, upstream.baseUrl(), journal.dropped(), secretKey.isPresent());
    }

    private static Response json(Response.Builder out, int status, ObjectNode body) {
        return out.status(status).headers(new HttpHeaders(new HttpHeader("Content-Type", "application/json; charset=utf-8")))
                .body(Json.pretty(body)).build();
    }

    private static Response text(Response.Builder out, int status, String body) {
        return out.status(status).headers(new HttpHeaders(new HttpHeader("Content-Type", "text/plain; charset=utf-8")))
                .body(body.endsWith("\n") ? body : body + "\n").build();
    }
}
