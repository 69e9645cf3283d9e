package io.github.imhistory.kit.junit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ContractException;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.ScenarioIndex;
import io.github.imhistory.contract.ScenarioValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a scenario by bundled ID, classpath resource or file path, in that order. */
final class Scenarios {
    /** What a test without scenarios gets: a tenant with no history. */
    static final String EMPTY = "";

    private Scenarios() {}

    static JsonNode resolve(String name) {
        if (name.isEmpty()) {
            JsonNode empty = Json.object().put("id", "empty").put("title", "an empty tenant")
                    .put("source", "im-history kit").set("rules", Json.NODES.arrayNode());
            return empty;
        }
        Optional<ScenarioIndex.Entry> bundled = ScenarioIndex.bundled().find(name);
        if (bundled.isPresent()) {
            return bundled.get().json();
        }
        JsonNode scenario = null;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = (loader == null ? Scenarios.class.getClassLoader() : loader).getResourceAsStream(name.replaceFirst("^/", ""));
        if (in != null) {
            scenario = Json.read(in, "classpath:" + name);
        } else if (Files.isRegularFile(Path.of(name))) {
            try {
                scenario = Json.read(Files.newInputStream(Path.of(name)), name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (scenario == null) {
            throw new ContractException("no bundled scenario, classpath resource or file named \"" + name
                    + "\" (bundled: " + ScenarioIndex.bundled().ids() + ")");
        }
        ScenarioValidator.shared().requireValid(scenario, name);
        return scenario;
    }
}
