package io.github.imhistory.kit.server;

/**
 * The server suite configured entirely by JUnit configuration parameters (see {@link SuiteConfiguration}): what the
 * gate runs, and what the console launcher runs with
 * {@code --select-class io.github.imhistory.kit.server.ConfiguredServerConformanceTest --config imhistory.baseUrl=...}.
 * Without {@value SuiteConfiguration#BASE_URL} it fails, saying which parameters to set.
 */
public class ConfiguredServerConformanceTest extends ServerConformanceSuite {

    @Override
    protected ServerTarget target() {
        return configuration().target().orElseThrow(() -> new IllegalStateException("the server suite has no target: set "
                + SuiteConfiguration.BASE_URL + ", " + SuiteConfiguration.SDKAPPID + ", " + SuiteConfiguration.IDENTIFIER
                + " and " + SuiteConfiguration.SECRET_KEY + " (JUnit configuration parameters, e.g. --config key=value)"));
    }
}
