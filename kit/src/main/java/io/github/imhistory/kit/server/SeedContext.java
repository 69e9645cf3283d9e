package io.github.imhistory.kit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Json;
import java.util.Objects;

/**
 * What a {@link Seeder} gets: the target and one scenario, already adapted to the target (its {@code tenant} names the
 * target's sdkappid, the target's identifier as first admin and, when known, the target's secret key).
 *
 * @param scenario a copy of the adapted scenario document (scenario.schema.json)
 */
public record SeedContext(ServerTarget target, String scenarioId, JsonNode scenario) {
    public SeedContext {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(scenarioId, "scenarioId");
        scenario = Objects.requireNonNull(scenario, "scenario").deepCopy();
    }

    @Override
    public JsonNode scenario() {
        return scenario.deepCopy();
    }

    /** The adapted scenario as compact JSON, ready to post. */
    public String scenarioJson() {
        return Json.compact(scenario);
    }
}
