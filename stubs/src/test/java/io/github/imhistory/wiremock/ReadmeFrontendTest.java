package io.github.imhistory.wiremock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What the README tells frontend developers stays true: it lists every field scenario.schema.json requires, and its
 * quick start says when each API's walk ends in the very words the stub's scenario summaries use.
 */
class ReadmeFrontendTest {
    static Path repoRoot() {
        String root = System.getProperty("imhistory.repoRoot");
        return root != null && !root.isBlank() && Files.isRegularFile(Path.of(root, "README.md")) ? Path.of(root) : Path.of("..");
    }

    static String readme() throws IOException {
        return Files.readString(repoRoot().resolve("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void theReadmeListsEveryRequiredFieldOfAScenario() throws IOException {
        String doc = readme();
        int start = doc.indexOf("**Required fields**");
        assertThat(start).as("README has a **Required fields** list under Scenario format").isPositive();
        String list = doc.substring(start, doc.indexOf("\n\n", doc.indexOf("\n- ", start) + 1));
        JsonNode schema = Json.parseStrict(Files.readString(repoRoot().resolve("schemas/scenario.schema.json")), "scenario.schema.json");
        Set<String> required = new TreeSet<>();
        collect(schema, required);
        assertThat(required).contains("id", "title", "source", "rules", "MsgSeq", "Official_Account");
        for (String field : required) {
            assertThat(list).as("the README's required fields name `%s`", field).contains("`" + field + "`");
        }
    }

    /** Every name some {@code required} lists, except under {@code not} (which forbids a combination). */
    private static void collect(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("required") && f.getValue().isArray()) {
                    f.getValue().forEach(n -> into.add(n.asText()));
                } else if (!f.getKey().equals("not")) {
                    collect(f.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        }
    }

    @Test
    void theQuickStartSaysWhenEachWalkEnds() throws IOException {
        String doc = readme();
        for (Api api : Api.values()) {
            assertThat(doc).as("README: when the %s walk ends", api.command())
                    .contains("| `" + api.command() + "` | " + ScenarioSummary.WALK_ENDS.get(api) + " |");
        }
    }
}
