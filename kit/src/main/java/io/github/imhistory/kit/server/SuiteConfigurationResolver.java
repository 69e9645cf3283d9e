package io.github.imhistory.kit.server;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;

/** Hands the JUnit configuration parameters to {@link ServerConformanceSuite}'s test factory. */
final class SuiteConfigurationResolver extends TypeBasedParameterResolver<SuiteConfiguration> {
    @Override
    public SuiteConfiguration resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SuiteConfiguration.of(context::getConfigurationParameter);
    }
}
