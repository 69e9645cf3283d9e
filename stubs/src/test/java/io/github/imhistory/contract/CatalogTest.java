package io.github.imhistory.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.ErrorCode.Produced;
import io.github.imhistory.contract.Rule.Basis;
import io.github.imhistory.contract.Rule.Binds;
import io.github.imhistory.contract.Rule.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two catalogues as files (checked here on the raw JSON, independently of the loaders, until ContractSchemas can
 * validate them against their schemas) and as Java objects (the loaders accept the bundled files, reject each kind of
 * mistake, and the objects agree with the files).
 */
class CatalogTest {
    private static final Set<String> RULE_REQUIRED = Set.of("id", "api", "level", "binds", "basis", "statement");
    private static final Set<String> CODE_REQUIRED = Set.of("code", "apis", "retry", "produced", "rules", "zh", "en",
            "source");
    /** The schema's pattern, restated here so that a change to either side shows up. */
    private static final Pattern ID = Pattern.compile("^(COM|SIG|C2C|GRP|OA|ELEM)(-[A-Z]+)?-[0-9]{3}$");
    private static final Pattern SEED_OR_REF = Pattern.compile("seed 00[0-4]|ref §");

    static JsonNode rawRules() {
        return Json.read(ClasspathResources.open(RuleCatalog.PATH), RuleCatalog.PATH).get("rules");
    }

    static JsonNode rawCodes() {
        return Json.read(ClasspathResources.open(ErrorCatalog.PATH), ErrorCatalog.PATH).get("codes");
    }

    private static String label(JsonNode rule, int i) {
        return rule.hasNonNull("id") ? rule.get("id").asText() : "rules[" + i + "]";
    }

    @Nested
    class RuleFile {
        @Test
        void everyRuleHasTheRequiredFieldsAsNonEmptyStrings() {
            List<String> problems = new ArrayList<>();
            int i = 0;
            for (JsonNode r : rawRules()) {
                for (String f : RULE_REQUIRED) {
                    if (!r.hasNonNull(f) || !r.get(f).isTextual() || r.get(f).asText().isBlank()) {
                        problems.add(label(r, i) + "." + f);
                    }
                }
                i++;
            }
            assertThat(problems).as("missing or empty required fields").isEmpty();
        }

        @Test
        void enumFieldsHoldOnlyTheirValues() {
            List<String> problems = new ArrayList<>();
            int i = 0;
            for (JsonNode r : rawRules()) {
                check(r, "level", Set.of("MUST", "SHOULD"), label(r, i), problems);
                check(r, "binds", Set.of("client", "server", "both"), label(r, i), problems);
                check(r, "basis", Set.of("documented", "inferred"), label(r, i), problems);
                check(r, "api", Set.copyOf(RuleCatalog.APIS), label(r, i), problems);
                i++;
            }
            assertThat(problems).as("enum values out of range").isEmpty();
        }

        @Test
        void documentedRulesNameASeedOrTheReference() {
            List<String> offenders = new ArrayList<>();
            for (JsonNode r : rawRules()) {
                if ("documented".equals(r.path("basis").asText())
                        && !SEED_OR_REF.matcher(r.path("source").asText()).find()) {
                    offenders.add(r.path("id").asText());
                }
            }
            assertThat(offenders).as("documented rules whose source names no seed 000..004 and no 'ref §'")
                    .isEmpty();
        }

        @Test
        void documentedRulesQuoteTheirPagesAndInferredRulesDoNot() {
            List<String> offenders = new ArrayList<>();
            for (JsonNode r : rawRules()) {
                boolean documented = "documented".equals(r.path("basis").asText());
                JsonNode excerpts = r.path("excerpts");
                if (documented && (!excerpts.isArray() || excerpts.isEmpty())) {
                    offenders.add(r.path("id").asText() + " (documented, no excerpt)");
                }
                if (!documented && !excerpts.isMissingNode()) {
                    offenders.add(r.path("id").asText() + " (inferred, with excerpts)");
                }
                for (JsonNode e : excerpts) {
                    boolean page = Rule.Excerpt.DOC.matcher(e.path("doc").asText()).matches();
                    if (!page || e.path("text").asText().isBlank()) {
                        offenders.add(r.path("id").asText() + " (excerpt " + e + ")");
                    }
                }
            }
            assertThat(offenders).as("documented rules need excerpts {doc, text}; inferred rules have none").isEmpty();
        }

        @Test
        void inferredRulesSayWhy() {
            List<String> offenders = new ArrayList<>();
            for (JsonNode r : rawRules()) {
                if ("inferred".equals(r.path("basis").asText()) && r.path("why").asText().isBlank()) {
                    offenders.add(r.path("id").asText());
                }
            }
            assertThat(offenders).as("inferred rules without a why").isEmpty();
        }

        @Test
        void idsMatchThePatternAndAreUnique() {
            List<String> bad = new ArrayList<>();
            List<String> dup = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode r : rawRules()) {
                String id = r.path("id").asText();
                if (!ID.matcher(id).matches()) {
                    bad.add(id);
                }
                if (!seen.add(id)) {
                    dup.add(id);
                }
            }
            assertThat(bad).as("IDs not matching " + ID).isEmpty();
            assertThat(dup).as("duplicate rule IDs").isEmpty();
        }

        @Test
        void noUnknownFields() {
            Set<String> known = Set.of("id", "api", "level", "binds", "basis", "source", "why", "excerpts",
                    "statement");
            List<String> problems = new ArrayList<>();
            int i = 0;
            for (JsonNode r : rawRules()) {
                String at = label(r, i++);
                r.fieldNames().forEachRemaining(f -> {
                    if (!known.contains(f)) {
                        problems.add(at + "." + f);
                    }
                });
            }
            assertThat(problems).as("fields the schema does not allow").isEmpty();
        }
    }

    @Nested
    class ErrorCodeFile {
        @Test
        void everyCodeHasTheRequiredFieldsWithTheirTypes() {
            List<String> problems = new ArrayList<>();
            int i = 0;
            for (JsonNode c : rawCodes()) {
                String at = c.path("code").isInt() ? c.get("code").asText() : "codes[" + i + "]";
                for (String f : CODE_REQUIRED) {
                    if (!c.hasNonNull(f)) {
                        problems.add(at + " lacks " + f);
                    }
                }
                if (!c.path("code").isInt() || c.path("code").intValue() < 1) {
                    problems.add(at + ".code is not a positive integer");
                }
                if (!c.path("retry").isBoolean()) {
                    problems.add(at + ".retry is not a boolean");
                }
                for (String f : List.of("zh", "en", "source")) {
                    if (!c.path(f).isTextual() || c.path(f).asText().isBlank()) {
                        problems.add(at + "." + f + " is not a non-empty string");
                    }
                }
                if (!c.path("rules").isArray() || c.path("rules").isEmpty()) {
                    problems.add(at + ".rules is not a non-empty array");
                }
                i++;
            }
            assertThat(problems).isEmpty();
        }

        @Test
        void enumFieldsHoldOnlyTheirValues() {
            List<String> problems = new ArrayList<>();
            for (JsonNode c : rawCodes()) {
                String at = c.path("code").asText();
                check(c, "produced", Set.of("engine", "deviation"), at, problems);
                Set<String> apis = new HashSet<>();
                if (!c.path("apis").isArray() || c.path("apis").isEmpty()) {
                    problems.add(at + ".apis is not a non-empty array");
                }
                for (JsonNode api : c.path("apis")) {
                    if (!ErrorCatalog.APIS.contains(api.asText())) {
                        problems.add(at + ".apis has " + api);
                    }
                    if (!apis.add(api.asText())) {
                        problems.add(at + ".apis repeats " + api);
                    }
                }
                for (JsonNode rule : c.path("rules")) {
                    if (!ID.matcher(rule.asText()).matches()) {
                        problems.add(at + ".rules has " + rule + ", not a rule ID");
                    }
                }
            }
            assertThat(problems).isEmpty();
        }

        @Test
        void codesAreUnique() {
            List<Integer> dup = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            for (JsonNode c : rawCodes()) {
                if (!seen.add(c.path("code").intValue())) {
                    dup.add(c.path("code").intValue());
                }
            }
            assertThat(dup).as("duplicate error codes").isEmpty();
        }
    }

    private static void check(JsonNode node, String field, Set<String> allowed, String at, List<String> problems) {
        String v = node.path(field).asText(null);
        if (v == null || !allowed.contains(v)) {
            problems.add(at + "." + field + "=" + node.get(field));
        }
    }

    @Nested
    class RuleCatalogue {
        private final RuleCatalog catalog = RuleCatalog.bundled();

        @Test
        void holdsEveryRuleOfTheFileInOrder() {
            List<String> fileIds = new ArrayList<>();
            rawRules().forEach(r -> fileIds.add(r.get("id").asText()));
            assertThat(catalog.all()).extracting(Rule::id).containsExactlyElementsOf(fileIds);
        }

        @Test
        void objectsAgreeWithTheFile() {
            for (JsonNode r : rawRules()) {
                Rule rule = catalog.get(r.get("id").asText());
                assertThat(rule.api()).isEqualTo(r.get("api").asText());
                assertThat(rule.level().name()).isEqualTo(r.get("level").asText());
                assertThat(rule.binds().json()).isEqualTo(r.get("binds").asText());
                assertThat(rule.basis().json()).isEqualTo(r.get("basis").asText());
                assertThat(rule.statement()).isEqualTo(r.get("statement").asText());
                assertThat(rule.source()).isEqualTo(r.path("source").asText(null));
                assertThat(rule.why()).isEqualTo(r.path("why").asText(null));
                List<String> excerpts = new ArrayList<>();
                r.path("excerpts").forEach(e -> excerpts.add(e.get("doc").asText() + ": \"" + e.get("text").asText()
                        + "\""));
                assertThat(rule.excerpts()).extracting(Rule.Excerpt::toString).containsExactlyElementsOf(excerpts);
                assertThat(rule.displayName())
                        .isEqualTo(r.get("id").asText() + " [" + r.get("level").asText() + ", "
                                + r.get("basis").asText() + "]");
            }
        }

        @Test
        void displayNameReadsAsInTestNames() {
            Rule r = new Rule("C2C-PAGE-008", "admin_getroammsg", Level.MUST, Binds.SERVER, Basis.INFERRED, null,
                    "because", "statement");
            assertThat(r.displayName()).isEqualTo("C2C-PAGE-008 [MUST, inferred]");
            assertThat(r).hasToString("C2C-PAGE-008 [MUST, inferred]");
        }

        @Test
        void findAndGet() {
            Rule first = catalog.all().get(0);
            assertThat(catalog.find(first.id())).contains(first);
            assertThat(catalog.find("C2C-NOPE-999")).isEmpty();
            assertThatThrownBy(() -> catalog.get("C2C-NOPE-999")).isInstanceOf(ContractException.class)
                    .hasMessageContaining("C2C-NOPE-999");
        }

        @Test
        void filtersSplitTheCatalogue() {
            for (String api : catalog.apis()) {
                assertThat(catalog.byApi(api)).isNotEmpty().allMatch(r -> r.api().equals(api));
            }
            assertThat(catalog.apis().stream().mapToInt(a -> catalog.byApi(a).size()).sum()).isEqualTo(catalog.size());
            assertThat(catalog.byLevel(Level.MUST).size() + catalog.byLevel(Level.SHOULD).size())
                    .isEqualTo(catalog.size());
            assertThat(catalog.byBasis(Basis.DOCUMENTED)).allMatch(Rule::documented);
            assertThat(catalog.byBasis(Basis.INFERRED)).noneMatch(Rule::documented);
            assertThat(Stream.of(Binds.values()).mapToInt(b -> catalog.byBinds(b).size()).sum())
                    .isEqualTo(catalog.size());
            assertThat(catalog.bindingServer()).hasSize(catalog.byBinds(Binds.SERVER).size()
                    + catalog.byBinds(Binds.BOTH).size());
            assertThat(catalog.bindingClient()).hasSize(catalog.byBinds(Binds.CLIENT).size()
                    + catalog.byBinds(Binds.BOTH).size());
        }

        @Test
        void bindsTruthTable() {
            assertThat(Binds.CLIENT.bindsClient()).isTrue();
            assertThat(Binds.CLIENT.bindsServer()).isFalse();
            assertThat(Binds.SERVER.bindsClient()).isFalse();
            assertThat(Binds.SERVER.bindsServer()).isTrue();
            assertThat(Binds.BOTH.bindsClient()).isTrue();
            assertThat(Binds.BOTH.bindsServer()).isTrue();
        }

        @Test
        void isImmutable() {
            assertThatThrownBy(() -> catalog.all().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> catalog.ids().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    /** A valid two-rule catalogue to break one way at a time. */
    private static ObjectNode validRules() {
        return (ObjectNode) Json.parseStrict("""
                {"rules": [
                  {"id": "C2C-PAGE-001", "api": "admin_getroammsg", "level": "MUST", "binds": "server",
                   "basis": "documented", "source": "seed 000 请求及应答示例",
                   "excerpts": [{"doc": "seed 000", "text": "续拉请求中的 MaxTime 应改成应答的 LastMsgTime 字段值"}],
                   "statement": "s1"},
                  {"id": "C2C-PAGE-008", "api": "admin_getroammsg", "level": "MUST", "binds": "server",
                   "basis": "inferred", "why": "because", "statement": "s2"}
                ]}""", "test");
    }

    private static ObjectNode second(ObjectNode root) {
        return (ObjectNode) root.get("rules").get(1);
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("missing statement", (Consumer<ObjectNode>) r -> second(r).remove("statement"),
                        "rule C2C-PAGE-008: missing statement"),
                Arguments.of("level out of enum", (Consumer<ObjectNode>) r -> second(r).put("level", "MAY"),
                        "rule C2C-PAGE-008: level \"MAY\""),
                Arguments.of("binds out of enum", (Consumer<ObjectNode>) r -> second(r).put("binds", "nobody"),
                        "rule C2C-PAGE-008: binds \"nobody\""),
                Arguments.of("basis out of enum", (Consumer<ObjectNode>) r -> second(r).put("basis", "guessed"),
                        "rule C2C-PAGE-008: basis \"guessed\""),
                Arguments.of("api out of enum", (Consumer<ObjectNode>) r -> second(r).put("api", "sendmsg"),
                        "api sendmsg is not one of"),
                Arguments.of("api does not fit the prefix",
                        (Consumer<ObjectNode>) r -> second(r).put("api", "group_msg_get_simple"),
                        "the ID prefix belongs to admin_getroammsg"),
                Arguments.of("inferred without why", (Consumer<ObjectNode>) r -> second(r).remove("why"),
                        "rule C2C-PAGE-008: inferred rule without a why"),
                Arguments.of("documented without source",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("rules").get(0)).remove("source"),
                        "rule C2C-PAGE-001: documented rule without a source"),
                Arguments.of("documented without excerpts",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("rules").get(0)).remove("excerpts"),
                        "rule C2C-PAGE-001: documented rule without an excerpt"),
                Arguments.of("excerpts not an array",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("rules").get(0)).put("excerpts", "seed 000"),
                        "rule C2C-PAGE-001: excerpts must be a non-empty array"),
                Arguments.of("excerpt without text",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("rules").get(0).get("excerpts").get(0))
                                .remove("text"),
                        "rule C2C-PAGE-001: excerpts[0]: missing text"),
                Arguments.of("excerpt citing no page",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("rules").get(0).get("excerpts").get(0))
                                .put("doc", "seed 005"),
                        "rule C2C-PAGE-001: excerpt doc \"seed 005\" is not seed 000..004 or ref §N.N"),
                Arguments.of("excerpt with an unknown field",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("rules").get(0).get("excerpts").get(0))
                                .put("page", "x"),
                        "rule C2C-PAGE-001: excerpts[0]: unknown field page"),
                Arguments.of("inferred with excerpts",
                        (Consumer<ObjectNode>) r -> second(r).set("excerpts",
                                r.get("rules").get(0).get("excerpts").deepCopy()),
                        "rule C2C-PAGE-008: inferred rule with excerpts"),
                Arguments.of("documented source naming no seed",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("rules").get(0)).put("source", "seed 005"),
                        "rule C2C-PAGE-001: documented rule whose source names neither"),
                Arguments.of("bad ID", (Consumer<ObjectNode>) r -> second(r).put("id", "C2C-page-8"),
                        "rule C2C-page-8: id does not match"),
                Arguments.of("duplicate ID", (Consumer<ObjectNode>) r -> second(r).put("id", "C2C-PAGE-001"),
                        "rule C2C-PAGE-001: duplicate ID"),
                Arguments.of("unknown field", (Consumer<ObjectNode>) r -> second(r).put("note", "x"),
                        "rule C2C-PAGE-008: unknown field note"),
                Arguments.of("statement not a string", (Consumer<ObjectNode>) r -> second(r).put("statement", 3),
                        "rule C2C-PAGE-008: statement must be a string"),
                Arguments.of("empty rules", (Consumer<ObjectNode>) r -> ((ArrayNode) r.get("rules")).removeAll(),
                        "\"rules\" must be a non-empty array"));
    }

    @Test
    void theValidFixtureLoads() {
        RuleCatalog c = RuleCatalog.fromJson(validRules(), "test");
        assertThat(c.ids()).containsExactly("C2C-PAGE-001", "C2C-PAGE-008");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void theRuleLoaderRejects(String what, Consumer<ObjectNode> breakIt, String message) {
        ObjectNode root = validRules();
        breakIt.accept(root);
        assertThatThrownBy(() -> RuleCatalog.fromJson(root, "broken.json")).isInstanceOf(ContractException.class)
                .hasMessageContaining("broken.json").hasMessageContaining(message);
    }

    @Test
    void theRuleLoaderReportsEveryProblemAtOnce() {
        ObjectNode root = validRules();
        second(root).put("level", "MAY");
        ((ObjectNode) root.get("rules").get(0)).remove("source");
        assertThatThrownBy(() -> RuleCatalog.fromJson(root, "broken.json"))
                .hasMessageContaining("C2C-PAGE-008: level").hasMessageContaining("C2C-PAGE-001: documented");
    }

    @Nested
    class ErrorCatalogue {
        private final ErrorCatalog catalog = ErrorCatalog.bundled();

        @Test
        void holdsEveryCodeOfTheFileAndAgreesWithIt() {
            List<Integer> fileCodes = new ArrayList<>();
            for (JsonNode c : rawCodes()) {
                int code = c.get("code").intValue();
                fileCodes.add(code);
                ErrorCode e = catalog.get(code);
                assertThat(e.retry()).isEqualTo(c.get("retry").booleanValue());
                assertThat(e.produced().json()).isEqualTo(c.get("produced").asText());
                assertThat(e.en()).isEqualTo(c.get("en").asText());
                assertThat(e.zh()).isEqualTo(c.get("zh").asText());
                assertThat(e.source()).isEqualTo(c.get("source").asText());
                List<String> apis = new ArrayList<>();
                c.get("apis").forEach(a -> apis.add(a.asText()));
                assertThat(e.apis()).isEqualTo(apis);
                List<String> rules = new ArrayList<>();
                c.get("rules").forEach(a -> rules.add(a.asText()));
                assertThat(e.rules()).isEqualTo(rules);
            }
            assertThat(catalog.codes()).containsExactlyElementsOf(fileCodes);
        }

        @Test
        void retryCanHelpFollowsTheCatalogueAndIsFalseForUnknownCodes() {
            for (JsonNode c : rawCodes()) {
                assertThat(catalog.retryCanHelp(c.get("code").intValue())).as("code " + c.get("code"))
                        .isEqualTo(c.get("retry").booleanValue());
            }
            int unknown = catalog.codes().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            assertThat(catalog.retryCanHelp(unknown)).isFalse();
            assertThat(catalog.retryCanHelp(0)).isFalse();
            assertThat(catalog.find(unknown)).isEmpty();
            assertThatThrownBy(() -> catalog.get(unknown)).isInstanceOf(ContractException.class)
                    .hasMessageContaining(String.valueOf(unknown));
        }

        @Test
        void appliesToFollowsApisAndAll() {
            for (ErrorCode c : catalog.all()) {
                for (String api : ErrorCode.API_NAMES) {
                    boolean expected = c.apis().contains("all") || c.apis().contains(api);
                    assertThat(c.appliesTo(api)).as(c.code() + " applies to " + api).isEqualTo(expected);
                }
            }
            for (String api : ErrorCode.API_NAMES) {
                assertThat(catalog.forApi(api)).allMatch(c -> c.appliesTo(api));
                assertThat(catalog.forApi(api).size()
                        + catalog.all().stream().filter(c -> !c.appliesTo(api)).count()).isEqualTo(catalog.size());
            }
        }

        @Test
        void appliesToRefusesANameThatIsNotAnApi() {
            ErrorCode any = catalog.all().get(0);
            assertThatThrownBy(() -> any.appliesTo("admin_getroamsg")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void producedSplitsTheCatalogue() {
            assertThat(catalog.byProduced(Produced.ENGINE).size() + catalog.byProduced(Produced.DEVIATION).size())
                    .isEqualTo(catalog.size());
        }
    }

    private static ObjectNode validCodes() {
        return (ObjectNode) Json.parseStrict("""
                {"codes": [
                  {"code": 90001, "apis": ["admin_getroammsg"], "retry": false, "produced": "engine",
                   "rules": ["C2C-ERR-001"], "zh": "解析失败", "en": "parse failure", "source": "seed 000"},
                  {"code": 10002, "apis": ["group_msg_get_simple"], "retry": true, "produced": "deviation",
                   "rules": ["GRP-ERR-005"], "zh": "内部错误", "en": "internal", "source": "seed 002"}
                ]}""", "test");
    }

    private static ObjectNode secondCode(ObjectNode root) {
        return (ObjectNode) root.get("codes").get(1);
    }

    static Stream<Arguments> brokenCodes() {
        return Stream.of(
                Arguments.of("missing en", (Consumer<ObjectNode>) r -> secondCode(r).remove("en"),
                        "code 10002: missing en"),
                Arguments.of("retry not boolean", (Consumer<ObjectNode>) r -> secondCode(r).put("retry", "yes"),
                        "code 10002: retry must be true or false"),
                Arguments.of("produced out of enum", (Consumer<ObjectNode>) r -> secondCode(r).put("produced", "x"),
                        "code 10002: produced \"x\""),
                Arguments.of("api out of enum",
                        (Consumer<ObjectNode>) r -> ((ArrayNode) secondCode(r).get("apis")).add("sendmsg"),
                        "code 10002: api sendmsg"),
                Arguments.of("no rules", (Consumer<ObjectNode>) r -> ((ArrayNode) secondCode(r).get("rules"))
                        .removeAll(), "code 10002: rules is empty"),
                Arguments.of("rule not an ID",
                        (Consumer<ObjectNode>) r -> ((ArrayNode) secondCode(r).get("rules")).add("retry"),
                        "code 10002: rule retry is not a rule ID"),
                Arguments.of("duplicate code", (Consumer<ObjectNode>) r -> secondCode(r).put("code", 90001),
                        "code 90001: duplicate code"),
                Arguments.of("code not an integer", (Consumer<ObjectNode>) r -> secondCode(r).put("code", "10002"),
                        "codes[1]: code must be an integer"),
                Arguments.of("unknown field", (Consumer<ObjectNode>) r -> secondCode(r).put("http", 200),
                        "code 10002: unknown field http"));
    }

    @Test
    void theValidCodeFixtureLoads() {
        assertThat(ErrorCatalog.fromJson(validCodes(), "test").codes()).containsExactly(90001, 10002);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCodes")
    void theErrorLoaderRejects(String what, Consumer<ObjectNode> breakIt, String message) {
        ObjectNode root = validCodes();
        breakIt.accept(root);
        assertThatThrownBy(() -> ErrorCatalog.fromJson(root, "broken.json")).isInstanceOf(ContractException.class)
                .hasMessageContaining("broken.json").hasMessageContaining(message);
    }
}
