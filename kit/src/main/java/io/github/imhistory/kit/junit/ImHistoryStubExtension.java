package io.github.imhistory.kit.junit;

import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts one im-history stub per test class (a WireMock server on a free loopback port, stopped when the class is
 * done) and gives each test a tenant of its own, loaded with the test's scenario. Injects {@link ImHistoryEndpoint},
 * {@link StubTraffic}, {@link StubTenant} (the test's tenant, or with {@link ImHistoryScenario} on the parameter the
 * tenant of that scenario) and {@link TenantLoader} (the stub, for more tenants).
 *
 * <p>Two ways to use it: {@link ImHistoryStub} on the class, or
 * <pre>
 * &#64;RegisterExtension
 * static ImHistoryStubExtension stub = ImHistoryStubExtension.builder().scenarios("c2c-doc-two-pages").build();
 * </pre>
 * Parameters resolved in {@code @BeforeAll} get a tenant shared by the class.
 */
public final class ImHistoryStubExtension implements BeforeAllCallback, ParameterResolver {
    public static final int DEFAULT_JOURNAL_SIZE = 10_000;
    private static final Namespace NAMESPACE = Namespace.create(ImHistoryStubExtension.class);
    private static final String SERVER = "server";
    private static final String TENANTS = "tenants";
    private static final Set<Class<?>> INJECTED = Set.of(ImHistoryEndpoint.class, StubTraffic.class, StubTenant.class,
            TenantLoader.class);

    /** Null when the settings come from {@link ImHistoryStub} on the test class. */
    private final StubSettings configured;

    /** For {@link ImHistoryStub} and {@code @ExtendWith}: settings from the annotation on the test class. */
    public ImHistoryStubExtension() {
        this(null);
    }

    private ImHistoryStubExtension(StubSettings configured) {
        this.configured = configured;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The stub of the test class {@code context} belongs to, started on first use with the settings of
     * {@link ImHistoryStub} on the class (or defaults). For extensions and suites built on this one.
     */
    public static TenantLoader stub(ExtensionContext context) {
        return new ImHistoryStubExtension().server(context);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == TenantLoader.class) {
            return server(context);
        }
        StubTenant tenant = tenant(context, scenarioOf(parameter.getParameter(), context));
        if (type == ImHistoryEndpoint.class) {
            return tenant.endpoint();
        }
        if (type == StubTraffic.class) {
            return tenant.traffic();
        }
        return tenant;
    }

    StubServer server(ExtensionContext context) {
        ExtensionContext owner = classContext(context);
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(SERVER, k -> new StubServer(settings(owner)), StubServer.class);
    }

    private StubSettings settings(ExtensionContext classContext) {
        if (configured != null) {
            return configured;
        }
        return annotation(classContext).map(StubSettings::of).orElseGet(StubSettings::defaults);
    }

    private static Optional<ImHistoryStub> annotation(ExtensionContext context) {
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<ImHistoryStub> a = AnnotationSupport.findAnnotation(c, ImHistoryStub.class);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    /** The scenario a parameter's tenant holds: its own annotation, else the method's or the class's first. */
    private String scenarioOf(Parameter parameter, ExtensionContext context) {
        Optional<ImHistoryScenario> own = AnnotationSupport.findAnnotation(parameter, ImHistoryScenario.class);
        if (own.isPresent()) {
            if (own.get().value().length != 1) {
                throw new ParameterResolutionException("@ImHistoryScenario on parameter " + parameter.getName()
                        + " must name exactly one scenario");
            }
            return own.get().value()[0];
        }
        List<String> scenarios = scenarios(context);
        return scenarios.isEmpty() ? Scenarios.EMPTY : scenarios.get(0);
    }

    private List<String> scenarios(ExtensionContext context) {
        Optional<ImHistoryScenario> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, ImHistoryScenario.class));
        if (onMethod.isPresent()) {
            return Arrays.asList(onMethod.get().value());
        }
        return settings(classContext(context)).scenarios();
    }

    /** The test's tenant for {@code scenario}, loaded on first use and removed when the test is done. */
    private StubTenant tenant(ExtensionContext context, String scenario) {
        StubServer server = server(context);
        TestTenants tenants = context.getStore(NAMESPACE).getOrComputeIfAbsent(TENANTS, k -> new TestTenants(), TestTenants.class);
        return tenants.get(scenario, server);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** The tenants of one test (or of a class, for {@code @BeforeAll}), closed with it. */
    static final class TestTenants implements AutoCloseable {
        private final Map<String, StubTenant> byScenario = new LinkedHashMap<>();

        synchronized StubTenant get(String scenario, StubServer server) {
            return byScenario.computeIfAbsent(scenario, server::load);
        }

        @Override
        public synchronized void close() {
            new ArrayList<>(byScenario.values()).forEach(StubTenant::close);
            byScenario.clear();
        }
    }

    /** Settings for {@code @RegisterExtension}. */
    public static final class Builder {
        private final List<String> scenarios = new ArrayList<>();
        private Optional<Boolean> verifyUserSig = Optional.empty();
        private Optional<Boolean> rateLimit = Optional.empty();
        private int journalSize = DEFAULT_JOURNAL_SIZE;

        private Builder() {}

        /** What each test's tenant holds: bundled IDs, classpath resources or file paths (see {@link ImHistoryStub}). */
        public Builder scenarios(String... ids) {
            scenarios.addAll(Arrays.asList(ids));
            return this;
        }

        /** Forces UserSig checking on or off for every tenant (by default each scenario decides, default on). */
        public Builder verifyUserSig(boolean on) {
            this.verifyUserSig = Optional.of(on);
            return this;
        }

        /** Forces the 200 requests per second limit on or off for every tenant. */
        public Builder rateLimit(boolean on) {
            this.rateLimit = Optional.of(on);
            return this;
        }

        /** How many requests each tenant's journal keeps. */
        public Builder journalSize(int size) {
            this.journalSize = size;
            return this;
        }

        public ImHistoryStubExtension build() {
            return new ImHistoryStubExtension(new StubSettings(scenarios, verifyUserSig, rateLimit, journalSize));
        }
    }
}
