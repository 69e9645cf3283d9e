package io.github.imhistory.kit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an im-history stub for the annotated test class: one WireMock server on a free loopback port, and a tenant
 * of its own for every test. Parameters of type {@link ImHistoryEndpoint}, {@link StubTraffic}, {@link StubTenant}
 * and {@link TenantLoader} are injected.
 *
 * <pre>
 * &#64;ImHistoryStub(scenarios = "c2c-doc-two-pages")
 * class MyClientTest {
 *     &#64;Test
 *     void pullsTheWindow(ImHistoryEndpoint endpoint, StubTraffic traffic) { ... }
 * }
 * </pre>
 *
 * The programmatic equivalent is {@code @RegisterExtension static ImHistoryStubExtension stub =
 * ImHistoryStubExtension.builder().scenarios("c2c-doc-two-pages").build();}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ImHistoryStubExtension.class)
public @interface ImHistoryStub {
    /**
     * The scenario each test's tenant holds: bundled IDs, classpath resources or file paths. Several give each test
     * one tenant per scenario; injected parameters refer to the first unless annotated with
     * {@link ImHistoryScenario}. A method's {@link ImHistoryScenario} replaces this list. None: an empty tenant.
     */
    String[] scenarios() default {};

    /** Whether the stub checks UserSigs; {@link Switch#SCENARIO} leaves it to each scenario (default on). */
    Switch verifyUserSig() default Switch.SCENARIO;

    /** Whether the stub enforces 200 requests per second (COM-RATE-002); SCENARIO leaves it to each scenario. */
    Switch rateLimit() default Switch.SCENARIO;

    /** How many requests each tenant's journal keeps (the oldest are dropped beyond it). */
    int journalSize() default ImHistoryStubExtension.DEFAULT_JOURNAL_SIZE;

    /** A setting the stub can take from each scenario or force on or off. */
    enum Switch {
        SCENARIO, ON, OFF
    }
}
