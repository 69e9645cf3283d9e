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

    /**
     * A scenario from outside (a user's file, a posted document): validated against the schema, then read into its
     * types. Every message names {@code where} and a JSON pointer ({@code /} for the root).
     */
    public Scenario read(JsonNode scenario, String where) {
        if (scenario == null || !scenario.isObject()) {
            throw new ContractException(where + ": /: a scenario must be a JSON object");
        }
        requireValid(scenario, where);
        try {
            return Scenario.of(scenario, where);
        } catch (ContractException e) {
            throw named(where, e);
        }
    }

    /** {@code e} with {@code where} in front of its message, unless it names it already (loading a tenant does not). */
    public static ContractException named(String where, ContractException e) {
        return e.getMessage() != null && e.getMessage().startsWith(where) ? e
                : new ContractException(where + ": " + e.getMessage(), e);
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
