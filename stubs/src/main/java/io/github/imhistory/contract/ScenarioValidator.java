package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/** Validates scenario files against scenario.schema.json before anything loads them; messages name the JSON pointer. */
public final class ScenarioValidator {
    private static final ScenarioValidator SHARED = new ScenarioValidator(ContractSchemas.shared());
    private final ContractSchemas schemas;

    ScenarioValidator(ContractSchemas schemas) {
        this.schemas = schemas;
    }

    public static ScenarioValidator shared() {
        return SHARED;
    }

    /** Each violation as "pointer: message". */
    public List<String> problems(JsonNode scenario) {
        return schemas.validate("scenario.schema.json", scenario).stream().map(Object::toString).toList();
    }

    /** Throws a {@link ContractException} naming {@code where} and every violation. */
    public void requireValid(JsonNode scenario, String where) {
        List<String> problems = problems(scenario);
        if (!problems.isEmpty()) {
            throw new ContractException(where + " is not a valid scenario (schemas/scenario.schema.json):\n  "
                    + problems.stream().limit(20).collect(Collectors.joining("\n  ")));
        }
    }
}
