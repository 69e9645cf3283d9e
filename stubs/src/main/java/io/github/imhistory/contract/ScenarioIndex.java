package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What each scenario file claims to exercise: its rule IDs and the error codes it expects or injects. This is an
 * index, not a validator: it reads only the fields it needs and fails, naming the file, when one of them has the
 * wrong shape. Schema validation of the whole file is {@code ContractSchemas}' job.
 *
 * <p>Rule IDs of a scenario: its top-level {@code rules} plus the {@code rules} of every exchange, walk and
 * deviation. Error codes: a non-zero {@code ErrorCode} in an exchange's expected response (or in a walk page's
 * expected fields), and every deviation's {@code action.errorCode}.
 */
public final class ScenarioIndex {
    /** Folder of the scenario files, below {@link ClasspathResources#ROOT}. */
    public static final String FOLDER = "scenarios";
    /** The catalogues live beside the scenarios and are not scenarios. */
    public static final String CATALOG_FOLDER = "scenarios/catalog/";

    private static volatile ScenarioIndex bundled;

    private final List<Entry> entries;
    private final Map<String, Entry> byId;

    /** A scenario document and the path that names it in messages (for bundled files: relative to imhistory/). */
    public record SourceFile(String path, JsonNode json) {
        public SourceFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(json, "json");
        }
    }

    /**
     * One indexed scenario.
     *
     * @param ruleIds    in order of first appearance in the file
     * @param errorCodes in order of first appearance in the file
     */
    public record Entry(String id, String path, String title, String source, Set<String> ruleIds,
                        Set<Integer> errorCodes, JsonNode json) {
        public Entry {
            ruleIds = Collections.unmodifiableSet(new LinkedHashSet<>(ruleIds));
            errorCodes = Collections.unmodifiableSet(new LinkedHashSet<>(errorCodes));
            json = json.deepCopy();
        }

        /** The raw document; a copy, so that no caller can change what others see. */
        @Override
        public JsonNode json() {
            return json.deepCopy();
        }

        public boolean exercises(String ruleId) {
            return ruleIds.contains(ruleId);
        }

        /** The scenario read into its types (a ContractException names a rule the catalogue does not have). */
        public Scenario scenario() {
            return Scenario.of(json, path);
        }
    }

    /**
     * What is missing between the scenarios and the catalogues. Scenario keys are file paths (what a contributor
     * edits); all sets are sorted or in catalogue order, so messages are stable.
     *
     * @param rulesNotExercised   catalogue rules no scenario names, in catalogue order
     * @param unknownRules        per scenario file, the rule IDs it names that the catalogue lacks
     * @param codesNotExercised   catalogue codes no scenario expects or injects, in catalogue order
     * @param unknownCodes        per scenario file, the codes it expects or injects that the catalogue lacks
     * @param unknownRulesOfCodes per error code, the rules it lists that the rule catalogue lacks
     */
    public record Coverage(Set<String> rulesNotExercised, SortedMap<String, SortedSet<String>> unknownRules,
                           Set<Integer> codesNotExercised, SortedMap<String, SortedSet<Integer>> unknownCodes,
                           SortedMap<Integer, SortedSet<String>> unknownRulesOfCodes) {
        public Coverage {
            rulesNotExercised = Collections.unmodifiableSet(new LinkedHashSet<>(rulesNotExercised));
            codesNotExercised = Collections.unmodifiableSet(new LinkedHashSet<>(codesNotExercised));
            unknownRules = Collections.unmodifiableSortedMap(new TreeMap<>(unknownRules));
            unknownCodes = Collections.unmodifiableSortedMap(new TreeMap<>(unknownCodes));
            unknownRulesOfCodes = Collections.unmodifiableSortedMap(new TreeMap<>(unknownRulesOfCodes));
        }

        public boolean complete() {
            return rulesNotExercised.isEmpty() && unknownRules.isEmpty() && codesNotExercised.isEmpty()
                    && unknownCodes.isEmpty() && unknownRulesOfCodes.isEmpty();
        }

        /** One line per kind of gap, each listing exactly the IDs concerned; empty when complete. */
        public List<String> problems() {
            List<String> out = new ArrayList<>();
            if (!rulesNotExercised.isEmpty()) {
                out.add(rulesNotExercised.size() + " rule(s) exercised by no scenario: " + rulesNotExercised);
            }
            unknownRules.forEach((file, ids) -> out.add(file + " names rule(s) not in the catalogue: " + ids));
            if (!codesNotExercised.isEmpty()) {
                out.add(codesNotExercised.size() + " error code(s) exercised by no scenario: " + codesNotExercised);
            }
            unknownCodes.forEach((file, codes) -> out.add(file + " expects error code(s) not in the catalogue: "
                    + codes));
            unknownRulesOfCodes.forEach((code, ids) -> out.add("error code " + code
                    + " lists rule(s) not in the catalogue: " + ids));
            return out;
        }
    }

    /** Indexes the given documents; fails on a malformed indexed field or a scenario ID used twice. */
    public ScenarioIndex(List<SourceFile> files) {
        List<Entry> list = new ArrayList<>();
        Map<String, Entry> map = new LinkedHashMap<>();
        for (SourceFile f : files) {
            Entry e = index(f);
            Entry clash = map.putIfAbsent(e.id(), e);
            if (clash != null) {
                throw new ContractException(f.path() + ": duplicate scenario id \"" + e.id() + "\" (also used by "
                        + clash.path() + ")");
            }
            list.add(e);
        }
        this.entries = List.copyOf(list);
        this.byId = Collections.unmodifiableMap(map);
    }

    /** Every scenario packaged with the stubs; indexed once. */
    public static ScenarioIndex bundled() {
        ScenarioIndex i = bundled;
        if (i == null) {
            synchronized (ScenarioIndex.class) {
                i = bundled;
                if (i == null) {
                    i = load(bundledPaths());
                    bundled = i;
                }
            }
        }
        return i;
    }

    /** Paths (relative to imhistory/) of every packaged scenario file: all .json below scenarios/ but the catalogues. */
    public static List<String> bundledPaths() {
        return ClasspathResources.list(FOLDER, ".json").stream()
                .filter(p -> !p.startsWith(CATALOG_FOLDER))
                .toList();
    }

    /** Reads and indexes classpath files (paths relative to imhistory/). */
    public static ScenarioIndex load(List<String> paths) {
        List<SourceFile> files = new ArrayList<>();
        for (String p : paths) {
            files.add(read(p, ClasspathResources.open(p)));
        }
        return new ScenarioIndex(files);
    }

    /** Parses one scenario file strictly (duplicate keys are errors); a ContractException names {@code path}. */
    public static SourceFile read(String path, InputStream in) {
        return new SourceFile(path, Json.read(in, path));
    }

    private static Entry index(SourceFile f) {
        JsonNode root = f.json();
        String path = f.path();
        if (!root.isObject()) {
            throw new ContractException(path + ": a scenario must be a JSON object");
        }
        String id = requiredText(root, "id", path);
        String title = requiredText(root, "title", path);
        String source = requiredText(root, "source", path);
        Set<String> rules = new LinkedHashSet<>();
        Set<Integer> codes = new LinkedHashSet<>();
        JsonNode top = root.get("rules");
        if (top == null) {
            throw new ContractException(path + ": missing \"rules\" (every scenario names the rules it exercises)");
        }
        addRules(top, "/rules", path, rules);
        int i = 0;
        for (JsonNode ex : array(root, "exchanges", path)) {
            String at = "/exchanges/" + i++;
            addRules(ex.get("rules"), at + "/rules", path, rules);
            addCode(ex.at("/expect/response/ErrorCode"), at + "/expect/response/ErrorCode", path, codes);
        }
        i = 0;
        for (JsonNode walk : array(root, "walks", path)) {
            String at = "/walks/" + i++;
            addRules(walk.get("rules"), at + "/rules", path, rules);
            int p = 0;
            for (JsonNode page : walk.at("/expect/pages")) {
                addCode(page.at("/fields/ErrorCode"), at + "/expect/pages/" + p++ + "/fields/ErrorCode", path, codes);
            }
        }
        i = 0;
        for (JsonNode dev : array(root, "deviations", path)) {
            String at = "/deviations/" + i++;
            addRules(dev.get("rules"), at + "/rules", path, rules);
            addCode(dev.at("/action/errorCode"), at + "/action/errorCode", path, codes);
        }
        return new Entry(id, path, title, source, rules, codes, root);
    }

    private static String requiredText(JsonNode root, String field, String path) {
        JsonNode v = root.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new ContractException(path + ": \"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }

    private static List<JsonNode> array(JsonNode root, String field, String path) {
        JsonNode v = root.get(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new ContractException(path + ": \"" + field + "\" must be an array");
        }
        List<JsonNode> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : v) {
            if (!item.isObject()) {
                throw new ContractException(path + ": /" + field + "/" + i + " must be an object");
            }
            out.add(item);
            i++;
        }
        return out;
    }

    private static void addRules(JsonNode node, String pointer, String path, Set<String> into) {
        if (node == null) {
            return;
        }
        if (!node.isArray()) {
            throw new ContractException(path + ": " + pointer + " must be an array of rule IDs");
        }
        for (JsonNode id : node) {
            if (!id.isTextual()) {
                throw new ContractException(path + ": " + pointer + " must be an array of rule IDs");
            }
            into.add(id.asText());
        }
    }

    private static void addCode(JsonNode node, String pointer, String path, Set<Integer> into) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new ContractException(path + ": " + pointer + " must be an integer");
        }
        if (node.intValue() != 0) {
            into.add(node.intValue());
        }
    }

    public List<Entry> all() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public Optional<Entry> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Entry get(String id) {
        Entry e = byId.get(id);
        if (e == null) {
            throw new ContractException("unknown scenario " + id);
        }
        return e;
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    public Optional<Entry> findByPath(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /** Scenarios naming this rule anywhere in the file. */
    public List<Entry> exercising(String ruleId) {
        return entries.stream().filter(e -> e.ruleIds().contains(ruleId)).toList();
    }

    /** Scenarios expecting or injecting this error code. */
    public List<Entry> exercisingCode(int code) {
        return entries.stream().filter(e -> e.errorCodes().contains(code)).toList();
    }

    /** Every rule ID some scenario names, sorted. */
    public SortedSet<String> ruleIds() {
        SortedSet<String> all = new TreeSet<>();
        entries.forEach(e -> all.addAll(e.ruleIds()));
        return Collections.unmodifiableSortedSet(all);
    }

    /** Every error code some scenario expects or injects, sorted. */
    public SortedSet<Integer> errorCodes() {
        SortedSet<Integer> all = new TreeSet<>();
        entries.forEach(e -> all.addAll(e.errorCodes()));
        return Collections.unmodifiableSortedSet(all);
    }

    /** Cross-checks these scenarios against the two catalogues. */
    public Coverage coverage(RuleCatalog rules, ErrorCatalog codes) {
        Set<String> usedRules = ruleIds();
        Set<Integer> usedCodes = errorCodes();
        Set<String> rulesNotExercised = new LinkedHashSet<>();
        for (String id : rules.ids()) {
            if (!usedRules.contains(id)) {
                rulesNotExercised.add(id);
            }
        }
        Set<Integer> codesNotExercised = new LinkedHashSet<>();
        for (Integer c : codes.codes()) {
            if (!usedCodes.contains(c)) {
                codesNotExercised.add(c);
            }
        }
        SortedMap<String, SortedSet<String>> unknownRules = new TreeMap<>();
        SortedMap<String, SortedSet<Integer>> unknownCodes = new TreeMap<>();
        for (Entry e : entries) {
            SortedSet<String> r = new TreeSet<>();
            e.ruleIds().stream().filter(id -> !rules.contains(id)).forEach(r::add);
            if (!r.isEmpty()) {
                unknownRules.put(e.path(), r);
            }
            SortedSet<Integer> c = new TreeSet<>();
            e.errorCodes().stream().filter(code -> !codes.contains(code)).forEach(c::add);
            if (!c.isEmpty()) {
                unknownCodes.put(e.path(), c);
            }
        }
        SortedMap<Integer, SortedSet<String>> unknownRulesOfCodes = new TreeMap<>();
        for (ErrorCode c : codes.all()) {
            SortedSet<String> r = new TreeSet<>();
            c.rules().stream().filter(id -> !rules.contains(id)).forEach(r::add);
            if (!r.isEmpty()) {
                unknownRulesOfCodes.put(c.code(), r);
            }
        }
        return new Coverage(rulesNotExercised, unknownRules, codesNotExercised, unknownCodes, unknownRulesOfCodes);
    }

    @Override
    public String toString() {
        return "ScenarioIndex(" + entries.size() + " scenarios)";
    }
}
