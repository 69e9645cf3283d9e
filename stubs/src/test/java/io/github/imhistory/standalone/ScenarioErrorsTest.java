package io.github.imhistory.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scenario authoring: every problem with a user's scenario file names the file and a non-empty JSON pointer, "/" for
 * the root, whether the schema finds it, the typed reading does or loading the dataset does.
 */
class ScenarioErrorsTest {
    /** A pointer as a message shows it: "/" alone or "/segment/..." followed by a colon. */
    static final Pattern POINTER = Pattern.compile("(^|\\s)/[^\\s:]*:");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no source (a top-level property)  | {"id":"mine","title":"t","rules":["C2C-PAGE-001"]}                                   | /: required property 'source' not found
            empty rules                       | {"id":"mine","title":"t","source":"s","rules":[]}                                    | /rules:
            not an object                     | ["id"]                                                                               | /: a scenario must be a JSON object
            a rule the catalogue lacks        | {"id":"mine","title":"t","source":"s","rules":["C2C-PAGE-999"]}                       | /rules: rule C2C-PAGE-999 is not in the rule catalogue
            a field of the wrong type, deep   | {"id":"mine","title":"t","source":"s","rules":["C2C-PAGE-001"],"tenant":{"admins":"admin"}} | /tenant/admins:
            """)
    void namesTheFileAndAPointer(String what, String json, String expected, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, json);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ScenarioFolder folder = new ScenarioFolder(dir, new Tenants(EngineSettings.defaults()),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        List<String> problems = folder.loadAll();
        assertThat(problems).as(what).hasSize(1);
        String problem = problems.get(0);
        assertThat(problem).as(what).startsWith(file.toString()).contains(expected);
        assertThat(POINTER.matcher(problem.substring(file.toString().length())).find()).as(problem).isTrue();
        assertThat(problem).as("no empty pointer").doesNotContain("\n  : ").doesNotContain(": : ");
    }
}
