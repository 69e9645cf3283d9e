package io.github.imhistory.wiremock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.ClasspathResources;
import io.github.imhistory.contract.ContractException;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.contract.ScenarioValidator;
import io.github.imhistory.engine.Tenant;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.engine.Traffic;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin endpoints under {@code /__imhistory}: load a scenario (bundled ID or posted JSON) into a tenant, list,
 * reset one or all, remove, and read a tenant's requests. Not part of the IM API, so it answers with ordinary HTTP
 * statuses and a JSON {@code {"error": ...}} that names what is wrong.
 *
 * <pre>
 * GET    /__imhistory/scenarios                        bundled scenarios (id, title, rules)
 * GET    /__imhistory/scenarios/{id}                   what a bundled scenario holds, with a ready request per API
 * GET    /__imhistory/tenants                          tenants (sdkappid, scenario, sizes, requests)
 * POST   /__imhistory/tenants                          load the posted scenario JSON into its own sdkappid
 * POST   /__imhistory/tenants/{sdkappid}               load the posted scenario JSON into that sdkappid
 * POST   /__imhistory/tenants/{sdkappid}/scenario/{id} load a bundled scenario into that sdkappid
 * POST   /__imhistory/tenants/{sdkappid}/reset         reload a tenant from its scenario
 * DELETE /__imhistory/tenants/{sdkappid}               remove a tenant
 * GET    /__imhistory/tenants/{sdkappid}/scenario      what the tenant's scenario holds, with a ready request per API
 * GET    /__imhistory/tenants/{sdkappid}/requests      the tenant's recent requests and answers (?limit=N: newest N)
 * GET    /__imhistory/tenants/{sdkappid}/verdict       the client rules that traffic broke (?wholeHistory=false,
 *                                                      ?strict=true, ?format=text)
 * POST   /__imhistory/reset                            reload every tenant
 * GET    /__imhistory/openapi.json                     the OpenAPI 3.1 document (TryItPage)
 * GET    /__imhistory/api/                             the try-it page (Swagger UI from the jar)
 * </pre>
 */
final class AdminApi {
    private static final Pattern TENANT = Pattern.compile("^/tenants/([0-9]{1,10})(/.*)?$");
    private static final Pattern BUNDLED = Pattern.compile("^/scenario/([a-z0-9-]+)$");
    private static final Pattern SCENARIO = Pattern.compile("^/scenarios/([a-z0-9-]+)$");

    record Reply(int status, String contentType, String body) {
        static Reply json(int status, JsonNode node) {
            return new Reply(status, "application/json; charset=utf-8", Json.pretty(node));
        }

        static Reply error(int status, String message) {
            ObjectNode e = Json.object();
            e.put("error", message);
            return json(status, e);
        }
    }

    private final Tenants tenants;
    private final long addedLatencyMillis;
    /** Parsed on first use: reading every bundled scenario costs start-up time most servers never need. */
    private volatile ScenarioIndex bundled;

    /** @param addedLatencyMillis what the HTTP layer adds to every API answer, for verdicts to time retries by */
    AdminApi(Tenants tenants, long addedLatencyMillis) {
        this.tenants = tenants;
        this.addedLatencyMillis = addedLatencyMillis;
    }

    private ScenarioIndex bundled() {
        ScenarioIndex index = bundled;
        if (index == null) {
            bundled = index = ScenarioIndex.bundled();
        }
        return index;
    }

    /** A bundled scenario by ID; the file is read directly when its name is the ID (it always is, ScenarioIdTest). */
    Optional<Tenant> loadBundledIfPresent(String id, long sdkappid) {
        Optional<String> path = BundledScenarios.pathOf(id);
        if (path.isPresent()) {
            return Optional.of(tenants.load(BundledScenarios.read(path.get()), sdkappid));
        }
        return bundled().find(id).map(e -> tenants.load(e.json(), sdkappid));
    }

    /** @param baseUrl where this server was reached, for the curl commands a verdict prints */
    Reply handle(String method, String path, Map<String, String> query, byte[] body, String baseUrl) {
        try {
            return route(method, path.isEmpty() ? "/" : path, query, body, baseUrl);
        } catch (ContractException e) {
            return Reply.error(400, e.getMessage());
        } catch (RuntimeException e) {
            return Reply.error(500, "im-history admin API failed: " + e);
        }
    }

    private Reply route(String method, String path, Map<String, String> query, byte[] body, String baseUrl) {
        if (path.equals("/") && method.equals("GET")) {
            return new Reply(200, "text/html; charset=utf-8", page());
        }
        Optional<Reply> tryIt = TryItPage.handle(method, path); // the OpenAPI document and the try-it page
        if (tryIt.isPresent()) {
            return tryIt.get();
        }
        if (path.equals("/scenarios") && method.equals("GET")) {
            ArrayNode list = Json.NODES.arrayNode();
            bundled().all().forEach(e -> list.addObject().put("id", e.id()).put("title", e.title()).put("path", e.path())
                    .set("rules", Json.WIRE.valueToTree(e.ruleIds())));
            return Reply.json(200, list);
        }
        Matcher scenario = SCENARIO.matcher(path);
        if (scenario.matches() && method.equals("GET")) {
            return holds(scenario.group(1));
        }
        if (path.equals("/tenants") && method.equals("GET")) {
            ArrayNode list = Json.NODES.arrayNode();
            tenants.all().stream().sorted(java.util.Comparator.comparingLong(Tenant::sdkappid)).forEach(t -> list.add(describe(t)));
            return Reply.json(200, list);
        }
        if (path.equals("/tenants") && method.equals("POST")) {
            Scenario posted = parseScenario(body);
            long own = posted.tenant().sdkappid();
            return reserved(own).orElseGet(() -> Reply.json(201, describe(load(posted, -1))));
        }
        if (path.equals("/reset") && method.equals("POST")) {
            tenants.resetAll();
            return Reply.json(200, Json.object().put("reset", tenants.all().size()));
        }
        Matcher m = TENANT.matcher(path);
        if (m.matches()) {
            long sdkappid = Long.parseLong(m.group(1));
            if (sdkappid > 0xFFFFFFFFL) {
                return Reply.error(400, "sdkappid must be in 0..4294967295");
            }
            String rest = m.group(2) == null ? "" : m.group(2);
            boolean loads = method.equals("POST") && (rest.isEmpty() || BUNDLED.matcher(rest).matches());
            if (loads && reserved(sdkappid).isPresent()) {
                return reserved(sdkappid).get();
            }
            if (rest.isEmpty() && method.equals("POST")) {
                return Reply.json(201, describe(load(parseScenario(body), sdkappid)));
            }
            if (rest.isEmpty() && method.equals("DELETE")) {
                return tenants.remove(sdkappid) ? Reply.json(200, Json.object().put("removed", sdkappid))
                        : Reply.error(404, "no tenant " + sdkappid);
            }
            if (rest.isEmpty() && method.equals("GET")) {
                return tenants.get(sdkappid).map(t -> Reply.json(200, describe(t))).orElse(Reply.error(404, "no tenant " + sdkappid));
            }
            Matcher b = BUNDLED.matcher(rest);
            if (b.matches() && method.equals("POST")) {
                return loadBundledIfPresent(b.group(1), sdkappid).map(t -> Reply.json(201, describe(t)))
                        .orElse(Reply.error(404, "no bundled scenario " + b.group(1) + "; GET /__imhistory/scenarios lists them"));
            }
            if (rest.equals("/reset") && method.equals("POST")) {
                return tenants.reset(sdkappid).map(t -> Reply.json(200, describe(t))).orElse(Reply.error(404, "no tenant " + sdkappid));
            }
            if (rest.equals("/scenario") && method.equals("GET")) {
                return tenants.get(sdkappid).map(t -> Reply.json(200, ScenarioSummary.of(t, List.of())))
                        .orElse(Reply.error(404, "no tenant " + sdkappid));
            }
            if (rest.equals("/requests") && method.equals("GET")) {
                int limit = limit(query);
                return tenants.get(sdkappid).map(t -> Reply.json(200, traffic(t, limit))).orElse(Reply.error(404, "no tenant " + sdkappid));
            }
            if (rest.equals("/verdict") && method.equals("GET")) {
                Optional<Tenant> tenant = tenants.get(sdkappid);
                if (tenant.isEmpty()) {
                    return Reply.error(404, "no tenant " + sdkappid);
                }
                VerdictReport report = new VerdictReport(tenant.get(), flag(query, "wholeHistory", true),
                        flag(query, "strict", false), addedLatencyMillis, baseUrl);
                String format = query.getOrDefault("format", "json");
                return switch (format) {
                    case "json" -> Reply.json(200, report.json());
                    case "text" -> new Reply(200, "text/plain; charset=utf-8", report.text());
                    default -> Reply.error(400, "format must be json or text, not \"" + format + "\"");
                };
            }
        }
        return Reply.error(404, "unknown admin endpoint " + method + " " + ImHistoryExtension.ADMIN_PREFIX + path);
    }

    /** A 400 for a load into an sdkappid that scenarios rely on being unknown (70020), else empty. */
    private static Optional<Reply> reserved(long sdkappid) {
        if (!io.github.imhistory.contract.TenantSpec.isReservedUnknown(sdkappid)) {
            return Optional.empty();
        }
        return Optional.of(Reply.error(400, "sdkappid " + sdkappid + " is reserved as unknown: no im-history stub serves "
                + io.github.imhistory.contract.TenantSpec.RESERVED_UNKNOWN + ", so that scenarios can expect 70020 there;"
                + " load the scenario into another sdkappid"));
    }

    /** What a bundled scenario holds, with ready requests for the first tenant serving it (else its own sdkappid). */
    private Reply holds(String id) {
        Optional<Scenario> scenario = BundledScenarios.pathOf(id).map(BundledScenarios::scenario)
                .or(() -> bundled().find(id).map(ScenarioIndex.Entry::scenario));
        if (scenario.isEmpty()) {
            return Reply.error(404, "no bundled scenario " + id + "; GET /__imhistory/scenarios lists them");
        }
        List<Tenant> serving = tenants.all().stream().filter(t -> t.scenarioId().equals(id))
                .sorted(java.util.Comparator.comparingLong(Tenant::sdkappid)).toList();
        Tenant tenant = serving.isEmpty() ? Tenant.fromScenario(scenario.get(), -1, tenants.settings()) : serving.get(0);
        return Reply.json(200, ScenarioSummary.of(tenant, serving.stream().map(Tenant::sdkappid).toList()));
    }

    /** A true/false query flag; anything else is a clear 400, not a silent default. */
    private static boolean flag(Map<String, String> query, String name, boolean byDefault) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            return byDefault;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ContractException(name + " must be true or false, not \"" + v + "\"");
    }

    /** The admin page, for people who would rather look than read JSON. */
    private static String page() {
        try (java.io.InputStream in = ClasspathResources.open("admin/index.html")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ContractException("admin page missing: " + e.getMessage());
        }
    }

    /** What names a posted scenario in messages, as a file name does for the standalone's folder. */
    private static final String POSTED = "posted scenario";

    /** Every problem names the posted scenario and a JSON pointer ({@code /} for the root). */
    private static Scenario parseScenario(byte[] body) {
        JsonNode scenario = Json.parseStrict(new String(body, java.nio.charset.StandardCharsets.UTF_8), POSTED);
        return ScenarioValidator.shared().read(scenario, POSTED);
    }

    private Tenant load(Scenario scenario, long sdkappid) {
        try {
            return tenants.load(scenario, sdkappid);
        } catch (ContractException e) {
            throw ScenarioValidator.named(POSTED, e);
        }
    }

    static ObjectNode describe(Tenant t) {
        ObjectNode o = Json.object();
        o.put("sdkappid", t.sdkappid());
        o.put("scenario", t.scenarioId());
        o.put("title", t.scenario().title());
        o.set("admins", Json.WIRE.valueToTree(t.admins()));
        // the effective settings, and where each came from: forced by the server, the scenario's own, or the default
        o.put("verifyUserSig", t.verifiesUserSig());
        o.put("rateLimit", t.limitsRate());
        o.putObject("settingsFrom").put("verifyUserSig", t.userSigSetting().from().label())
                .put("rateLimit", t.rateLimitSetting().from().label());
        o.set("sizes", Json.WIRE.valueToTree(t.sizes()));
        o.put("requests", t.requestCount());
        return o;
    }

    /** {@code ?limit=N}: the newest N requests only (the admin page shows 100; a full journal of pages is megabytes). */
    private static int limit(Map<String, String> query) {
        String v = query.get("limit");
        if (v == null || v.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        if (!v.matches("[0-9]{1,9}")) {
            throw new ContractException("limit must be a non-negative integer, not \"" + v + "\"");
        }
        return Integer.parseInt(v);
    }

    static ObjectNode traffic(Tenant t, int limit) {
        ObjectNode o = Json.object();
        o.put("sdkappid", t.sdkappid());
        o.put("dropped", t.traffic().dropped());
        ArrayNode list = o.putArray("requests");
        java.util.List<Traffic.Entry> all = t.traffic().entries();
        for (Traffic.Entry e : all.subList(Math.max(0, all.size() - limit), all.size())) {
            ObjectNode r = list.addObject();
            r.put("number", e.number());
            r.put("at", e.at().toString());
            r.put("answeredAt", e.answeredAt().toString());
            r.put("method", e.method());
            r.put("path", e.path());
            r.set("query", Json.WIRE.valueToTree(e.query()));
            r.put("body", e.body());
            r.put("bodyBytes", e.bodySize());
            r.put("status", e.status());
            r.put("errorCode", e.errorCode());
            r.put("answer", e.answer());
            r.put("answerBytes", e.answerSize());
            if (e.fault() != null) {
                r.put("fault", e.fault());
            }
            if (e.delayMillis() > 0) {
                r.put("delayMs", e.delayMillis());
            }
        }
        return o;
    }
}
