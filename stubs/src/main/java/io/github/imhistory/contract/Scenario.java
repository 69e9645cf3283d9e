package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A scenario file, read once into types matching {@code scenario.schema.json}: the tenant, the dataset (kept as JSON:
 * the engine turns it into its own stores when a tenant is loaded), the exchanges, the walks and the scripted
 * deviations. Nothing reads scenario JSON while a request is answered or a verdict is reached.
 *
 * @param json the document as read (for the admin API and for loading it into a server)
 */
public record Scenario(String id, String title, String source, List<RuleId> rules, TenantSpec tenant, JsonNode dataset,
                       List<Exchange> exchanges, List<WalkSpec> walks, List<DeviationSpec> deviations, JsonNode json) {
    public Scenario {
        rules = List.copyOf(rules);
        exchanges = List.copyOf(exchanges);
        walks = List.copyOf(walks);
        deviations = List.copyOf(deviations);
    }

    /** One request and the answer the scenario expects. */
    public record Exchange(String name, Api api, List<RuleId> rules, RequestSpec request, int repeat, Expectation expect) {
        public Exchange {
            rules = List.copyOf(rules);
        }
    }

    /**
     * A request as a scenario describes it; the defaults (POST, the API's path, the tenant's query parameters, a fresh
     * random and a signed usersig) are applied when a call is built.
     *
     * @param query   overrides of the default query, in order
     * @param body    the JSON body, or null
     * @param rawBody a body sent as it is (malformed JSON), or null
     */
    public record RequestSpec(Optional<String> method, Optional<String> path, Map<String, QueryValue> query, JsonNode body,
                              String rawBody) {
        public RequestSpec {
            query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
        }

        /** Whether the request is the API's default call with this body and nothing else. */
        public boolean plain() {
            return method.isEmpty() && path.isEmpty() && query.isEmpty() && rawBody == null && body != null;
        }
    }

    /** A query override: a text, the parameter removed, or a UserSig signed when the call is built. */
    public sealed interface QueryValue {
        record Text(String value) implements QueryValue {}

        record Removed() implements QueryValue {}

        /**
         * Fields left out come from the tenant and the call; time defaults to now, expire to 86400.
         *
         * @param userbuf a TLS.userbuf signed into the document (SIG-VER-011), or empty
         * @param padding false to drop the Base64 padding (SIG-VER-012)
         */
        record SignedUserSig(Optional<String> identifier, OptionalLong sdkappid, Optional<String> secretKey,
                             OptionalLong time, long timeOffset, long expire, Optional<String> userbuf,
                             boolean padding) implements QueryValue {}
    }

    /**
     * @param match    exact (the whole body) or subset (every field given)
     * @param response the expected answer body
     */
    public record Expectation(int status, boolean subset, JsonNode response) {}

    /**
     * A paging walk from {@code body} to the end, with what each page or the whole walk holds.
     *
     * @param fails how the walk ends when a scripted failure outlasts a correct client's retries: the HTTP status or
     *              the ErrorCode of its last answer ({@code total} then counts the entries before it)
     */
    public record WalkSpec(String name, Api api, List<RuleId> rules, ObjectNode body, Optional<List<PageSpec>> pages,
                           OptionalLong total, Optional<Failure> fails) {
        public WalkSpec {
            rules = List.copyOf(rules);
        }
    }

    /** A walk's last answer: an HTTP status other than 200, or (status 200) a non-zero ErrorCode. */
    public record Failure(int httpStatus, int errorCode) {
        public String describe() {
            return httpStatus != 200 ? "HTTP " + httpStatus : "ErrorCode " + errorCode;
        }
    }

    /** @param keys the page's keys in answer order; @param fields a subset the answer must match, or null */
    public record PageSpec(JsonNode keys, JsonNode fields) {}

    /** A scripted deviation on the n-th request (of the tenant, or of one API), for {@code times} requests. */
    public record DeviationSpec(long request, Optional<Api> api, long times, Action action, List<RuleId> rules) {
        public DeviationSpec {
            rules = List.copyOf(rules);
        }
    }

    /** What a deviation does. */
    public sealed interface Action {
        record ErrorCode(int code) implements Action {}

        record HttpStatus(int status) implements Action {}

        record Fault(String kind) implements Action {}

        record Latency(long millis) implements Action {}

        /** A message stored (arrive) or recalled just before the request is answered; the engine reads {@code spec}. */
        record Change(String kind, JsonNode spec) implements Action {}
    }

    /** Every rule the scenario names: top level, exchanges, walks and deviations, in order of first appearance. */
    public List<RuleId> allRules() {
        java.util.LinkedHashSet<RuleId> all = new java.util.LinkedHashSet<>(rules);
        exchanges.forEach(e -> all.addAll(e.rules()));
        walks.forEach(w -> all.addAll(w.rules()));
        deviations.forEach(d -> all.addAll(d.rules()));
        return List.copyOf(all);
    }

    /** Whether a deviation scripts this kind of action. */
    public boolean scripts(Class<? extends Action> kind) {
        return deviations.stream().anyMatch(d -> kind.isInstance(d.action()));
    }

    /** Reads a scenario document (validated against the schema first, where it comes from outside). */
    public static Scenario of(JsonNode root, String where) {
        if (root == null || !root.isObject()) {
            throw new ContractException(where + ": a scenario must be a JSON object");
        }
        List<Exchange> exchanges = new ArrayList<>();
        int i = 0;
        for (JsonNode ex : root.path("exchanges")) {
            String at = where + " /exchanges/" + i++;
            JsonNode expect = ex.path("expect");
            exchanges.add(new Exchange(ex.path("name").asText(), api(ex, at), rules(ex.path("rules"), at),
                    request(ex.path("request"), at), ex.path("repeat").asInt(1),
                    new Expectation(expect.path("status").asInt(200), "subset".equals(expect.path("match").asText("exact")),
                            expect.path("response"))));
        }
        List<WalkSpec> walks = new ArrayList<>();
        i = 0;
        for (JsonNode w : root.path("walks")) {
            String at = where + " /walks/" + i++;
            JsonNode expect = w.path("expect");
            Optional<List<PageSpec>> pages = Optional.empty();
            if (expect.path("pages").isArray()) {
                List<PageSpec> list = new ArrayList<>();
                expect.path("pages").forEach(p -> list.add(new PageSpec(p.path("keys"), p.get("fields"))));
                pages = Optional.of(list);
            }
            if (!w.path("body").isObject()) {
                throw new ContractException(at + "/body: an object is required");
            }
            walks.add(new WalkSpec(w.path("name").asText(), api(w, at), rules(w.path("rules"), at),
                    (ObjectNode) w.path("body").deepCopy(), pages,
                    expect.has("total") ? OptionalLong.of(expect.path("total").asLong()) : OptionalLong.empty(),
                    expect.has("fails") ? Optional.of(new Failure(expect.path("fails").path("httpStatus").asInt(200),
                            expect.path("fails").path("errorCode").asInt(0))) : Optional.empty()));
        }
        List<DeviationSpec> deviations = new ArrayList<>();
        i = 0;
        for (JsonNode d : root.path("deviations")) {
            String at = where + " /deviations/" + i++;
            deviations.add(deviation(d, at));
        }
        return new Scenario(root.path("id").asText(), root.path("title").asText(), root.path("source").asText(),
                rules(root.path("rules"), where + " /rules"), TenantSpec.of(root), root.path("dataset"), exchanges,
                walks, deviations, root);
    }

    private static Api api(JsonNode part, String at) {
        return Api.byCommand(part.path("api").asText())
                .orElseThrow(() -> new ContractException(at + "/api: unknown API " + part.path("api")));
    }

    private static List<RuleId> rules(JsonNode array, String at) {
        List<RuleId> out = new ArrayList<>();
        for (JsonNode id : array) {
            out.add(RuleId.of(id.asText()).orElseThrow(() -> new ContractException(at + ": rule " + id.asText()
                    + " is not in the rule catalogue")));
        }
        return out;
    }

    private static RequestSpec request(JsonNode r, String at) {
        Map<String, QueryValue> query = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("query").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                query.put(e.getKey(), new QueryValue.Removed());
            } else if (v.isObject()) {
                query.put(e.getKey(), new QueryValue.SignedUserSig(text(v, "identifier"), number(v, "sdkappid"),
                        text(v, "secretKey"), number(v, "time"), v.path("timeOffset").asLong(0),
                        v.path("expire").asLong(86_400), text(v, "userbuf"), v.path("padding").asBoolean(true)));
            } else {
                query.put(e.getKey(), new QueryValue.Text(v.asText()));
            }
        }
        return new RequestSpec(text(r, "method"), text(r, "path"), query, r.get("body"),
                r.has("rawBody") ? r.get("rawBody").asText() : null);
    }

    private static DeviationSpec deviation(JsonNode d, String at) {
        JsonNode when = d.path("at");
        long request = when.path("request").asLong(0);
        if (request < 1) {
            throw new ContractException(at + "/at/request: an integer >= 1 is required");
        }
        Optional<Api> api = Optional.empty();
        if (when.has("api")) {
            api = Optional.of(Api.byCommand(when.get("api").asText())
                    .orElseThrow(() -> new ContractException(at + "/at/api: unknown API " + when.get("api"))));
        }
        JsonNode a = d.path("action");
        if (!a.isObject() || a.size() != 1) {
            throw new ContractException(at + "/action: exactly one action is required");
        }
        String kind = a.fieldNames().next();
        JsonNode v = a.get(kind);
        Action action = switch (kind) {
            case "errorCode" -> new Action.ErrorCode(v.asInt());
            case "httpStatus" -> new Action.HttpStatus(v.asInt());
            case "fault" -> new Action.Fault(v.asText());
            case "latencyMs" -> new Action.Latency(v.asLong());
            case "arrive", "recall" -> new Action.Change(kind, v);
            default -> throw new ContractException(at + "/action: unknown action " + kind);
        };
        return new DeviationSpec(request, api, Math.max(1, when.path("times").asLong(1)), action,
                rules(d.path("rules"), at + "/rules"));
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.has(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
    }

    private static OptionalLong number(JsonNode n, String field) {
        return n.has(field) ? OptionalLong.of(n.get(field).asLong()) : OptionalLong.empty();
    }
}
