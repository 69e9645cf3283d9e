package io.github.imhistory.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.ContractSchemas.SchemaFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schemas of the contract: they compile, accept the documented examples and reject what they should. */
class SchemaTest {
    private static final ContractSchemas SCHEMAS = ContractSchemas.shared();

    // ---------------------------------------------------------------- compilation and hygiene

    static List<String> packagedSchemaFiles() {
        List<String> files = ClasspathResources.list("schemas", ".schema.json").stream()
                .map(p -> p.substring("schemas/".length()))
                .toList();
        assertThat(files).as("packaged schemas").isNotEmpty();
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packagedSchemaFiles")
    void everyPackagedSchemaCompilesUnderDraft202012(String file) {
        // Compiling resolves every $ref eagerly (a broken one throws here); validating proves the schema is usable.
        assertThat(SCHEMAS.validate(file, Json.object())).isNotNull();
        JsonNode raw = Json.read(ClasspathResources.open("schemas/" + file), file);
        assertThat(raw.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(raw.path("$id").asText()).isEqualTo(ContractSchemas.ID_PREFIX + file);
        assertThat(raw.path("title").asText()).as("title of " + file).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packagedSchemaFiles")
    void everySchemaUsesOnlyDraft202012Keywords(String file) {
        JsonNode raw = Json.read(ClasspathResources.open("schemas/" + file), file);
        List<String> unknown = new ArrayList<>();
        Draft202012Keywords.walk(raw, "", unknown);
        assertThat(unknown).as("keywords outside the 2020-12 vocabularies (typo or validator-specific) in " + file)
                .isEmpty();
    }

    @Test
    void schemaFileEnumNamesExactlyThePackagedFiles() {
        assertThat(Arrays.stream(SchemaFile.values()).map(SchemaFile::fileName))
                .containsExactlyInAnyOrderElementsOf(packagedSchemaFiles());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing-file.schema.json", "missing-def.schema.json"})
    void aBrokenRefFailsAtCompilation(String fixture) {
        ContractSchemas fixtures = ContractSchemas.over("schema-cases/broken/");
        assertThatThrownBy(() -> fixtures.schema(fixture))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining(fixture);
    }

    @Test
    void theDefsOtherSchemasReferenceExist() {
        // scenario.schema.json and the catalogue schemas depend on exactly these two.
        assertThat(SCHEMAS.validate(SchemaFile.COMMON.def("uint32"), Json.NODES.numberNode(4294967295L))).isEmpty();
        assertThat(SCHEMAS.validate(SchemaFile.COMMON.def("uint32"), Json.NODES.numberNode(4294967296L)))
                .extracting(Violation::keyword).containsExactly("maximum");
        assertThat(SCHEMAS.validate(SchemaFile.MSG_BODY.def("historyBody"), Json.NODES.arrayNode())).isEmpty();
    }

    @Test
    void schemasAreCompiledOnceAndSharedSafelyAcrossThreads() {
        assertThat(SCHEMAS.schema(SchemaFile.MSG_BODY)).isSameAs(SCHEMAS.schema("msg-body.schema.json"));
        JsonNode bad = json("{\"MsgBody\": []}");
        List<List<Violation>> results = IntStream.range(0, 64).parallel()
                .mapToObj(i -> SCHEMAS.validate(SchemaFile.MSG_BODY.def("message"), bad))
                .toList();
        assertThat(results).allSatisfy(v -> assertThat(v).containsExactlyElementsOf(results.get(0)));
    }

    // ---------------------------------------------------------------- messages

    @Test
    void messagesComeFromThePrivateCopyOfTheNetworkntBundle() {
        assertThat(getClass().getClassLoader().getResource(ContractSchemas.MESSAGE_BUNDLE + ".properties"))
                .as("bundle unpacked by maven-dependency-plugin").isNotNull();
        // 2.0.8's template; the 1.5.9 copy inside wiremock-standalone would render "{0}: must have at least ...".
        assertThat(SCHEMAS.validate(SchemaFile.MSG_BODY.def("message"), json("{\"MsgBody\": []}")))
                .extracting(Violation::toString)
                .containsExactly("/MsgBody: must have at least 1 items but found 0");
    }

    // ---------------------------------------------------------------- documented examples

    /**
     * Every example body of the five seeds, repaired to valid JSON. The _repair note says what was changed; the
     * JSON files themselves are the doc text with only those edits.
     */
    static Stream<Arguments> docExamples() {
        String none = "none: valid JSON as printed";
        String c2cPage = "removed the // comment after MsgCnt; dropped the { ... } placeholder item (and its comma and comment)";
        String comments = "removed the // comments";
        return Stream.of(
                example("000-request-example.json", SchemaFile.ADMIN_GETROAMMSG_REQUEST, none),
                example("000-response-example.json", SchemaFile.ADMIN_GETROAMMSG_RESPONSE, c2cPage),
                example("000-continuation-request-example.json", SchemaFile.ADMIN_GETROAMMSG_REQUEST, none),
                example("000-continuation-response-example.json", SchemaFile.ADMIN_GETROAMMSG_RESPONSE, c2cPage),
                example("000-response-body-normal.json", SchemaFile.ADMIN_GETROAMMSG_RESPONSE, none),
                example("000-response-body-abnormal.json", SchemaFile.ERROR_RESPONSE, none),
                example("001-request-example.json", SchemaFile.ADMIN_GETROAMMSG_REQUEST, none),
                example("001-response-example.json", SchemaFile.ADMIN_GETROAMMSG_RESPONSE, c2cPage),
                example("001-continuation-request-example.json", SchemaFile.ADMIN_GETROAMMSG_REQUEST, none),
                example("001-continuation-response-example.json", SchemaFile.ADMIN_GETROAMMSG_RESPONSE, c2cPage),
                example("001-response-body-normal.json", SchemaFile.ADMIN_GETROAMMSG_RESPONSE,
                        none + " (headed 'Response to a successful recall', errata 15)"),
                example("001-response-body-abnormal.json", SchemaFile.ERROR_RESPONSE, none),
                example("002-request-basic.json", SchemaFile.GROUP_MSG_GET_SIMPLE_REQUEST, comments),
                example("002-request-by-seq.json", SchemaFile.GROUP_MSG_GET_SIMPLE_REQUEST, comments),
                example("002-response-body.json", SchemaFile.GROUP_MSG_GET_SIMPLE_RESPONSE,
                        none + " (Data double-escaped, errata 26)"),
                example("003-request-basic.json", SchemaFile.GROUP_MSG_GET_SIMPLE_REQUEST, comments),
                example("003-request-by-seq.json", SchemaFile.GROUP_MSG_GET_SIMPLE_REQUEST, comments),
                example("003-response-body.json", SchemaFile.GROUP_MSG_GET_SIMPLE_RESPONSE,
                        "removed the trailing comma after \"MsgType\": \"TIMTextElem\" (errata 2)"),
                example("004-request-basic.json", SchemaFile.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE_REQUEST, comments),
                example("004-request-continuation.json", SchemaFile.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE_REQUEST, comments),
                example("004-response-body.json", SchemaFile.OFFICIAL_ACCOUNT_MSG_GET_SIMPLE_RESPONSE,
                        "added the commas missing after \"LastMsgKey\" and after both \"MsgKey\" values (errata 3)"));
    }

    private static Arguments example(String file, SchemaFile schema, String repair) {
        return Arguments.of(file, schema, repair);
    }

    @ParameterizedTest(name = "{0} against {1}")
    @MethodSource("docExamples")
    void documentedExampleIsValid(String file, SchemaFile schema, String _repair) {
        assertThat(SCHEMAS.validate(schema, docExample(file))).as(file + " (repair: " + _repair + ")").isEmpty();
    }

    @Test
    void everyDocExampleFileIsInTheTable() {
        Set<String> inTable = new TreeSet<>();
        docExamples().forEach(a -> inTable.add((String) a.get()[0]));
        assertThat(listTestResources("doc-examples")).containsExactlyInAnyOrderElementsOf(inTable);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"000-request-example.json", "000-continuation-request-example.json",
            "001-request-example.json", "001-continuation-request-example.json"})
    void theSeedRequestIsValidInTheOperatorPeerRevisionToo(String file) {
        ObjectNode seed = (ObjectNode) docExample(file);
        ObjectNode current = renamed(seed, Map.of("From_Account", "Operator_Account", "To_Account", "Peer_Account"));
        assertThat(current.has("From_Account")).isFalse();
        assertThat(SCHEMAS.validate(SchemaFile.ADMIN_GETROAMMSG_REQUEST, current)).isEmpty();

        ObjectNode both = seed.deepCopy();
        both.setAll(current);
        assertThat(SCHEMAS.validate(SchemaFile.ADMIN_GETROAMMSG_REQUEST, both))
                .as("a body naming both pairs matches neither revision")
                .extracting(Violation::keyword).contains("oneOf");
    }

    @Test
    void theErrorExampleIsAFailureEnvelopeAndNotASuccess() {
        JsonNode error = docExample("000-response-body-abnormal.json");
        assertThat(SCHEMAS.validate(SchemaFile.ENVELOPE, error)).isEmpty();
        assertThat(SCHEMAS.validate(SchemaFile.ADMIN_GETROAMMSG_RESPONSE, error)).isNotEmpty();
        assertThat(SCHEMAS.validate(SchemaFile.ERROR_RESPONSE, docExample("000-response-body-normal.json")))
                .extracting(Violation::pointer).contains("/ActionStatus", "/ErrorCode");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"000-response-body-normal.json", "002-response-body.json", "004-response-body.json"})
    void everySuccessExampleIsAnEnvelopeToo(String file) {
        assertThat(SCHEMAS.validate(SchemaFile.ENVELOPE, docExample(file))).isEmpty();
    }

    // ---------------------------------------------------------------- invalid instances

    static Stream<Arguments> invalidCases() {
        JsonNode table = Json.read(resource("schema-cases/invalid.json"), "schema-cases/invalid.json");
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : table.get("cases")) {
            cases.add(Arguments.of("[" + c.get("rule").asText() + "] " + c.get("name").asText(), c));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidInstanceIsRejectedAtItsPointer(String name, JsonNode c) {
        String pointer = c.get("pointer").asText();
        String keyword = c.get("keyword").asText();
        List<Violation> violations = SCHEMAS.validate(c.get("schema").asText(), c.get("instance"));

        assertThat(violations).as(name).isNotEmpty();
        String mentions = c.path("mentions").asText("");
        // networknt reports the errors of oneOf/anyOf branches flattened into the list (anyOf adds no error of its
        // own), so the expected violation is looked up among all of them by pointer, keyword and named text.
        Violation hit = violations.stream()
                .filter(v -> v.pointer().equals(pointer) && v.keyword().equals(keyword))
                .filter(v -> v.message().contains(mentions))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no " + keyword + " violation at '" + pointer
                        + "'" + (mentions.isEmpty() ? "" : " naming " + mentions) + " among " + violations));
        assertThat(hit.message()).as("the message names the JSON pointer, / for the root")
                .startsWith((pointer.isEmpty() ? "/" : pointer) + ": ");
        if (!keyword.equals("pattern")) { // a pattern message quotes the regex, whose {n} quantifiers look alike
            assertThat(hit.message()).as("no unfilled template argument").doesNotContainPattern("\\{\\d\\}");
        }
    }

    // ---------------------------------------------------------------- history (loose) vs strict

    static Stream<Arguments> looseButNotStrict() {
        return Stream.of(
                Arguments.of("TIMSoundElem from an old SDK, without Url (ref §2)",
                        "{\"MsgType\": \"TIMSoundElem\", \"MsgContent\": {\"UUID\": \"s1\", \"Size\": 2048, \"Second\": 3}}",
                        "historyElement", "element"),
                Arguments.of("unknown MsgType TIMNewFancyElem (ELEM-005)",
                        "{\"MsgType\": \"TIMNewFancyElem\", \"MsgContent\": {\"Anything\": [1, 2]}}",
                        "historyElement", "element"),
                Arguments.of("empty body of a hole (GRP-HOLE-003)", "[]", "historyBody", "body"),
                Arguments.of("object body of a system message (ref §6, errata 27)",
                        "{\"Text\": \"group created\"}", "historyBody", "body"),
                Arguments.of("body with an old TIMSoundElem and an unknown element",
                        "[{\"MsgType\": \"TIMSoundElem\", \"MsgContent\": {\"UUID\": \"s1\"}},"
                                + " {\"MsgType\": \"TIMNewFancyElem\", \"MsgContent\": {}}]",
                        "historyBody", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("looseButNotStrict")
    void historyVariantAcceptsWhatTheStrictVariantRejects(String name, String instance, String history, String strict) {
        JsonNode node = json(instance);
        assertThat(SCHEMAS.validate(SchemaFile.MSG_BODY.def(history), node)).as(history).isEmpty();
        assertThat(SCHEMAS.validate(SchemaFile.MSG_BODY.def(strict), node)).as(strict).isNotEmpty();
    }

    @Test
    void everyStrictElementExampleIsValidInBothVariants() {
        // One complete element of each type: the strict variant must be satisfiable, and history must accept it.
        JsonNode body = json("""
                [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hello world"}},
                 {"MsgType": "TIMLocationElem", "MsgContent": {"Desc": "someinfo", "Latitude": 29.34, "Longitude": 116.77}},
                 {"MsgType": "TIMFaceElem", "MsgContent": {"Index": 1, "Data": "content"}},
                 {"MsgType": "TIMCustomElem", "MsgContent": {"Data": "\\b\\u0001", "Desc": "MIF", "Ext": "", "Sound": ""}},
                 {"MsgType": "TIMSoundElem", "MsgContent": {"Url": "https://example.invalid/s", "UUID": "s", "Size": 1, "Second": 1, "Download_Flag": 2}},
                 {"MsgType": "TIMImageElem", "MsgContent": {"UUID": "i", "ImageFormat": 255, "ImageInfoArray": [
                     {"Type": 1, "Size": 10, "Width": 4, "Height": 3, "URL": "https://example.invalid/o"},
                     {"Type": 3, "Size": 1, "Width": 2, "Height": 1, "URL": "https://example.invalid/t"}]}},
                 {"MsgType": "TIMFileElem", "MsgContent": {"Url": "https://example.invalid/f", "UUID": "f", "FileName": "a.txt", "FileSize": 3, "Download_Flag": 2}},
                 {"MsgType": "TIMVideoFileElem", "MsgContent": {"VideoUrl": "https://example.invalid/v", "VideoUUID": "v", "VideoSize": 9,
                     "VideoSecond": 0, "VideoFormat": "mp4", "VideoDownloadFlag": 2, "ThumbUrl": "https://example.invalid/t", "ThumbUUID": "t",
                     "ThumbSize": 1, "ThumbWidth": 2, "ThumbHeight": 3, "ThumbFormat": "JPG", "ThumbDownloadFlag": 2}},
                 {"MsgType": "TIMRelayElem", "MsgContent": {"Title": "user1 and user2", "MsgNum": 1, "CompatibleText": "upgrade", "AbstractList": ["user1: hi"],
                     "MsgList": [{"From_Account": "user1", "To_Account": "user2", "MsgSeq": 1, "MsgRandom": 4294967295, "MsgTimeStamp": 1584669680,
                                  "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}]}]}}]
                """);
        assertThat(SCHEMAS.validate(SchemaFile.MSG_BODY.def("body"), body)).isEmpty();
        assertThat(SCHEMAS.validate(SchemaFile.MSG_BODY.def("historyBody"), body)).isEmpty();
        assertThat(SCHEMAS.validate(SchemaFile.MSG_BODY, body)).as("the root is the strict body").isEmpty();
    }

    // ---------------------------------------------------------------- query parameter random: the range as a pattern

    @Test
    void randomPatternAcceptsExactlyTheUint32Range() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 9L, 10L, 99999999L, 999999999L, 1000000000L,
                2147483647L, 2147483648L, 3999999999L, 4000000000L, 4199999999L, 4200000000L, 4289999999L,
                4290000000L, 4293999999L, 4294000000L, 4294899999L, 4294900000L, 4294959999L, 4294960000L,
                4294966999L, 4294967000L, 4294967199L, 4294967200L, 4294967289L, 4294967290L, 4294967295L,
                4294967296L, 4294967299L, 4294967300L, 4294968000L, 4295000000L, 4299999999L, 4300000000L,
                9999999999L, 10000000000L, 42949672950L));
        Random random = new Random(20240716);
        for (int i = 0; i < 2000; i++) {
            values.add((long) (random.nextDouble() * 10_000_000_000L));
        }
        for (long n : values) {
            boolean inRange = n >= 0 && n <= 4294967295L;
            for (String text : List.of(Long.toString(n), "00" + n)) {
                ObjectNode query = validQuery();
                query.put("random", text);
                assertThat(SCHEMAS.validate(SchemaFile.QUERY_PARAMS, query).isEmpty())
                        .as("random=%s", text).isEqualTo(inRange);
            }
        }
        for (String bad : List.of("", "-1", "+1", "1.0", " 1", "1e3", "abc")) {
            ObjectNode query = validQuery();
            query.put("random", bad);
            assertThat(SCHEMAS.validate(SchemaFile.QUERY_PARAMS, query)).as("random=%s", bad).isNotEmpty();
        }
    }

    @Test
    void theSeedQueryStringIsValid() {
        assertThat(SCHEMAS.validate(SchemaFile.QUERY_PARAMS, validQuery())).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** The query of every seed's request URL example (seed 000, 002, 004). */
    private static ObjectNode validQuery() {
        return (ObjectNode) json("{\"sdkappid\": \"88888888\", \"identifier\": \"admin\", \"usersig\": \"xxx\","
                + " \"random\": \"99999999\", \"contenttype\": \"json\"}");
    }

    private static ObjectNode renamed(ObjectNode source, Map<String, String> renames) {
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(renames.getOrDefault(e.getKey(), e.getKey()), e.getValue());
        }
        return out;
    }

    private static JsonNode docExample(String file) {
        return Json.read(resource("doc-examples/" + file), "doc-examples/" + file);
    }

    private static JsonNode json(String text) {
        return Json.parseStrict(text, "test literal");
    }

    private static InputStream resource(String path) {
        InputStream in = SchemaTest.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("test resource " + path + " not found");
        }
        return in;
    }

    private static List<String> listTestResources(String folder) {
        URL url = SchemaTest.class.getClassLoader().getResource(folder);
        assertThat(url).as(folder).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
