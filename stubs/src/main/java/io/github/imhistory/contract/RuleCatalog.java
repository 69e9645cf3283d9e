package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Rule.Basis;
import io.github.imhistory.contract.Rule.Binds;
import io.github.imhistory.contract.Rule.Excerpt;
import io.github.imhistory.contract.Rule.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rule catalogue ({@code scenarios/catalog/rules.json}), immutable, in catalogue order. Loading is strict: every
 * problem of the file (missing or mistyped field, unknown enum value, bad ID, documented rule without a seed or
 * reference source or without a verbatim excerpt, inferred rule without a why or with an excerpt, duplicate ID) is
 * reported at once, naming the rule, so that a bad catalogue can never be half-used. That each excerpt is really in
 * its page is checked by a build test beside the pages (ExcerptsTest), not here: the pages do not ship with the jar.
 */
public final class RuleCatalog {
    /** Classpath location below {@link ClasspathResources#ROOT}. */
    public static final String PATH = "scenarios/catalog/rules.json";
    /** The rule-catalog schema's ID pattern. */
    public static final Pattern ID_PATTERN = Pattern.compile("^(COM|SIG|C2C|GRP|OA|ELEM)(-[A-Z]+)?-[0-9]{3}$");
    /** A documented rule's source must name a seed page (000..004) or a section of the reference notes. */
    public static final Pattern DOCUMENTED_SOURCE = Pattern.compile("seed 00[0-4]|ref §");
    /** The catalogue's scopes, in the schema's order. */
    public static final List<String> APIS = List.of("common", "usersig", "elements", "admin_getroammsg",
            "group_msg_get_simple", "official_account_msg_get_simple");
    /** ID prefix to scope: the prefix says where a rule belongs, so a C2C rule filed under a group API is a typo. */
    private static final Map<String, String> PREFIX_API = Map.of("COM", "common", "SIG", "usersig",
            "ELEM", "elements", "C2C", "admin_getroammsg", "GRP", "group_msg_get_simple",
            "OA", "official_account_msg_get_simple");
    private static final Set<String> FIELDS = Set.of("id", "api", "level", "binds", "basis", "source", "why",
            "excerpts", "statement");
    private static final Set<String> EXCERPT_FIELDS = Set.of("doc", "text");
    private static final Set<String> ROOT_FIELDS = Set.of("$schema", "$comment", "rules");

    private static volatile RuleCatalog bundled;

    private final List<Rule> rules;
    private final Map<String, Rule> byId;

    private RuleCatalog(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, Rule> map = new LinkedHashMap<>();
        for (Rule r : this.rules) {
            map.put(r.id(), r);
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    /** The catalogue packaged with the stubs; loaded once. */
    public static RuleCatalog bundled() {
        RuleCatalog c = bundled;
        if (c == null) {
            synchronized (RuleCatalog.class) {
                c = bundled;
                if (c == null) {
                    c = load(PATH);
                    bundled = c;
                }
            }
        }
        return c;
    }

    /** Loads a catalogue from the classpath ({@code path} relative to {@code imhistory/}). */
    public static RuleCatalog load(String path) {
        return fromJson(Json.read(ClasspathResources.open(path), path), path);
    }

    /** Parses and checks a catalogue document; {@code where} names it in error messages. */
    public static RuleCatalog fromJson(JsonNode root, String where) {
        List<String> problems = new ArrayList<>();
        List<Rule> parsed = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new ContractException(where + ": the rule catalogue must be a JSON object");
        }
        unknownFields(root, ROOT_FIELDS, "", problems);
        JsonNode list = root.get("rules");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ContractException(where + ": \"rules\" must be a non-empty array");
        }
        for (int i = 0; i < list.size(); i++) {
            Rule rule = parseRule(list.get(i), i, problems);
            if (rule != null) {
                parsed.add(rule);
            }
        }
        problems.addAll(check(parsed));
        if (!problems.isEmpty()) {
            throw new ContractException(where + ": invalid rule catalogue:\n  - " + String.join("\n  - ", problems));
        }
        return new RuleCatalog(parsed);
    }

    /** A catalogue from rules built in code (tests, tools); the same checks as for a file apply. */
    public static RuleCatalog of(List<Rule> rules) {
        List<String> problems = check(rules);
        if (!problems.isEmpty()) {
            throw new ContractException("invalid rule catalogue:\n  - " + String.join("\n  - ", problems));
        }
        return new RuleCatalog(rules);
    }

    /** The semantic checks, on parsed rules: ID form and scope, source, excerpts or why by basis, unique IDs. */
    static List<String> check(List<Rule> rules) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Rule r : rules) {
            String at = "rule " + r.id();
            if (!ID_PATTERN.matcher(r.id()).matches()) {
                problems.add(at + ": id does not match " + ID_PATTERN.pattern());
            } else {
                String expected = PREFIX_API.get(r.id().substring(0, r.id().indexOf('-')));
                if (!expected.equals(r.api())) {
                    problems.add(at + ": api is " + r.api() + " but the ID prefix belongs to " + expected);
                }
            }
            if (!APIS.contains(r.api())) {
                problems.add(at + ": api " + r.api() + " is not one of " + APIS);
            }
            if (r.statement().isBlank()) {
                problems.add(at + ": statement is empty");
            }
            if (r.basis() == Basis.DOCUMENTED) {
                if (r.source() == null || r.source().isBlank()) {
                    problems.add(at + ": documented rule without a source");
                } else if (!DOCUMENTED_SOURCE.matcher(r.source()).find()) {
                    problems.add(at + ": documented rule whose source names neither a seed (seed 000..004) nor "
                            + "the reference notes (ref §): " + r.source());
                }
                if (r.excerpts().isEmpty()) {
                    problems.add(at + ": documented rule without an excerpt of the page it rests on");
                }
            } else {
                if (r.why() == null || r.why().isBlank()) {
                    problems.add(at + ": inferred rule without a why");
                }
                if (!r.excerpts().isEmpty()) {
                    problems.add(at + ": inferred rule with excerpts (only documented rules quote a page)");
                }
            }
            for (Excerpt e : r.excerpts()) {
                if (!Excerpt.DOC.matcher(e.doc()).matches()) {
                    problems.add(at + ": excerpt doc \"" + e.doc() + "\" is not seed 000..004 or ref §N.N");
                }
                if (e.text().isBlank()) {
                    problems.add(at + ": excerpt of " + e.doc() + " is empty");
                }
            }
            if (r.source() != null && r.source().isBlank()) {
                problems.add(at + ": source is empty");
            }
            if (!seen.add(r.id())) {
                problems.add(at + ": duplicate ID");
            }
        }
        return problems;
    }

    private static Rule parseRule(JsonNode node, int index, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add("rules[" + index + "]: not an object");
            return null;
        }
        JsonNode idNode = node.get("id");
        String at = idNode != null && idNode.isTextual() ? "rule " + idNode.asText() : "rules[" + index + "]";
        int before = problems.size();
        unknownFields(node, FIELDS, at + ": ", problems);
        String id = text(node, "id", true, at, problems);
        String api = text(node, "api", true, at, problems);
        String level = text(node, "level", true, at, problems);
        String binds = text(node, "binds", true, at, problems);
        String basis = text(node, "basis", true, at, problems);
        String source = text(node, "source", false, at, problems);
        String why = text(node, "why", false, at, problems);
        String statement = text(node, "statement", true, at, problems);
        List<Excerpt> excerpts = excerpts(node.get("excerpts"), at, problems);
        Level lv = parseEnum(level, "level", List.of("MUST", "SHOULD"), at, problems) ? Level.valueOf(level) : null;
        Binds bd = parseEnum(binds, "binds", List.of("client", "server", "both"), at, problems)
                ? Binds.fromJson(binds) : null;
        Basis bs = parseEnum(basis, "basis", List.of("documented", "inferred"), at, problems)
                ? Basis.fromJson(basis) : null;
        if (problems.size() > before) {
            return null;
        }
        return new Rule(id, api, lv, bd, bs, source, why, statement, excerpts);
    }

    /** The optional "excerpts" array: one or more {"doc", "text"} objects (absent means none). */
    private static List<Excerpt> excerpts(JsonNode list, String at, List<String> problems) {
        if (list == null) {
            return List.of();
        }
        if (!list.isArray() || list.isEmpty()) {
            problems.add(at + ": excerpts must be a non-empty array");
            return List.of();
        }
        List<Excerpt> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String here = at + ": excerpts[" + i + "]";
            if (!e.isObject()) {
                problems.add(here + " is not an object");
                continue;
            }
            unknownFields(e, EXCERPT_FIELDS, here + ": ", problems);
            String doc = text(e, "doc", true, here, problems);
            String text = text(e, "text", true, here, problems);
            if (doc != null && text != null) {
                out.add(new Excerpt(doc, text));
            }
        }
        return out;
    }

    private static boolean parseEnum(String value, String field, List<String> allowed, String at,
                                     List<String> problems) {
        if (value == null) {
            return false;
        }
        if (!allowed.contains(value)) {
            problems.add(at + ": " + field + " \"" + value + "\" is not one of " + allowed);
            return false;
        }
        return true;
    }

    static String text(JsonNode node, String field, boolean required, String at, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) {
                problems.add(at + ": missing " + field);
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add(at + ": " + field + " must be a string");
            return null;
        }
        if (v.asText().isEmpty()) {
            problems.add(at + ": " + field + " must not be empty");
            return null;
        }
        return v.asText();
    }

    static void unknownFields(JsonNode node, Set<String> known, String at, List<String> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                problems.add(at + "unknown field " + name);
            }
        }
    }

    public List<Rule> all() {
        return rules;
    }

    public int size() {
        return rules.size();
    }

    public Optional<Rule> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The rule with this ID; a ContractException if there is none (a test naming a rule that does not exist). */
    public Rule get(String id) {
        Rule r = byId.get(id);
        if (r == null) {
            throw new ContractException("unknown rule " + id + " (not in " + PATH + ")");
        }
        return r;
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** All IDs, in catalogue order. */
    public Set<String> ids() {
        return byId.keySet();
    }

    /** The scopes that have rules, in order of first appearance in the catalogue. */
    public List<String> apis() {
        Set<String> seen = new LinkedHashSet<>();
        rules.forEach(r -> seen.add(r.api()));
        return List.copyOf(seen);
    }

    public List<Rule> filter(Predicate<Rule> predicate) {
        return rules.stream().filter(predicate).toList();
    }

    public List<Rule> byApi(String api) {
        return filter(r -> r.api().equals(api));
    }

    public List<Rule> byLevel(Level level) {
        return filter(r -> r.level() == level);
    }

    public List<Rule> byBasis(Basis basis) {
        return filter(r -> r.basis() == basis);
    }

    /** Rules whose binds value is exactly {@code binds}. */
    public List<Rule> byBinds(Binds binds) {
        return filter(r -> r.binds() == binds);
    }

    /** Rules a server must follow: binds server or both (what the server suite checks). */
    public List<Rule> bindingServer() {
        return filter(Rule::bindsServer);
    }

    /** Rules a client must follow: binds client or both (what the client suite checks). */
    public List<Rule> bindingClient() {
        return filter(Rule::bindsClient);
    }

    @Override
    public String toString() {
        return "RuleCatalog(" + rules.size() + " rules)";
    }
}
