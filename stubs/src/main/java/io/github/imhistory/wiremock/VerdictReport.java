package io.github.imhistory.wiremock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleCatalog;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.traffic.TrafficJudge;
import io.github.imhistory.contract.traffic.Verdict;
import io.github.imhistory.contract.traffic.Walk;
import io.github.imhistory.engine.Tenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which client rules the traffic a tenant received broke: {@link TrafficJudge} over the engine's journal, for clients
 * not written in Java (the kit's client suite judges the same way in-process). MUST-level findings fail the verdict;
 * SHOULD-level ones are reported without failing unless {@code strict}.
 *
 * @param wholeHistory whether every walk was meant to reach the end of history (off for an app that loads a page at
 *                     a time as the user scrolls)
 * @param strict       whether SHOULD-level findings fail too
 * @param addedDelayMillis a delay the HTTP layer adds to every answer ({@code --latency}), so retry gaps and
 *                     timeouts are measured from when the answer really left
 */
record VerdictReport(Tenant tenant, boolean wholeHistory, boolean strict, long addedDelayMillis, String baseUrl) {
    /** Rules a tenant's settings make moot, and why. */
    Map<String, String> notChecked() {
        Map<String, String> out = new LinkedHashMap<>();
        if (!tenant.verifiesUserSig()) {
            String why = switch (tenant.userSigSetting().from()) {
                case FORCED -> "the server forces UserSig checking off for every tenant (the standalone's"
                        + " --force-verify-usersig off)";
                case SCENARIO -> "the tenant's scenario sets tenant.verifyUserSig to false";
                case DEFAULT -> "the scenario does not say and the server's default is off (the standalone's default:"
                        + " start it with --verify-usersig, or set tenant.verifyUserSig to true in the scenario)";
            };
            for (RuleId rule : TrafficJudge.USERSIG_RULES) {
                out.put(rule.id(), "the tenant does not verify UserSig, so any usersig is accepted on purpose: " + why);
            }
        }
        return out;
    }

    Verdict verdict() {
        List<RecordedRequest> requests = tenant.traffic().recorded(addedDelayMillis);
        TrafficJudge.Options options = TrafficJudge.Options.defaults().withWholeHistory(wholeHistory).withBaseUrl(baseUrl)
                .withUserSig(tenant.verifiesUserSig());
        return TrafficJudge.of(new TrafficJudge.TenantFacts(tenant.sdkappid(), tenant.admins(), tenant.secretKey()),
                options).judge(requests);
    }

    private boolean fails(Rule rule) {
        return strict || rule.level() == Rule.Level.MUST;
    }

    ObjectNode json() {
        long dropped = tenant.traffic().dropped();
        Verdict v = verdict();
        ObjectNode o = Json.object();
        o.put("sdkappid", tenant.sdkappid());
        o.put("scenario", tenant.scenarioId());
        o.put("requests", v.requests());
        o.put("dropped", dropped);
        o.putObject("settings").put("wholeHistory", wholeHistory).put("strict", strict)
                .put("addedLatencyMs", addedDelayMillis);
        o.put("passed", v.broken().stream().map(RuleCatalog.bundled()::get).noneMatch(this::fails));
        ArrayNode failing = o.putArray("failing");
        ArrayNode reported = o.putArray("reported");
        v.broken().forEach(id -> (fails(RuleCatalog.bundled().get(id)) ? failing : reported).add(id));
        ArrayNode notes = o.putArray("notes");
        if (dropped > 0) {
            notes.add(dropped + " older requests were dropped from the journal, so walks that began"
                    + " before them are judged in part; reset the tenant before a run");
        }
        if (v.requests() == 0) {
            notes.add("no requests yet: point your client at this tenant (sdkappid " + tenant.sdkappid() + ")");
        }
        ArrayNode moot = o.putArray("notChecked");
        Map<String, String> notChecked = new LinkedHashMap<>(notChecked());
        v.notChecked().forEach(notChecked::putIfAbsent);
        notChecked.forEach((id, why) -> moot.addObject().put("id", id).put("why", why));
        ArrayNode rules = o.putArray("rules");
        Map<String, List<Finding>> byRule = v.byRule();
        for (String id : v.checked()) {
            Rule rule = RuleCatalog.bundled().get(id);
            ObjectNode r = rules.addObject();
            r.put("id", id).put("level", rule.level().name()).put("basis", rule.basis().json())
                    .put("broken", byRule.containsKey(id)).put("fails", byRule.containsKey(id) && fails(rule))
                    .put("statement", rule.statement());
            ArrayNode findings = r.putArray("findings");
            for (Finding f : byRule.getOrDefault(id, List.of())) {
                ObjectNode fo = findings.addObject().put("message", f.message());
                f.offendingRequest().ifPresent(req -> fo.put("request", req.sequence()).put("curl", req.curl(baseUrl)));
            }
        }
        ArrayNode walks = o.putArray("walks");
        for (Walk w : v.walks()) {
            ArrayNode numbers = walks.addObject().put("api", w.api().command()).put("key", w.key())
                    .put("pages", w.pages().size()).putArray("requests");
            w.requests().forEach(r -> numbers.add(r.sequence()));
        }
        return o;
    }

    /** The same for a terminal: {@code PASSED}/{@code FAILED}, then each broken rule with its findings and curls. */
    String text() {
        ObjectNode j = json();
        StringBuilder s = new StringBuilder();
        s.append(j.get("passed").asBoolean() ? "PASSED" : "FAILED").append(": tenant ").append(tenant.sdkappid())
                .append(" (").append(tenant.scenarioId()).append("), ").append(j.get("requests").asLong())
                .append(" requests, ").append(j.get("walks").size()).append(" walks; wholeHistory=").append(wholeHistory)
                .append(", strict=").append(strict).append('\n');
        j.get("notes").forEach(n -> s.append("note: ").append(n.asText()).append('\n'));
        j.get("notChecked").forEach(n -> s.append("not checked: ").append(n.get("id").asText()).append(": ")
                .append(n.get("why").asText()).append('\n'));
        for (var r : j.get("rules")) {
            if (!r.get("broken").asBoolean()) {
                continue;
            }
            Rule rule = RuleCatalog.bundled().get(r.get("id").asText());
            s.append('\n').append(r.get("fails").asBoolean() ? "FAIL " : "WARN ").append(rule.displayName()).append(": ")
                    .append(rule.statement()).append('\n');
            for (var f : r.get("findings")) {
                s.append("  - ").append(f.get("message").asText().replace("\n", "\n    ")).append('\n');
                if (f.has("curl")) {
                    s.append("    ").append(f.get("curl").asText()).append('\n');
                }
            }
        }
        long kept = 0;
        for (var r : j.get("rules")) {
            kept += r.get("broken").asBoolean() ? 0 : 1;
        }
        s.append('\n').append(kept).append(" of ").append(j.get("rules").size()).append(" client rules checked were kept\n");
        return s.toString();
    }
}
