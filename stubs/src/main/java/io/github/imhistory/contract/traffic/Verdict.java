package io.github.imhistory.contract.traffic;

import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.RuleCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link TrafficJudge} found in a tenant's traffic.
 *
 * @param checked  the rules the judge evaluated, in catalogue order; a checked rule without findings was kept
 * @param findings every broken rule, in the order found
 * @param walks    the walks the traffic falls into
 * @param notChecked rules the traffic could not show either way, with why (rule ID to reason)
 */
public record Verdict(Set<String> checked, List<Finding> findings, List<Walk> walks, long requests,
                      Map<String, String> notChecked) {
    public Verdict {
        notChecked = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notChecked));
        checked = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(checked));
        findings = List.copyOf(findings);
        walks = List.copyOf(walks);
    }

    public boolean passed() {
        return findings.isEmpty();
    }

    /** Findings grouped by rule, rules in catalogue order. */
    public Map<String, List<Finding>> byRule() {
        Map<String, List<Finding>> out = new LinkedHashMap<>();
        for (Rule rule : RuleCatalog.bundled().all()) {
            List<Finding> of = findings.stream().filter(f -> f.ruleId().equals(rule.id())).toList();
            if (!of.isEmpty()) {
                out.put(rule.id(), of);
            }
        }
        return out;
    }

    /** The broken rules, in catalogue order. */
    public Set<String> broken() {
        return byRule().keySet();
    }

    public List<Finding> findings(String ruleId) {
        List<Finding> out = new ArrayList<>();
        findings.stream().filter(f -> f.ruleId().equals(ruleId)).forEach(out::add);
        return out;
    }

    /** One line per finding, with a curl for each offending request. */
    public String describe(String baseUrl) {
        if (findings.isEmpty()) {
            return "no client rule broken in " + requests + " requests (checked " + checked + ")";
        }
        StringBuilder s = new StringBuilder();
        byRule().forEach((id, list) -> {
            s.append(RuleCatalog.bundled().get(id).displayName()).append('\n');
            list.forEach(f -> s.append("  - ").append(f.describe(baseUrl)).append('\n'));
        });
        return s.toString();
    }
}
