package io.github.imhistory.kit.server;

import io.github.imhistory.contract.ScenarioIndex;
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
    final Set<String> named;
    final Map<String, List<Finding>> findings = new LinkedHashMap<>();
    /** Rules named by a part (exchange or walk) that ran. */
    final Set<String> ran = new LinkedHashSet<>();
    /** Rules named by a part that was skipped, with the reason. */
    final Map<String, String> skipped = new LinkedHashMap<>();
    /** Rules named only at the top level or by deviations: checked by whatever part ran. */
    final Set<String> partless = new LinkedHashSet<>();
    boolean anyRan;
    /** Set when the whole scenario does not run against this target. */
    String scenarioSkip;
    /** Set when the scenario could not be played (seeding failed, or the suite broke). */
    String error;

    ScenarioOutcome(ScenarioIndex.Entry entry, Set<String> named) {
        this.entry = entry;
        this.named = named;
    }

    void add(Collection<Finding> fs) {
        for (Finding f : fs) {
            findings.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
        }
    }

    void ran(Collection<String> rules) {
        anyRan = true;
        ran.addAll(rules);
    }

    void skipped(Collection<String> rules, String reason) {
        rules.forEach(r -> skipped.putIfAbsent(r, reason));
    }

    boolean checked(String rule) {
        return ran.contains(rule) || (anyRan && partless.contains(rule));
    }
}
