package io.github.imhistory.wiremock;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ClasspathResources;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Scenario;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Bundled scenario files by ID without parsing them all: a scenario's file is named {@code <id>.json}. */
public final class BundledScenarios {
    private static volatile List<String> paths;

    private BundledScenarios() {}

    /** Paths of every bundled scenario (catalogues excluded), sorted by ID. */
    public static List<String> paths() {
        List<String> p = paths;
        if (p == null) {
            paths = p = ClasspathResources.list("scenarios", ".json").stream()
                    .filter(s -> !s.startsWith("scenarios/catalog/"))
                    .sorted(Comparator.comparing(BundledScenarios::idOf)).toList();
        }
        return p;
    }

    public static String idOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.substring(0, name.length() - ".json".length());
    }

    public static Optional<String> pathOf(String id) {
        return paths().stream().filter(p -> idOf(p).equals(id)).findFirst();
    }

    public static JsonNode read(String path) {
        return Json.read(ClasspathResources.open(path), path);
    }

    /** The bundled scenario at {@code path}, read into its types. */
    public static Scenario scenario(String path) {
        return Scenario.of(read(path), path);
    }
}
