package io.github.imhistory.kit.server;

import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleCatalog;
import io.github.imhistory.contract.ScenarioIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rules and scenarios a run covers, and how strictly it judges. Immutable; each {@code with}-style method
 * returns a copy.
 *
 * <p>Rule patterns are rule IDs ({@code C2C-PAGE-008}) or prefixes ending in {@code *} ({@code C2C-PAGE-*},
 * {@code GRP-*}). An empty include list means every server-binding rule.
 */
public final class SuiteOptions {
    /** A client keeps to 200 requests per second and API (COM-RATE-001); the suite keeps a little below. */
    public static final int DEFAULT_MAX_REQUESTS_PER_SECOND = 190;

    private final List<String> include;
    private final List<String> exclude;
    private final Set<String> scenarios;
    private final boolean strict;
    private final boolean rateLimit;
    private final int maxRequestsPerSecond;

    private SuiteOptions(List<String> include, List<String> exclude, Set<String> scenarios, boolean strict,
                         boolean rateLimit, int maxRequestsPerSecond) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
        this.scenarios = Set.copyOf(scenarios);
        this.strict = strict;
        this.rateLimit = rateLimit;
        if (maxRequestsPerSecond < 1) {
            throw new IllegalArgumentException("maxRequestsPerSecond must be >= 1");
        }
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    /** Every server-binding rule, every scenario the seeder allows, SHOULD rules not blocking, no rate-limit burst. */
    public static SuiteOptions defaults() {
        return new SuiteOptions(List.of(), List.of(), Set.of(), false, false, DEFAULT_MAX_REQUESTS_PER_SECOND);
    }

    /** Only these rules (IDs or {@code PREFIX*}); replaces earlier includes. */
    public SuiteOptions include(String... patterns) {
        return include(Arrays.asList(patterns));
    }

    public SuiteOptions include(List<String> patterns) {
        return new SuiteOptions(patterns, exclude, scenarios, strict, rateLimit, maxRequestsPerSecond);
    }

    /** Not these rules (IDs or {@code PREFIX*}); replaces earlier excludes. */
    public SuiteOptions exclude(String... patterns) {
        return exclude(Arrays.asList(patterns));
    }

    public SuiteOptions exclude(List<String> patterns) {
        return new SuiteOptions(include, patterns, scenarios, strict, rateLimit, maxRequestsPerSecond);
    }

    /** Only these scenarios (IDs of the bundled scenarios); replaces earlier ones. */
    public SuiteOptions scenarios(String... ids) {
        return scenarios(new LinkedHashSet<>(Arrays.asList(ids)));
    }

    public SuiteOptions scenarios(Set<String> ids) {
        return new SuiteOptions(include, exclude, ids, strict, rateLimit, maxRequestsPerSecond);
    }

    /** Whether an unmet SHOULD rule fails the run (default: it is reported, not failed). */
    public SuiteOptions strict(boolean on) {
        return new SuiteOptions(include, exclude, scenarios, on, rateLimit, maxRequestsPerSecond);
    }

    /**
     * Opt in to the rate-limit scenario against a server that is not the stub: it sends 201 requests within a
     * second and expects 60007 (COM-RATE-002). Off by default, because it briefly blocks the app's other traffic.
     */
    public SuiteOptions rateLimit(boolean on) {
        return new SuiteOptions(include, exclude, scenarios, strict, on, maxRequestsPerSecond);
    }

    /** The suite's own pace per API (the rate-limit burst excepted). */
    public SuiteOptions maxRequestsPerSecond(int n) {
        return new SuiteOptions(include, exclude, scenarios, strict, rateLimit, n);
    }

    public List<String> include() {
        return include;
    }

    public List<String> exclude() {
        return exclude;
    }

    public Set<String> scenarios() {
        return scenarios;
    }

    public boolean strict() {
        return strict;
    }

    public boolean rateLimit() {
        return rateLimit;
    }

    public int maxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    /** Whether the run checks {@code rule}: it binds servers, matches an include (if any) and no exclude. */
    public boolean selects(Rule rule) {
        if (!rule.bindsServer()) {
            return false;
        }
        if (!include.isEmpty() && include.stream().noneMatch(p -> matches(p, rule.id()))) {
            return false;
        }
        return exclude.stream().noneMatch(p -> matches(p, rule.id()));
    }

    static boolean matches(String pattern, String id) {
        return pattern.endsWith("*") ? id.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(id);
    }

    /** What is wrong with these options for this catalogue and these scenarios; empty when usable. */
    public List<String> problems(RuleCatalog rules, ScenarioIndex index) {
        List<String> out = new ArrayList<>();
        for (String p : include) {
            patternProblem("include", p, rules).ifPresent(out::add);
        }
        for (String p : exclude) {
            patternProblem("exclude", p, rules).ifPresent(out::add);
        }
        for (String id : scenarios) {
            if (index.find(id).isEmpty()) {
                out.add("unknown scenario " + id + " (not among the " + index.size() + " bundled scenarios)");
            }
        }
        if (rules.all().stream().noneMatch(this::selects)) {
            out.add("the include/exclude lists leave no server-binding rule to check");
        }
        return out;
    }

    private static java.util.Optional<String> patternProblem(String kind, String pattern, RuleCatalog rules) {
        if (pattern.isBlank()) {
            return java.util.Optional.of(kind + ": empty rule pattern");
        }
        List<Rule> hits = rules.filter(r -> matches(pattern, r.id()));
        if (hits.isEmpty()) {
            return java.util.Optional.of(kind + " " + pattern + ": no rule of the catalogue matches");
        }
        if (hits.stream().noneMatch(Rule::bindsServer)) {
            return java.util.Optional.of(kind + " " + pattern + ": binds clients only; the server suite does not check it");
        }
        return java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return "SuiteOptions[include=" + include + ", exclude=" + exclude + ", scenarios=" + scenarios + ", strict="
                + strict + ", rateLimit=" + rateLimit + ", maxRequestsPerSecond=" + maxRequestsPerSecond + "]";
    }
}
