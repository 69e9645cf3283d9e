package io.github.imhistory.kit.client;

import io.github.imhistory.kit.junit.ImHistoryEndpoint;
import java.lang.reflect.Constructor;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * The packaged suite around one of {@link BrokenClients}, named by the configuration parameter {@value #CLIENT}.
 * Only {@link BrokenClientsTest} runs it (through the launcher); found by a build's own test run it is disabled.
 */
@ExtendWith(BrokenClientSuite.Select.class)
class BrokenClientSuite extends ClientConformanceSuite {
    static final String CLIENT = "imhistory.test.brokenClient";

    /** An adapter that pulls whole histories only, yet claims every capability (pullPage left unimplemented). */
    static final String WITHOUT_PULL_PAGE = "AdapterWithoutPullPage";

    private Constructor<? extends ReferenceClient> client;

    @Override
    protected ImHistoryClientAdapter createAdapter() {
        if (client == null) {
            ReferenceAdapter whole = new ReferenceAdapter();
            return new ImHistoryClientAdapter() {
                @Override
                public java.util.List<com.fasterxml.jackson.databind.JsonNode> pullC2c(ImHistoryEndpoint e, C2cPull p)
                        throws Exception {
                    return whole.pullC2c(e, p);
                }

                @Override
                public java.util.List<com.fasterxml.jackson.databind.JsonNode> pullGroup(ImHistoryEndpoint e, GroupPull p)
                        throws Exception {
                    return whole.pullGroup(e, p);
                }

                @Override
                public java.util.List<com.fasterxml.jackson.databind.JsonNode> pullOfficialAccount(ImHistoryEndpoint e,
                        OfficialAccountPull p) throws Exception {
                    return whole.pullOfficialAccount(e, p);
                }

                @Override
                public Support supports(Capability capability) {
                    return Support.yes();
                }
            };
        }
        return new ReferenceAdapter(endpoint -> {
            try {
                return client.newInstance(endpoint);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Enables the suite only when a broken client is named, and hands it the client. */
    static final class Select implements ExecutionCondition, TestInstancePostProcessor {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<String> name = context.getConfigurationParameter(CLIENT);
            return name.isPresent() ? ConditionEvaluationResult.enabled("broken client " + name.get())
                    : ConditionEvaluationResult.disabled("runs only from BrokenClientsTest, which names a broken client in " + CLIENT);
        }

        @Override
        public void postProcessTestInstance(Object instance, ExtensionContext context) throws Exception {
            String name = context.getConfigurationParameter(CLIENT).orElseThrow();
            if (name.equals(WITHOUT_PULL_PAGE)) {
                return;
            }
            Class<?> type = Class.forName(BrokenClients.class.getName() + "$" + name);
            ((BrokenClientSuite) instance).client = type.asSubclass(ReferenceClient.class).getDeclaredConstructor(ImHistoryEndpoint.class);
        }
    }
}
