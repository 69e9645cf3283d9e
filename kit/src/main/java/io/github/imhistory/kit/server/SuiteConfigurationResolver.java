package io.github.imhistory.kit.server;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Hands the JUnit configuration parameters to {@link ServerConformanceSuite}'s test factory. */
final class SuiteConfigurationResolver implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SuiteConfiguration.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SuiteConfiguration.of(context::getConfigurationParameter);
    }
}
