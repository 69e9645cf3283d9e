package io.github.imhistory.kit.server;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs {@link ConfiguredServerConformanceTest} through the JUnit Platform Launcher, as the gate does, and keeps every
 * test's display name and result (test support).
 */
final class SuiteRun {
    record Result(String name, TestExecutionResult.Status status, Throwable throwable, boolean test) {
        Optional<RuleTestName> rule() {
            return RuleTestName.parse(name);
        }

        String message() {
            return throwable == null ? "" : String.valueOf(throwable.getMessage());
        }
    }

    final List<Result> results = new ArrayList<>();
    final Map<String, Long> containerMillis = new LinkedHashMap<>();
    long millis;

    static SuiteRun against(ServerTarget target, Map<String, String> extra) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(SuiteConfiguration.BASE_URL, target.baseUrl());
        config.put(SuiteConfiguration.SDKAPPID, Long.toString(target.sdkappid()));
        config.put(SuiteConfiguration.IDENTIFIER, target.identifier());
        config.put(SuiteConfiguration.SECRET_KEY, target.secretKey().orElseThrow());
        config.putAll(extra);
        return run(config);
    }

    /** The suite subclassed with {@code target} (which may carry a UserSig supplier) and the other settings from {@code config}. */
    static SuiteRun run(ServerTarget target, Map<String, String> config) {
        ProgrammaticSuite.target = target;
        try {
            return run(ProgrammaticSuite.class, config);
        } finally {
            ProgrammaticSuite.target = null;
        }
    }

    /** A subclass as users write one; the target is set by {@link #run(ServerTarget, Map)} (skipped otherwise). */
    @EnabledIf("configured")
    static class ProgrammaticSuite extends ServerConformanceSuite {
        static volatile ServerTarget target;

        static boolean configured() {
            return target != null;
        }

        @Override
        protected ServerTarget target() {
            return target;
        }
    }

    static SuiteRun run(Map<String, String> config) {
        return run(ConfiguredServerConformanceTest.class, config);
    }

    static SuiteRun run(Class<?> suite, Map<String, String> config) {
        SuiteRun run = new SuiteRun();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(suite))
                .configurationParameters(config)
                .enableImplicitConfigurationParameters(false)
                .build();
        Map<String, Long> started = new LinkedHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                run.results.add(new Result(id.getDisplayName(), result.getStatus(), result.getThrowable().orElse(null),
                        id.isTest()));
                if (id.isContainer()) {
                    run.containerMillis.put(id.getDisplayName(), (System.nanoTime() - started.get(id.getUniqueId())) / 1_000_000);
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                run.results.add(new Result(id.getDisplayName(), TestExecutionResult.Status.ABORTED, null, id.isTest()));
            }
        };
        long start = System.nanoTime();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(request, listener);
        }
        run.millis = (System.nanoTime() - start) / 1_000_000;
        return run;
    }

    List<Result> tests() {
        return results.stream().filter(Result::test).toList();
    }

    List<Result> failed() {
        return results.stream().filter(r -> r.status() == TestExecutionResult.Status.FAILED).toList();
    }

    /** Rule IDs of the failed tests. */
    TreeSet<String> failedRules() {
        TreeSet<String> out = new TreeSet<>();
        failed().forEach(r -> r.rule().ifPresent(n -> out.add(n.ruleId())));
        return out;
    }

    TreeSet<String> passedRules() {
        TreeSet<String> out = new TreeSet<>();
        tests().stream().filter(r -> r.status() == TestExecutionResult.Status.SUCCESSFUL)
                .forEach(r -> r.rule().ifPresent(n -> out.add(n.ruleId())));
        return out;
    }

    String failureReport() {
        StringBuilder s = new StringBuilder();
        failed().forEach(r -> s.append("\n* ").append(r.name()).append("\n  ").append(r.message().replace("\n", "\n  ")));
        return s.toString();
    }
}
