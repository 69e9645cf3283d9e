package io.github.imhistory.wiremock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ContractSchemas;
import io.github.imhistory.contract.Json;
import io.github.imhistory.robustness.RunningStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document is derived from schemas/ and never stale: the packaged copy is what the schemas give now, and a
 * schema changed without regenerating makes this test fail. Its references resolve, its examples are valid requests,
 * and every admin operation it documents is answered by the admin API with the documented status.
 */
class OpenApiDocumentTest {
    static final String REGENERATE = "mvn -B -ntp -q -pl stubs process-classes";

    /** The repository's schemas/ folder: {@code imhistory.repoRoot} (set by the parent pom), else ../schemas. */
    static Path schemas() {
        String root = System.getProperty("imhistory.repoRoot");
        Path dir = root != null && !root.isBlank() ? Path.of(root, "schemas") : Path.of("..", "schemas");
        return Files.isDirectory(dir) ? dir : Path.of("..", "schemas");
    }

    static JsonNode packaged() {
        return Json.parseStrict(OpenApiDocument.packaged(), OpenApiDocument.RESOURCE);
    }

    /** Empty when the packaged document is what {@code schemasDir} gives; else what differs and how to fix it. */
    static Optional<String> staleness(Path schemasDir) throws IOException {
        JsonNode packaged = packaged();
        ObjectNode fresh = OpenApiDocument.generate(schemasDir, packaged.path("info").path("version").asText());
        if ((Json.pretty(fresh) + "\n").equals(OpenApiDocument.packaged())) { // as the build writes it, byte for byte
            return Optional.empty();
        }
        List<String> differing = new ArrayList<>();
        fresh.path("components").path("schemas").fields().forEachRemaining(e -> {
            if (!Json.compact(e.getValue()).equals(Json.compact(packaged.path("components").path("schemas").path(e.getKey())))) {
                differing.add(e.getKey());
            }
        });
        return Optional.of(OpenApiDocument.RESOURCE + " is stale: it differs from what " + schemasDir + " gives"
                + (differing.isEmpty() ? "" : " in components " + differing) + "; regenerate it with " + REGENERATE);
    }

    @Test
    void thePackagedDocumentIsWhatTheSchemasGiveNow() throws IOException {
        assertThat(staleness(schemas())).isEmpty();
    }

    @Test
    void aSchemaChangedWithoutRegeneratingFailsTheCheck(@TempDir Path copy) throws IOException {
        try (Stream<Path> files = Files.list(schemas())) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path request = copy.resolve("admin_getroammsg.request.schema.json");
        Files.writeString(request, Files.readString(request).replace("\"MaxCnt\", \"MinTime\", \"MaxTime\"", "\"MaxCnt\", \"MinTime\""));
        assertThat(staleness(copy)).hasValueSatisfying(m -> assertThat(m).contains("is stale", "AdminGetroammsgRequest", REGENERATE));
    }

    @Test
    void everyReferenceResolvesAndEveryExampleIsAValidRequest() {
        JsonNode doc = packaged();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        Matcher refs = Pattern.compile("\"\\$ref\" : \"#/components/(\\w+)/([^\"]+)\"").matcher(Json.pretty(doc));
        int n = 0;
        while (refs.find()) {
            assertThat(doc.path("components").path(refs.group(1)).has(refs.group(2))).as(refs.group()).isTrue();
            n++;
        }
        assertThat(n).isGreaterThan(100);
        for (Api api : Api.values()) {
            JsonNode example = doc.path("paths").path(api.path()).path("post").path("requestBody").path("content")
                    .path("application/json").path("examples").path("demo").path("value");
            assertThat(example.isObject()).as(api.command()).isTrue();
            assertThat(ContractSchemas.shared().validate(api.command() + ".request.schema.json", example)).as(api.command()).isEmpty();
            assertThat(doc.path("paths").path(api.path()).path("post").path("description").asText())
                    .contains(ScenarioSummary.WALK_ENDS.get(api));
        }
    }

    @Test
    void everyAdminOperationIsAnsweredWithItsDocumentedStatus() throws Exception {
        try (RunningStub stub = RunningStub.start(8)) {
            String base = stub.base;
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(URI.create(base + "/__imhistory/tenants/1600000100/scenario/c2c-doc-two-pages"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            List<String> checked = new ArrayList<>();
            // DELETE last, so the tenant the others use is still there
            List<java.util.Map.Entry<String, JsonNode>> paths = new ArrayList<>();
            packaged().path("paths").fields().forEachRemaining(paths::add);
            for (String pass : List.of("others", "delete")) {
                for (var p : paths) {
                    if (!p.getKey().startsWith(ImHistoryExtension.ADMIN_PREFIX)) {
                        continue;
                    }
                    for (var op : (Iterable<java.util.Map.Entry<String, JsonNode>>) p.getValue()::fields) {
                        if (op.getKey().equals("delete") != pass.equals("delete")) {
                            continue;
                        }
                        String url = base + p.getKey().replace("{sdkappid}", "1600000100").replace("{id}", "c2c-doc-two-pages");
                        String body = op.getValue().has("requestBody") ? AdminApiSchemaTest.scenario("mine") : null;
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).method(op.getKey().toUpperCase(),
                                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        String success = op.getValue().path("responses").fieldNames().next();
                        assertThat(Integer.toString(r.statusCode())).as(op.getKey() + " " + p.getKey() + ": " + r.body()).isEqualTo(success);
                        checked.add(op.getKey() + " " + p.getKey());
                    }
                }
            }
            assertThat(checked).hasSize(13);
        }
    }
}
