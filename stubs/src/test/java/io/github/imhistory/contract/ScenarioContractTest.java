package io.github.imhistory.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The bundled contract against its own schemas: every scenario file against scenario.schema.json, the catalogues
 * against theirs, every expected answer against its API's answer schema (or the error schema), and every walk's first
 * request, which is what a correct client sends, against the API's request schema.
 */
class ScenarioContractTest {
    private final ContractSchemas schemas = ContractSchemas.shared();

    @Test
    void cataloguesValidateAgainstTheirSchemas() {
        assertThat(schemas.validate("rule-catalog.schema.json",
                Json.read(ClasspathResources.open(RuleCatalog.PATH), RuleCatalog.PATH))).isEmpty();
        assertThat(schemas.validate("error-catalog.schema.json",
                Json.read(ClasspathResources.open(ErrorCatalog.PATH), ErrorCatalog.PATH))).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioFitsTheSchemas() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ScenarioIndex.Entry e : ScenarioIndex.bundled().all()) {
            tests.add(DynamicTest.dynamicTest(e.path(), () -> {
                JsonNode s = e.json();
                List<String> problems = new ArrayList<>(ScenarioValidator.shared().problems(s));
                for (JsonNode exchange : s.path("exchanges")) {
                    JsonNode expected = exchange.path("expect").path("response");
                    if (!"exact".equals(exchange.path("expect").path("match").asText("exact"))) {
                        continue; // a subset is not a whole answer
                    }
                    String file = "OK".equals(expected.path("ActionStatus").asText())
                            ? exchange.path("api").asText() + ".response.schema.json" : "error-response.schema.json";
                    schemas.validate(file, expected).forEach(v -> problems.add(exchange.path("name").asText() + " answer vs " + file + ": " + v));
                }
                for (JsonNode walk : s.path("walks")) {
                    if (walk.path("body").has("Operator_Account") && walk.path("body").has("From_Account")) {
                        continue; // tests the server's leniency (C2C-REQ-002) with a body no correct client sends (C2C-REQ-003)
                    }
                    String file = walk.path("api").asText() + ".request.schema.json";
                    schemas.validate(file, walk.path("body")).forEach(v -> problems.add(walk.path("name").asText() + " request vs " + file + ": " + v));
                }
                assertThat(problems).as(e.path()).isEmpty();
            }));
        }
        return tests.stream();
    }
}
