package io.github.imhistory.kit.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How {@link ClientConformanceSuite} runs, from JUnit configuration parameters (which also read system properties
 * and {@code junit-platform.properties}):
 * <ul>
 *   <li>{@value #STRICT}: {@code true} makes SHOULD-level findings fail like MUST-level ones (default false: they
 *       abort their test, which reports it as skipped with the finding as the reason);</li>
 *   <li>{@value #SCENARIOS}: comma-separated scenario IDs, {@code *} as a wildcard, to run only some walks;</li>
 *   <li>{@value #WALK_TIMEOUT}: how long one walk may take, e.g. {@code 30s} or {@code PT1M} (default 30 s);</li>
 *   <li>{@value #PAGED}: {@code false} skips the page-by-page walks even when the adapter supports them;</li>
 *   <li>{@value #PARALLEL}: how many walks run at once, each against its own tenant (default 4); the suite's tests
 *       still report one after another. Set 1 if your adapters cannot be created and used from several threads.</li>
 * </ul>
 */
public record SuiteSettings(boolean strict, List<String> scenarios, Duration walkTimeout, boolean pagedWalks,
                            int parallelWalks) {
    public static final String STRICT = "imhistory.strict";
    public static final String SCENARIOS = "imhistory.client.scenarios";
    public static final String WALK_TIMEOUT = "imhistory.client.walkTimeout";
    public static final String PAGED = "imhistory.client.pagedWalks";
    public static final String PARALLEL = "imhistory.client.parallelWalks";
    public static final int DEFAULT_PARALLEL_WALKS = 4;
    public static final Duration DEFAULT_WALK_TIMEOUT = Duration.ofSeconds(30);

    public SuiteSettings {
        scenarios = List.copyOf(scenarios);
        if (parallelWalks < 1) {
            throw new IllegalArgumentException(PARALLEL + " must be at least 1");
        }
    }

    public static SuiteSettings defaults() {
        return new SuiteSettings(false, List.of(), DEFAULT_WALK_TIMEOUT, true, DEFAULT_PARALLEL_WALKS);
    }

    /** Settings from a configuration lookup such as {@code ExtensionContext::getConfigurationParameter}. */
    public static SuiteSettings from(Function<String, Optional<String>> config) {
        boolean strict = config.apply(STRICT).map(s -> Boolean.parseBoolean(s.trim())).orElse(false);
        List<String> scenarios = config.apply(SCENARIOS).map(s -> Arrays.stream(s.split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
        Duration timeout = config.apply(WALK_TIMEOUT).map(SuiteSettings::duration).orElse(DEFAULT_WALK_TIMEOUT);
        boolean paged = config.apply(PAGED).map(s -> Boolean.parseBoolean(s.trim())).orElse(true);
        int parallel = config.apply(PARALLEL).map(s -> Integer.parseInt(s.trim())).orElse(DEFAULT_PARALLEL_WALKS);
        return new SuiteSettings(strict, scenarios, timeout, paged, parallel);
    }

    public SuiteSettings withStrict(boolean on) {
        return new SuiteSettings(on, scenarios, walkTimeout, pagedWalks, parallelWalks);
    }

    /** Whether a walk of {@code scenarioId} runs under the {@value #SCENARIOS} filter. */
    public boolean includes(String scenarioId) {
        if (scenarios.isEmpty()) {
            return true;
        }
        for (String p : scenarios) {
            String regex = Arrays.stream(p.split("\\*", -1)).map(Pattern::quote).reduce((a, b) -> a + ".*" + b).orElse("");
            if (scenarioId.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    private static Duration duration(String s) {
        String t = s.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t);
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
        }
        return Duration.ofSeconds(Long.parseLong(t.replaceFirst("s$", "").trim()));
    }
}
