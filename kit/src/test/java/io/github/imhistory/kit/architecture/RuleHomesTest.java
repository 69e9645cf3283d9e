package io.github.imhistory.kit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import io.github.imhistory.contract.check.Declared;
import io.github.imhistory.contract.check.Findings;
import io.github.imhistory.contract.check.Verifies;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One home per rule: every rule has exactly one declared verification for each side it binds, either a check
 * method ({@link Verifies}, directly or through a role of the APIs' profiles) or a {@link Declared} mechanism (the
 * error catalogue, the comparison with the engine, or "not verifiable here" with the reason). The project's tests also
 * run with {@code imhistory.checkHomes=true}, which makes a finding made outside its rule's home a kit error.
 */
class RuleHomesTest {
    /** Every declaration, per side and rule: "Class#method" or the mechanism. */
    static final Map<Side, Map<RuleId, List<String>>> HOMES = new EnumMap<>(Side.class);

    @BeforeAll
    static void collect() {
        for (Side side : Side.values()) {
            HOMES.put(side, new EnumMap<>(RuleId.class));
        }
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.imhistory");
        classes.forEach(c -> {
            for (Method m : c.reflect().getDeclaredMethods()) {
                Verifies v = m.getAnnotation(Verifies.class);
                if (v == null) {
                    continue;
                }
                String where = c.getSimpleName() + "#" + m.getName();
                for (RuleId rule : RuleId.values()) {
                    if (Findings.declares(v, rule)) {
                        HOMES.get(v.side()).computeIfAbsent(rule, r -> new ArrayList<>()).add(where);
                    }
                }
            }
        });
        for (Declared.Declaration d : Declared.all()) {
            HOMES.get(d.side()).computeIfAbsent(d.rule(), r -> new ArrayList<>()).add(d.mechanism().name());
        }
    }

    @Test
    void everyRuleHasExactlyOneVerificationForEachSideItBinds() {
        List<String> problems = new ArrayList<>();
        for (RuleId rule : RuleId.values()) {
            for (Side side : Side.values()) {
                List<String> homes = HOMES.get(side).getOrDefault(rule, List.of());
                boolean binds = side.boundBy(rule.rule());
                if (binds && homes.isEmpty()) {
                    problems.add(rule + " (" + side + "): no declared verification");
                } else if (binds && homes.size() > 1) {
                    problems.add(rule + " (" + side + "): verified in " + homes.size() + " places " + homes);
                } else if (!binds && !homes.isEmpty()) {
                    problems.add(rule + " (" + side + "): declared at " + homes + " but the rule binds "
                            + rule.rule().binds().json());
                }
            }
        }
        assertThat(problems).as("rules without exactly one home").isEmpty();
    }

    @Test
    void aRuleVerifiedByTheErrorCatalogueIsListedThere() {
        ErrorCatalog errors = ErrorCatalog.bundled();
        List<String> missing = new ArrayList<>();
        for (Declared.Declaration d : Declared.all()) {
            if (d.mechanism() == Declared.Mechanism.ERROR_CATALOGUE && !Declared.precedence(d.rule())
                    && !errors.ruleIds().contains(d.rule().id())) {
                missing.add(d.rule().id());
            }
        }
        assertThat(missing).as("rules declared as verified by the error catalogue that no code lists").isEmpty();
    }

    /** Prints where each rule is checked: the answer to "where is GRP-PAGE-001 checked?". */
    @Test
    void everyHomeCanBeLookedUp() {
        Map<String, String> table = new TreeMap<>();
        HOMES.forEach((side, byRule) -> byRule.forEach((rule, homes) ->
                table.put(rule.id() + " " + side, String.join(", ", homes))));
        assertThat(table).containsKey("GRP-PAGE-001 SERVER");
        if (Boolean.getBoolean("imhistory.printHomes")) {
            table.forEach((k, v) -> System.out.println(k + " -> " + v));
        }
    }

    /** Rule IDs the compiler knows: main code names a rule by {@link RuleId}, never by a string it could misspell. */
    @Test
    void mainCodeHoldsNoRuleIdStringLiteral() throws java.io.IOException {
        java.util.regex.Pattern literal = java.util.regex.Pattern.compile("\"(C2C|GRP|OA|COM|SIG|ELEM)-[A-Z]+-[0-9]{3}\"");
        List<String> found = new ArrayList<>();
        for (String module : List.of("../stubs/src/main/java", "src/main/java")) {
            try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(module))) {
                for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    List<String> lines = java.nio.file.Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (literal.matcher(lines.get(i)).find()) {
                            found.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(found).as("rule IDs written as strings in main code (use RuleId)").isEmpty();
    }
}
