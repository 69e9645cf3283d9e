package io.github.imhistory.npm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI document passes Redocly's lint (stubs/npm/redocly.yaml) with no error and no warning. */
class OpenApiLintIT {
    @Test
    void theOpenApiDocumentLintsClean() throws Exception {
        NodeTools.require();
        Path npm = NodeTools.npmDir().toAbsolutePath();
        Path document = Path.of(System.getProperty("imhistory.npmPackage")).toAbsolutePath().getParent().getParent()
                .resolve("classes/imhistory/openapi/openapi.json");
        NodeTools.Result r = NodeTools.run(npm, Map.of(), "node", npm.resolve("node_modules/@redocly/cli/bin/cli.js").toString(),
                "lint", "--config", npm.resolve("redocly.yaml").toString(), "--format", "summary", document.toString());
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).as(r.output()).contains("Your API description is valid").doesNotContainPattern("(?m)^(error|warning) ");
    }
}
