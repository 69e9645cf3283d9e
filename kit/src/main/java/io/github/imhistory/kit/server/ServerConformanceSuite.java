package io.github.imhistory.kit.server;

import java.time.Clock;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The server conformance suite, TCK style: subclass it in your test sources and say where your server is.
 *
 * <pre>{@code
 * class MyServerConformanceTest extends ServerConformanceSuite {
 *     @Override
 *     protected ServerTarget target() {
 *         return ServerTarget.of("http://127.0.0.1:8080", 1400000000L, "admin", System.getenv("IM_SECRET_KEY"));
 *     }
 *
 *     @Override
 *     protected Seeder seeder() {          // optional; default: imhistory.seed, else the stub's admin API
 *         return Seeder.none("c2c-doc-two-pages");
 *     }
 * }
 * }</pre>
 *
 * <p>For every bundled scenario that exercises a server-binding rule of {@code scenarios/catalog/rules.json}, the
 * suite seeds the scenario, replays its exchanges and walks every paging sequence to the end, sending each request
 * both to the server and to the engine holding the same data (the oracle), and judges every answer. It reports one
 * test per rule and scenario, named by rule ID and level, e.g.
 * {@code C2C-PAGE-008 [MUST, inferred] A continuation returns only… (c2c-equal-timestamps-page-boundary)}:
 * failed when the server breaks the rule there, skipped (with the reason) when the scenario cannot run against this
 * target. A SHOULD rule the server misses is reported as skipped with {@link ShouldNotMet} unless the options are
 * strict.
 *
 * <p>Everything can also come from JUnit configuration parameters ({@link SuiteConfiguration}), which is how
 * {@link ConfiguredServerConformanceTest} runs from the gate and the console launcher. Scenarios are replayed one
 * after the other (they share the target's sdkappid), so the class runs on one thread.
 */
@ExtendWith(SuiteConfigurationResolver.class)
@Execution(ExecutionMode.SAME_THREAD)
public abstract class ServerConformanceSuite {
    private SuiteConfiguration configuration = SuiteConfiguration.empty();

    /** The server under test. */
    protected abstract ServerTarget target();

    /** How scenarios get into the server; default: {@value SuiteConfiguration#SEED} ({@code stub-admin} if unset). */
    protected Seeder seeder() {
        return configuration.seeder();
    }

    /** Rules, scenarios and strictness; default: from the configuration parameters. */
    protected SuiteOptions options() {
        return configuration.options();
    }

    /** The JUnit configuration parameters of this run (available while the suite builds its tests). */
    protected final SuiteConfiguration configuration() {
        return configuration;
    }

    @TestFactory
    @DisplayName("im-history server conformance")
    public final Stream<DynamicNode> serverConformance(SuiteConfiguration configuration, TestReporter reporter) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        ServerTarget target = Objects.requireNonNull(target(), "target() returned null");
        Seeder seeder = Objects.requireNonNull(seeder(), "seeder() returned null");
        SuiteOptions options = Objects.requireNonNull(options(), "options() returned null");
        return ServerSuite.prepare(target, seeder, options, oracleClock()).nodes(reporter::publishEntry);
    }

    /** The oracle engine's clock; only the kit's own tests give another (one that fails, to prove kit errors). */
    Clock oracleClock() {
        return Clock.systemUTC();
    }
}
