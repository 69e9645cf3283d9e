package io.github.imhistory.kit.server;

import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.contract.check.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What replaying one scenario found, per rule: findings, rules checked, and why the others were not. */
final class ScenarioOutcome {
    final ScenarioIndex.Entry entry;
    /** Server-binding rules the scenario names (top level, exchanges, walks, deviations), in catalogue order. */
    final Set<RuleId> named;
    final Map<RuleId, List<Finding>> findings = new LinkedHashMap<>();
    /** Rules named by a part (exchange or walk) that ran. */
    final Set<RuleId> ran = new LinkedHashSet<>();
    /** Rules named by a part that was skipped, with the reason. */
    final Map<RuleId, String> skipped = new LinkedHashMap<>();
    /** Rules named only at the top level or by deviations: checked by whatever part ran. */
    final Set<RuleId> partless = new LinkedHashSet<>();
    boolean anyRan;
    /** Set when the whole scenario does not run against this target. */
    String scenarioSkip;
    /** Set when the scenario could not be seeded: the target, not the kit, is in the way. */
    String seedError;
    /** Set when the kit itself failed while replaying: never a verdict on the server. */
    RuntimeException kitError;

    ScenarioOutcome(ScenarioIndex.Entry entry, Set<RuleId> named) {
        this.entry = entry;
        this.named = named;
    }

    void add(Collection<Finding> fs) {
        for (Finding f : fs) {
            findings.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f);
        }
    }

    void ran(Collection<RuleId> rules) {
        anyRan = true;
        ran.addAll(rules);
    }

    void skipped(Collection<RuleId> rules, String reason) {
        rules.forEach(r -> skipped.putIfAbsent(r, reason));
    }

    boolean checked(RuleId rule) {
        return ran.contains(rule) || (anyRan && partless.contains(rule));
    }
}
