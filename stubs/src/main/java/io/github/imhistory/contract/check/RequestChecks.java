package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile.Role;
import io.github.imhistory.contract.ContractSchemas;
import io.github.imhistory.contract.ContractSchemas.SchemaFile;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import io.github.imhistory.contract.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The form of each request a client sends: method, query parameters, admin identifier, body. */
public final class RequestChecks {
    private static final ContractSchemas SCHEMAS = ContractSchemas.shared();

    private RequestChecks() {}

    @Verifies(value = RuleId.COM_METHOD_001, side = Side.CLIENT)
    public static void method(RecordedRequest r, Findings f) {
        if (!"POST".equals(r.method())) {
            f.add(RuleId.COM_METHOD_001, n(r) + " used " + r.method() + "; every request is a POST", r);
        }
    }

    /** The query against query-params.schema.json: a parameter missing, random out of range, contenttype not json. */
    @Verifies(value = {RuleId.COM_QRY_001, RuleId.COM_QRY_002, RuleId.COM_QRY_004}, side = Side.CLIENT)
    public static void query(RecordedRequest r, Findings f) {
        ObjectNode query = Json.object();
        r.query().forEach(query::put);
        for (Violation v : SCHEMAS.validate(SchemaFile.QUERY_PARAMS, query)) {
            String name = "required".equals(v.keyword()) && v.property() != null ? v.property()
                    : v.pointer().replaceFirst("^/", "").replaceFirst("/.*$", "");
            RuleId rule = "required".equals(v.keyword()) ? RuleId.COM_QRY_001
                    : "random".equals(name) ? RuleId.COM_QRY_002
                    : "contenttype".equals(name) ? RuleId.COM_QRY_004 : RuleId.COM_QRY_001;
            String value = r.query().containsKey(name) ? " (sent \"" + r.query().get(name) + "\")" : "";
            f.add(rule, n(r) + " query parameter " + name + value + ": " + v.message(), r);
        }
    }

    /** No random twice in a traffic; {@code first} maps each random seen so far to the request that sent it. */
    @Verifies(value = RuleId.COM_QRY_007, side = Side.CLIENT)
    public static void freshRandom(RecordedRequest r, Map<String, Long> first, Findings f) {
        String random = r.query().get("random");
        if (random != null && !random.isEmpty()) {
            Long earlier = first.putIfAbsent(random, r.sequence());
            if (earlier != null) {
                f.add(RuleId.COM_QRY_007, n(r) + " sends random=" + random + " again (first sent by request #" + earlier
                        + "); draw it afresh for every request", r);
            }
        }
    }

    @Verifies(value = RuleId.COM_ADMIN_001, side = Side.CLIENT)
    public static void admin(RecordedRequest r, Set<String> admins, Findings f) {
        String identifier = r.query().get("identifier");
        if (identifier != null && !identifier.isEmpty() && !admins.contains(identifier)) {
            f.add(RuleId.COM_ADMIN_001, n(r) + " identifier " + identifier + " is not an App admin of the tenant "
                    + admins, r);
        }
    }

    /**
     * The body: a JSON object (COM-BODY-001) matching the API's request schema (the {@link Role#REQUEST} rule), one
     * account pair only on admin_getroammsg (C2C-REQ-003), at most 20 entries asked of a group (GRP-REQ-002).
     */
    @Verifies(value = {RuleId.COM_BODY_001, RuleId.C2C_REQ_003, RuleId.GRP_REQ_002}, roles = Role.REQUEST,
            side = Side.CLIENT)
    public static void body(RecordedRequest r, Findings f) {
        Optional<JsonNode> body = r.bodyJson();
        if (body.isEmpty()) {
            f.add(RuleId.COM_BODY_001, n(r) + (r.body().isEmpty() ? " has an empty body" : " body is not a JSON object: "
                    + brief(r.body())) + "; the body is a JSON object", r);
            return;
        }
        Optional<Api> api = r.api();
        if (api.isEmpty()) {
            return;
        }
        JsonNode b = body.get();
        boolean mixed = api.get() == Api.ADMIN_GETROAMMSG && mixedPairs(b);
        if (mixed) {
            f.add(RuleId.C2C_REQ_003, n(r) + " names the accounts with " + names(b) + "; send exactly one pair:"
                    + " From_Account/To_Account or Operator_Account/Peer_Account", r);
        }
        List<Violation> violations = SCHEMAS.validate(api.get().profile().requestSchema(), b).stream()
                .filter(v -> !(mixed && isPairViolation(v)))
                .toList();
        if (!violations.isEmpty()) {
            StringBuilder s = new StringBuilder(n(r) + " body does not match " + api.get().profile().requestSchema() + ":");
            violations.stream().limit(4).forEach(v -> s.append("\n      ").append(v.message()));
            f.add(api.get().profile().ruleOf(Role.REQUEST), s.toString(), r);
        }
        JsonNode number = b.path("ReqMsgNumber");
        if (api.get() == Api.GROUP_MSG_GET_SIMPLE && number.isIntegralNumber() && number.asLong() > 20) {
            f.add(RuleId.GRP_REQ_002, n(r) + " asks for ReqMsgNumber " + number + "; a page holds at most 20, so ask"
                    + " for 20 or fewer", r);
        }
    }

    /** Both pairs, or one field of each. */
    private static boolean mixedPairs(JsonNode b) {
        boolean seed = b.has("From_Account") || b.has("To_Account");
        boolean current = b.has("Operator_Account") || b.has("Peer_Account");
        return seed && current;
    }

    private static String names(JsonNode b) {
        return List.of("From_Account", "To_Account", "Operator_Account", "Peer_Account").stream().filter(b::has).toList()
                .toString();
    }

    /** A violation the mixed pair explains: the oneOf between the revisions, or a field the other revision forbids. */
    private static boolean isPairViolation(Violation v) {
        return "oneOf".equals(v.keyword()) || "false".equals(v.keyword())
                || List.of("/From_Account", "/To_Account", "/Operator_Account", "/Peer_Account").contains(v.pointer());
    }

    static String n(RecordedRequest r) {
        return "request #" + r.sequence();
    }

    private static String brief(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
