package io.github.imhistory.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.traffic.TrafficJudge;
import io.github.imhistory.oracle.ModelOracle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tenant's drift as JSON and as text: every server rule the upstream's answers broke, each finding with the
 * request and a curl that sends it to the upstream again; the requests the upstream did not answer; the walks; what
 * could not be checked and why; and the client's verdict on the same traffic. MUST findings make {@code drift} true;
 * SHOULD findings are reported beside them.
 */
record DriftReport(DriftJudge.Drift drift, String upstream, long dropped, boolean secretKeyKnown) {

    ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("sdkappid", drift.sdkappid());
        o.put("upstream", upstream);
        o.put("requests", drift.requests());
        o.put("dropped", dropped);
        o.put("drift", drift.findings().stream().anyMatch(f -> f.catalogueRule().level() == Rule.Level.MUST));
        ArrayNode failing = o.putArray("failing");
        ArrayNode reported = o.putArray("reported");
        byRule(drift.findings()).forEach((rule, list) ->
                (rule.rule().level() == Rule.Level.MUST ? failing : reported).add(rule.id()));
        ArrayNode findings = o.putArray("findings");
        for (Finding f : drift.findings()) {
            ObjectNode x = findings.addObject();
            x.put("rule", f.ruleId()).put("level", f.catalogueRule().level().name())
                    .put("statement", f.catalogueRule().statement()).put("where", f.where()).put("message", f.message());
            f.offendingRequest().ifPresent(r -> {
                x.set("request", request(r));
                x.put("curl", r.curl(upstream));
            });
        }
        ArrayNode errors = o.putArray("upstreamErrors");
        for (RecordedRequest r : drift.upstreamErrors()) {
            errors.addObject().put("request", r.sequence()).put("error", r.fault()).put("curl", r.curl(upstream));
        }
        ArrayNode walks = o.putArray("walks");
        drift.walks().forEach(w -> walks.addObject().put("api", w.walk().api().command()).put("key", w.walk().key())
                .put("pages", w.walk().pages().size()).put("ended", w.ended())
                .put("judgedAgainstItsHistory", w.ended()));
        ArrayNode notChecked = o.putArray("notChecked");
        ModelOracle.BLIND.forEach((rule, why) -> notChecked.addObject().put("rule", rule.id())
                .put("why", "against the history the answers showed: " + why));
        notChecked.addObject().put("rule", "*").put("why", "rules that need the stored history (a message a walk"
                + " left out that no other walk showed, a flag stored otherwise than answered) are checked by the server"
                + " suite (gate server) or the probe (gate probe), which walk the same history several ways");
        if (!secretKeyKnown) {
            TrafficJudge.USERSIG_RULES.forEach(r -> notChecked.addObject().put("rule", r.id())
                    .put("why", "the proxy has no --secret-key, so UserSigs cannot be judged (neither the client's nor"
                            + " the upstream's acceptance of a bad one)"));
        }
        o.set("client", client());
        return o;
    }

    private ObjectNode client() {
        ObjectNode c = Json.object();
        boolean passed = drift.client().findings().stream().noneMatch(f -> f.catalogueRule().level() == Rule.Level.MUST);
        c.put("passed", passed);
        ArrayNode broken = c.putArray("broken");
        drift.client().broken().forEach(broken::add);
        ArrayNode findings = c.putArray("findings");
        for (Finding f : drift.client().findings()) {
            ObjectNode x = findings.addObject().put("rule", f.ruleId()).put("message", f.message());
            f.offendingRequest().ifPresent(r -> x.put("request", r.sequence()).put("curl", r.curl(upstream)));
        }
        return c;
    }

    private static ObjectNode request(RecordedRequest r) {
        ObjectNode x = Json.object();
        x.put("number", r.sequence()).put("at", r.at().toString()).put("method", r.method()).put("path", r.path());
        x.set("query", Json.WIRE.valueToTree(r.query()));
        x.put("body", r.body()).put("status", r.status());
        return x;
    }

    private static Map<RuleId, List<Finding>> byRule(List<Finding> findings) {
        Map<RuleId, List<Finding>> out = new java.util.TreeMap<>();
        findings.forEach(f -> out.computeIfAbsent(f.rule(), r -> new java.util.ArrayList<>()).add(f));
        return new LinkedHashMap<>(out);
    }

    /** For a terminal: the verdict line, then each broken rule with its findings and curls, then the client's side. */
    String text() {
        ObjectNode j = json();
        StringBuilder s = new StringBuilder();
        s.append(j.get("drift").asBoolean() ? "DRIFT" : "NO DRIFT").append(": tenant ").append(drift.sdkappid())
                .append(" via ").append(upstream).append(", ").append(drift.requests()).append(" requests, ")
                .append(drift.walks().size()).append(" walks (")
                .append(drift.walks().stream().filter(DriftJudge.WalkSummary::ended).count())
                .append(" judged against the history they showed)\n");
        if (dropped > 0) {
            s.append("note: ").append(dropped).append(" older requests were dropped from the proxy's journal\n");
        }
        byRule(drift.findings()).forEach((rule, list) -> {
            s.append('\n').append(rule.rule().level() == Rule.Level.MUST ? "FAIL " : "WARN ")
                    .append(rule.rule().displayName()).append(": ").append(rule.rule().statement()).append('\n');
            for (Finding f : list) {
                s.append("  - ").append(f.describe(upstream).replace("\n", "\n  ")).append('\n');
            }
        });
        for (JsonNode e : j.get("upstreamErrors")) {
            s.append("upstream gave no answer to request #").append(e.get("request").asLong()).append(": ")
                    .append(e.get("error").asText()).append("\n    ").append(e.get("curl").asText()).append('\n');
        }
        JsonNode client = j.get("client");
        s.append('\n').append("client: ").append(client.get("passed").asBoolean() ? "PASSED" : "FAILED");
        if (!client.get("broken").isEmpty()) {
            s.append(" (broke ").append(client.get("broken")).append(')');
        }
        s.append('\n');
        for (JsonNode f : client.get("findings")) {
            s.append("  - ").append(f.get("rule").asText()).append(": ").append(f.get("message").asText()).append('\n');
        }
        return s.toString();
    }
}
