package io.github.imhistory.kit.client;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;

/** Injects {@link SuiteSettings} read from the JUnit configuration. */
final class SuiteSettingsResolver extends TypeBasedParameterResolver<SuiteSettings> {
    @Override
    public SuiteSettings resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SuiteSettings.from(context::getConfigurationParameter);
    }
}
