package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ErrorCode.Produced;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The error-code catalogue ({@code scenarios/catalog/error-codes.json}), immutable, in catalogue order. Loading is
 * strict in the same way as {@link RuleCatalog}: all problems at once, each naming the code. Whether the rules a
 * code lists exist is a cross-catalogue check ({@link ScenarioIndex#coverage}), not a loading error.
 */
public final class ErrorCatalog {
    public static final String PATH = "scenarios/catalog/error-codes.json";
    /** Allowed values of "apis". */
    public static final List<String> APIS = List.of(ErrorCode.ALL, "admin_getroammsg", "group_msg_get_simple",
            "official_account_msg_get_simple");
    private static final Set<String> FIELDS = Set.of("code", "apis", "retry", "produced", "rules", "zh", "en",
            "source");
    private static final Set<String> ROOT_FIELDS = Set.of("$schema", "$comment", "codes");

    private static volatile ErrorCatalog bundled;

    private final List<ErrorCode> codes;
    private final Map<Integer, ErrorCode> byCode;

    private ErrorCatalog(List<ErrorCode> codes) {
        this.codes = List.copyOf(codes);
        Map<Integer, ErrorCode> map = new LinkedHashMap<>();
        for (ErrorCode c : this.codes) {
            map.put(c.code(), c);
        }
        this.byCode = Collections.unmodifiableMap(map);
    }

    /** The catalogue packaged with the stubs; loaded once. */
    public static ErrorCatalog bundled() {
        ErrorCatalog c = bundled;
        if (c == null) {
            synchronized (ErrorCatalog.class) {
                c = bundled;
                if (c == null) {
                    c = load(PATH);
                    bundled = c;
                }
            }
        }
        return c;
    }

    public static ErrorCatalog load(String path) {
        return fromJson(Json.read(ClasspathResources.open(path), path), path);
    }

    public static ErrorCatalog fromJson(JsonNode root, String where) {
        if (root == null || !root.isObject()) {
            throw new ContractException(where + ": the error-code catalogue must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        RuleCatalog.unknownFields(root, ROOT_FIELDS, "", problems);
        JsonNode list = root.get("codes");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ContractException(where + ": \"codes\" must be a non-empty array");
        }
        List<ErrorCode> parsed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ErrorCode c = parseCode(list.get(i), i, problems);
            if (c != null) {
                parsed.add(c);
            }
        }
        problems.addAll(check(parsed));
        if (!problems.isEmpty()) {
            throw new ContractException(where + ": invalid error-code catalogue:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new ErrorCatalog(parsed);
    }

    public static ErrorCatalog of(List<ErrorCode> codes) {
        List<String> problems = check(codes);
        if (!problems.isEmpty()) {
            throw new ContractException("invalid error-code catalogue:\n  - " + String.join("\n  - ", problems));
        }
        return new ErrorCatalog(codes);
    }

    static List<String> check(List<ErrorCode> codes) {
        List<String> problems = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (ErrorCode c : codes) {
            String at = "code " + c.code();
            if (c.code() < 1) {
                problems.add(at + ": code must be >= 1");
            }
            if (c.apis().isEmpty()) {
                problems.add(at + ": apis is empty");
            }
            if (new HashSet<>(c.apis()).size() != c.apis().size()) {
                problems.add(at + ": apis repeats a value");
            }
            for (String api : c.apis()) {
                if (!APIS.contains(api)) {
                    problems.add(at + ": api " + api + " is not one of " + APIS);
                }
            }
            if (c.rules().isEmpty()) {
                problems.add(at + ": rules is empty (every code must say which rules answer it)");
            }
            for (String rule : c.rules()) {
                if (!RuleCatalog.ID_PATTERN.matcher(rule).matches()) {
                    problems.add(at + ": rule " + rule + " is not a rule ID");
                }
            }
            if (c.zh().isBlank() || c.en().isBlank() || c.source().isBlank()) {
                problems.add(at + ": zh, en and source must not be empty");
            }
            if (!seen.add(c.code())) {
                problems.add(at + ": duplicate code");
            }
        }
        return problems;
    }

    private static ErrorCode parseCode(JsonNode node, int index, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add("codes[" + index + "]: not an object");
            return null;
        }
        JsonNode codeNode = node.get("code");
        String at = codeNode != null && codeNode.isIntegralNumber() ? "code " + codeNode.asText()
                : "codes[" + index + "]";
        int before = problems.size();
        RuleCatalog.unknownFields(node, FIELDS, at + ": ", problems);
        if (codeNode == null) {
            problems.add(at + ": missing code");
        } else if (!codeNode.isIntegralNumber() || !codeNode.canConvertToInt()) {
            problems.add(at + ": code must be an integer");
        }
        List<String> apis = strings(node, "apis", at, problems);
        JsonNode retry = node.get("retry");
        if (retry == null) {
            problems.add(at + ": missing retry");
        } else if (!retry.isBoolean()) {
            problems.add(at + ": retry must be true or false");
        }
        String produced = RuleCatalog.text(node, "produced", true, at, problems);
        if (produced != null && !List.of("engine", "deviation").contains(produced)) {
            problems.add(at + ": produced \"" + produced + "\" is not one of [engine, deviation]");
        }
        List<String> rules = strings(node, "rules", at, problems);
        String zh = RuleCatalog.text(node, "zh", true, at, problems);
        String en = RuleCatalog.text(node, "en", true, at, problems);
        String source = RuleCatalog.text(node, "source", true, at, problems);
        if (problems.size() > before) {
            return null;
        }
        return new ErrorCode(codeNode.intValue(), apis, retry.booleanValue(), Produced.fromJson(produced), rules,
                zh, en, source);
    }

    private static List<String> strings(JsonNode node, String field, String at, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null) {
            problems.add(at + ": missing " + field);
            return List.of();
        }
        if (!v.isArray()) {
            problems.add(at + ": " + field + " must be an array of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                problems.add(at + ": " + field + " must be an array of strings");
                return List.of();
            }
            out.add(item.asText());
        }
        return out;
    }

    public List<ErrorCode> all() {
        return codes;
    }

    public int size() {
        return codes.size();
    }

    public Optional<ErrorCode> find(int code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public ErrorCode get(int code) {
        ErrorCode c = byCode.get(code);
        if (c == null) {
            throw new ContractException("unknown error code " + code + " (not in " + PATH + ")");
        }
        return c;
    }

    public boolean contains(int code) {
        return byCode.containsKey(code);
    }

    /** All codes, in catalogue order. */
    public Set<Integer> codes() {
        return byCode.keySet();
    }

    /** Whether repeating the same request can help; false for a code the catalogue does not know. */
    public boolean retryCanHelp(int code) {
        ErrorCode c = byCode.get(code);
        return c != null && c.retry();
    }

    /** The codes {@code api} can answer (its own and the shared ones), in catalogue order. */
    public List<ErrorCode> forApi(String api) {
        return codes.stream().filter(c -> c.appliesTo(api)).toList();
    }

    public List<ErrorCode> byProduced(Produced produced) {
        return codes.stream().filter(c -> c.produced() == produced).toList();
    }

    /** Every rule ID some code lists, in catalogue order. */
    public Set<String> ruleIds() {
        Set<String> ids = new LinkedHashSet<>();
        codes.forEach(c -> ids.addAll(c.rules()));
        return Collections.unmodifiableSet(ids);
    }

    @Override
    public String toString() {
        return "ErrorCatalog(" + codes.size() + " codes)";
    }
}
