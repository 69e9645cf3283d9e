package io.github.imhistory.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenarios and catalogues cover each other: every rule and every error code is exercised by some scenario, and no
 * scenario or error code refers to a rule or code the catalogues lack. The first class of tests runs over the
 * bundled contract; {@link WithSampleScenarios} runs the same assertions over two small test scenarios and shows that
 * each one passes when it should and fails, naming exactly the IDs concerned, when it should not.
 */
class CoverageTest {

    // ---- the assertions, shared by the bundled and the sample runs ----

    static void assertEveryRuleIsExercised(ScenarioIndex index, RuleCatalog rules, ErrorCatalog codes) {
        Set<String> missing = index.coverage(rules, codes).rulesNotExercised();
        if (!missing.isEmpty()) {
            throw new AssertionError(missing.size() + " of " + rules.size() + " rules are exercised by no scenario"
                    + " (name each in a scenario's, exchange's, walk's or deviation's \"rules\"): " + missing);
        }
    }

    static void assertScenariosNameOnlyKnownRules(ScenarioIndex index, RuleCatalog rules, ErrorCatalog codes) {
        SortedMap<String, SortedSet<String>> unknown = index.coverage(rules, codes).unknownRules();
        if (!unknown.isEmpty()) {
            throw new AssertionError("scenarios name rules that are not in " + RuleCatalog.PATH + ": " + unknown);
        }
    }

    static void assertEveryCodeIsExercised(ScenarioIndex index, RuleCatalog rules, ErrorCatalog codes) {
        Set<Integer> missing = index.coverage(rules, codes).codesNotExercised();
        if (!missing.isEmpty()) {
            throw new AssertionError(missing.size() + " of " + codes.size() + " error codes are expected or "
                    + "injected by no scenario (an exchange's expected ErrorCode or a deviation's errorCode): "
                    + missing);
        }
    }

    static void assertScenariosExpectOnlyCataloguedCodes(ScenarioIndex index, RuleCatalog rules,
                                                         ErrorCatalog codes) {
        SortedMap<String, SortedSet<Integer>> unknown = index.coverage(rules, codes).unknownCodes();
        if (!unknown.isEmpty()) {
            throw new AssertionError("scenarios expect or inject error codes that are not in " + ErrorCatalog.PATH
                    + ": " + unknown);
        }
    }

    static void assertErrorCodesListOnlyKnownRules(ScenarioIndex index, RuleCatalog rules, ErrorCatalog codes) {
        SortedMap<Integer, SortedSet<String>> unknown = index.coverage(rules, codes).unknownRulesOfCodes();
        if (!unknown.isEmpty()) {
            throw new AssertionError("error codes list rules that are not in " + RuleCatalog.PATH + ": " + unknown);
        }
    }

    /** Values that occur more than once, each with how often, sorted. */
    static <T extends Comparable<T>> SortedMap<T, Integer> duplicates(Collection<T> values) {
        SortedMap<T, Integer> counts = new TreeMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        counts.values().removeIf(n -> n < 2);
        return counts;
    }

    static <T extends Comparable<T>> void assertNoDuplicates(String what, Collection<T> values) {
        SortedMap<T, Integer> dup = duplicates(values);
        if (!dup.isEmpty()) {
            throw new AssertionError("duplicate " + what + " (value=occurrences): " + dup);
        }
    }

    // ---- the bundled contract ----

    @Test
    void everyRuleIsExercisedByAScenario() {
        assertEveryRuleIsExercised(ScenarioIndex.bundled(), RuleCatalog.bundled(), ErrorCatalog.bundled());
    }

    @Test
    void scenariosNameOnlyKnownRules() {
        assertScenariosNameOnlyKnownRules(ScenarioIndex.bundled(), RuleCatalog.bundled(), ErrorCatalog.bundled());
    }

    @Test
    void everyErrorCodeIsExercisedByAScenario() {
        assertEveryCodeIsExercised(ScenarioIndex.bundled(), RuleCatalog.bundled(), ErrorCatalog.bundled());
    }

    @Test
    void scenariosExpectOnlyCataloguedCodes() {
        assertScenariosExpectOnlyCataloguedCodes(ScenarioIndex.bundled(), RuleCatalog.bundled(),
                ErrorCatalog.bundled());
    }

    @Test
    void errorCodesListOnlyKnownRules() {
        assertErrorCodesListOnlyKnownRules(ScenarioIndex.bundled(), RuleCatalog.bundled(), ErrorCatalog.bundled());
    }

    /** Read from the raw files, so that a duplicate is reported by value rather than as a loader failure. */
    @Test
    void noDuplicateIds() {
        List<String> ruleIds = new ArrayList<>();
        CatalogTest.rawRules().forEach(r -> ruleIds.add(r.path("id").asText()));
        List<Integer> codes = new ArrayList<>();
        CatalogTest.rawCodes().forEach(c -> codes.add(c.path("code").intValue()));
        SortedMap<String, List<String>> filesById = new TreeMap<>();
        for (String path : ScenarioIndex.bundledPaths()) {
            JsonNode s = Json.read(ClasspathResources.open(path), path);
            filesById.computeIfAbsent(s.path("id").asText(), k -> new ArrayList<>()).add(path);
        }
        filesById.values().removeIf(files -> files.size() < 2);
        assertNoDuplicates("rule IDs", ruleIds);
        assertNoDuplicates("error codes", codes);
        assertThat(filesById).as("scenario IDs used by more than one file (id=[files])").isEmpty();
    }

    // ---- the same assertions over sample scenarios ----

    @Nested
    class WithSampleScenarios {
        static final String C2C = "sample-scenarios/c2c-sample.json";
        static final String GROUP = "sample-scenarios/group-sample.json";
        /** What the two fixtures name, top-level and per exchange, walk and deviation. */
        static final Set<String> SAMPLE_RULES = Set.of("C2C-ERR-002", "C2C-PAGE-010", "GRP-CONT-001",
                "GRP-CONT-002", "GRP-ERR-005");
        /** 90003 from an expected response, 10002 from a deviation; the success ErrorCode 0 does not count. */
        static final Set<Integer> SAMPLE_CODES = Set.of(90003, 10002);

        private ScenarioIndex.SourceFile sample(String path) {
            InputStream in = CoverageTest.class.getClassLoader().getResourceAsStream(path);
            assertThat(in).as(path).isNotNull();
            return ScenarioIndex.read(path, in);
        }

        private ScenarioIndex samples() {
            return new ScenarioIndex(List.of(sample(C2C), sample(GROUP)));
        }

        /** Bundled rules, cut down to {@code ids}. */
        private RuleCatalog rules(Collection<String> ids) {
            return RuleCatalog.of(RuleCatalog.bundled().filter(r -> ids.contains(r.id())));
        }

        /** Bundled codes, cut down to {@code keep}, each listing only the rules of {@code rules}. */
        private ErrorCatalog codes(Collection<Integer> keep, RuleCatalog rules) {
            return ErrorCatalog.of(ErrorCatalog.bundled().all().stream()
                    .filter(c -> keep.contains(c.code()))
                    .map(c -> {
                        List<String> kept = c.rules().stream().filter(rules::contains).toList();
                        // A code must list at least one rule; borrow one the cut-down catalogue has.
                        List<String> listed = kept.isEmpty() ? List.of(rules.ids().iterator().next()) : kept;
                        return new ErrorCode(c.code(), c.apis(), c.retry(), c.produced(), listed, c.zh(), c.en(),
                                c.source());
                    })
                    .toList());
        }

        private void assertAllPass(ScenarioIndex index, RuleCatalog r, ErrorCatalog c) {
            assertThatCode(() -> {
                assertEveryRuleIsExercised(index, r, c);
                assertScenariosNameOnlyKnownRules(index, r, c);
                assertEveryCodeIsExercised(index, r, c);
                assertScenariosExpectOnlyCataloguedCodes(index, r, c);
                assertErrorCodesListOnlyKnownRules(index, r, c);
            }).doesNotThrowAnyException();
            assertThat(index.coverage(r, c).complete()).isTrue();
            assertThat(index.coverage(r, c).problems()).isEmpty();
        }

        @Test
        void theIndexCollectsRulesAndCodesFromEveryLevel() {
            ScenarioIndex index = samples();
            assertThat(index.ids()).containsExactly("sample-c2c-missing-peer", "sample-group-internal-error");
            assertThat(index.ruleIds()).containsExactlyInAnyOrderElementsOf(SAMPLE_RULES);
            assertThat(index.errorCodes()).containsExactlyInAnyOrderElementsOf(SAMPLE_CODES);
            ScenarioIndex.Entry c2c = index.get("sample-c2c-missing-peer");
            assertThat(c2c.path()).isEqualTo(C2C);
            assertThat(c2c.title()).startsWith("Sample: a C2C request");
            assertThat(c2c.source()).contains("seed 000");
            assertThat(c2c.ruleIds()).containsExactly("C2C-ERR-002", "C2C-PAGE-010");
            assertThat(c2c.errorCodes()).containsExactly(90003);
            assertThat(index.get("sample-group-internal-error").ruleIds())
                    .containsExactly("GRP-CONT-001", "GRP-CONT-002", "GRP-ERR-005");
            assertThat(index.exercising("GRP-CONT-002")).extracting(ScenarioIndex.Entry::id)
                    .containsExactly("sample-group-internal-error");
            assertThat(index.exercisingCode(90003)).extracting(ScenarioIndex.Entry::id)
                    .containsExactly("sample-c2c-missing-peer");
            assertThat(c2c.json().path("exchanges").size()).isEqualTo(2);
        }

        @Test
        void entriesCannotBeChangedThroughTheirJson() {
            ScenarioIndex.Entry e = samples().get("sample-c2c-missing-peer");
            ((ObjectNode) e.json()).put("id", "changed");
            assertThat(e.json().path("id").asText()).isEqualTo("sample-c2c-missing-peer");
        }

        @Test
        void allPassWhenTheCataloguesHoldExactlyWhatTheSamplesUse() {
            RuleCatalog r = rules(SAMPLE_RULES);
            assertAllPass(samples(), r, codes(SAMPLE_CODES, r));
        }

        @Test
        void aRuleNoScenarioNamesFailsNamingIt() {
            Set<String> ids = new TreeSet<>(SAMPLE_RULES);
            ids.add("C2C-ERR-003");
            ids.add("OA-PAGE-001");
            RuleCatalog r = rules(ids);
            assertThatThrownBy(() -> assertEveryRuleIsExercised(samples(), r, codes(SAMPLE_CODES, r)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageEndingWith(": [C2C-ERR-003, OA-PAGE-001]");
        }

        @Test
        void theBundledCataloguesAreNotCoveredByTheSamples() {
            ScenarioIndex index = samples();
            ScenarioIndex.Coverage cov = index.coverage(RuleCatalog.bundled(), ErrorCatalog.bundled());
            assertThat(cov.rulesNotExercised()).hasSize(RuleCatalog.bundled().size() - SAMPLE_RULES.size())
                    .doesNotContainAnyElementsOf(SAMPLE_RULES);
            assertThat(cov.codesNotExercised()).hasSize(ErrorCatalog.bundled().size() - SAMPLE_CODES.size())
                    .doesNotContainAnyElementsOf(SAMPLE_CODES);
            assertThat(cov.unknownRules()).isEmpty();
            assertThat(cov.unknownCodes()).isEmpty();
            assertThatThrownBy(() -> assertEveryRuleIsExercised(index, RuleCatalog.bundled(), ErrorCatalog.bundled()))
                    .hasMessageContaining("C2C-ERR-003");
        }

        @Test
        void aScenarioNamingAnUnknownRuleFailsNamingFileAndRule() {
            Set<String> ids = new TreeSet<>(SAMPLE_RULES);
            ids.remove("C2C-PAGE-010");
            RuleCatalog r = rules(ids);
            assertThatThrownBy(() -> assertScenariosNameOnlyKnownRules(samples(), r, codes(SAMPLE_CODES, r)))
                    .hasMessageEndingWith(": {" + C2C + "=[C2C-PAGE-010]}");
        }

        @Test
        void aCodeNoScenarioExercisesFailsNamingIt() {
            RuleCatalog r = rules(SAMPLE_RULES);
            Set<Integer> codes = new TreeSet<>(SAMPLE_CODES);
            codes.add(90008);
            assertThatThrownBy(() -> assertEveryCodeIsExercised(samples(), r, codes(codes, r)))
                    .hasMessageEndingWith(": [90008]");
        }

        @Test
        void aScenarioExpectingAnUncataloguedCodeFailsNamingFileAndCode() {
            RuleCatalog r = rules(SAMPLE_RULES);
            assertThatThrownBy(() -> assertScenariosExpectOnlyCataloguedCodes(samples(), r, codes(Set.of(90003), r)))
                    .hasMessageEndingWith(": {" + GROUP + "=[10002]}");
        }

        @Test
        void anErrorCodeListingAnUnknownRuleFailsNamingCodeAndRule() {
            RuleCatalog r = rules(SAMPLE_RULES);
            List<ErrorCode> list = new ArrayList<>(codes(SAMPLE_CODES, r).all());
            ErrorCode first = list.get(0);
            list.set(0, new ErrorCode(first.code(), first.apis(), first.retry(), first.produced(),
                    List.of(first.rules().get(0), "C2C-GONE-001"), first.zh(), first.en(), first.source()));
            ErrorCatalog c = ErrorCatalog.of(list);
            assertThatThrownBy(() -> assertErrorCodesListOnlyKnownRules(samples(), r, c))
                    .hasMessageEndingWith(": {" + first.code() + "=[C2C-GONE-001]}");
        }

        @Test
        void theSameScenarioIdTwiceIsRejectedNamingBothFiles() {
            ScenarioIndex.SourceFile c2c = sample(C2C);
            ScenarioIndex.SourceFile copy = new ScenarioIndex.SourceFile("sample-scenarios/copy.json", c2c.json());
            assertThatThrownBy(() -> new ScenarioIndex(List.of(c2c, copy))).isInstanceOf(ContractException.class)
                    .hasMessageContaining("sample-scenarios/copy.json").hasMessageContaining(C2C)
                    .hasMessageContaining("sample-c2c-missing-peer");
        }

        @Test
        void invalidJsonIsRejectedNamingTheFile() {
            InputStream broken = new ByteArrayInputStream("{\"id\": \"x\", }".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> ScenarioIndex.read("scenarios/c2c/broken.json", broken))
                    .isInstanceOf(ContractException.class).hasMessageStartingWith("scenarios/c2c/broken.json:");
        }

        @Test
        void aDuplicateKeyIsRejectedNamingTheFile() {
            InputStream dup = new ByteArrayInputStream("{\"id\": \"x\", \"id\": \"y\"}".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> ScenarioIndex.read("scenarios/c2c/dup.json", dup))
                    .isInstanceOf(ContractException.class).hasMessageStartingWith("scenarios/c2c/dup.json:");
        }

        @Test
        void malformedIndexedFieldsAreRejectedNamingFileAndPlace() {
            Map<String, Function<ObjectNode, ObjectNode>> breakers = new LinkedHashMap<>();
            breakers.put("\"id\" must be a non-empty string", s -> s.put("id", 7));
            breakers.put("missing \"rules\"", s -> {
                s.remove("rules");
                return s;
            });
            breakers.put("/rules must be an array of rule IDs", s -> s.put("rules", "C2C-ERR-002"));
            breakers.put("/exchanges/0/expect/response/ErrorCode must be an integer", s -> {
                ((ObjectNode) s.at("/exchanges/0/expect/response")).put("ErrorCode", "90003");
                return s;
            });
            breakers.forEach((message, breakIt) -> {
                ObjectNode s = (ObjectNode) sample(C2C).json();
                breakIt.apply(s);
                assertThatThrownBy(() -> new ScenarioIndex(List.of(new ScenarioIndex.SourceFile("bad.json", s))))
                        .as(message).isInstanceOf(ContractException.class)
                        .hasMessageStartingWith("bad.json:").hasMessageContaining(message);
            });
        }

        @Test
        void theDuplicateCheckFindsAndCountsDuplicates() {
            assertThat(duplicates(List.of("a", "b", "a", "c", "a", "b"))).containsExactly(
                    Map.entry("a", 3), Map.entry("b", 2));
            assertThatCode(() -> assertNoDuplicates("x", List.of(1, 2, 3))).doesNotThrowAnyException();
            assertThatThrownBy(() -> assertNoDuplicates("error codes", List.of(90001, 10002, 90001)))
                    .hasMessage("duplicate error codes (value=occurrences): {90001=2}");
        }

        @Test
        void anEmptyIndexCoversNothing() {
            ScenarioIndex empty = new ScenarioIndex(List.of());
            RuleCatalog r = rules(SAMPLE_RULES);
            ScenarioIndex.Coverage cov = empty.coverage(r, codes(SAMPLE_CODES, r));
            assertThat(cov.rulesNotExercised()).containsExactlyInAnyOrderElementsOf(SAMPLE_RULES);
            assertThat(cov.codesNotExercised()).containsExactlyInAnyOrderElementsOf(SAMPLE_CODES);
            assertThat(cov.complete()).isFalse();
            assertThat(cov.problems()).hasSize(2);
        }
    }
}
