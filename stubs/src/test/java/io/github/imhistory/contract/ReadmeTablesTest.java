package io.github.imhistory.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.imhistory.contract.ErrorCode.Produced;
import io.github.imhistory.contract.Rule.Basis;
import io.github.imhistory.contract.Rule.Binds;
import io.github.imhistory.contract.Rule.Excerpt;
import io.github.imhistory.contract.Rule.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's rule and error-code tables are generated from the catalogues. This test fails when they drift; with
 * {@code -Dimhistory.updateReadme=true} it rewrites the two marked sections instead.
 */
class ReadmeTablesTest {
    static final String REGENERATE = "mvn -B -ntp -pl stubs test -Dtest=ReadmeTablesTest -Dimhistory.updateReadme=true";

    /** The repository's README: {@code imhistory.repoRoot} (set by the parent pom's surefire configuration), else ../. */
    static Path readme() {
        String root = System.getProperty("imhistory.repoRoot");
        if (root != null && !root.isBlank() && Files.isRegularFile(Path.of(root, "README.md"))) {
            return Path.of(root, "README.md");
        }
        return Path.of("..", "README.md");
    }

    @Test
    void readmeTablesMatchTheCatalogues() throws IOException {
        Path readme = readme();
        assertThat(readme).as("README.md (repo root from -Dimhistory.repoRoot or ../)").isRegularFile();
        String doc = Files.readString(readme, StandardCharsets.UTF_8);
        RuleCatalog rules = RuleCatalog.bundled();
        ErrorCatalog codes = ErrorCatalog.bundled();
        boolean update = Boolean.getBoolean("imhistory.updateReadme");
        String updated = doc;
        for (String section : List.of(CatalogTables.RULES_SECTION, CatalogTables.ERROR_CODES_SECTION)) {
            String expected = CatalogTables.section(section, rules, codes);
            if (update) {
                updated = CatalogTables.replaceSection(updated, section, expected);
            } else {
                String actual = CatalogTables.extractSection(doc, section);
                if (!actual.equals(expected)) {
                    throw new AssertionError("the '" + section + "' section of " + readme.toAbsolutePath().normalize()
                            + " differs from the catalogue (" + firstDifference(expected, actual)
                            + "); regenerate it with: " + REGENERATE);
                }
            }
        }
        if (update && !updated.equals(doc.replace("\r\n", "\n"))) {
            Files.writeString(readme, updated, StandardCharsets.UTF_8);
            System.out.println("ReadmeTablesTest: rewrote the generated sections of "
                    + readme.toAbsolutePath().normalize());
        }
    }

    /** Where two texts first differ, by line, short enough for a failure message. */
    static String firstDifference(String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : "<end>";
            String al = i < a.size() ? a.get(i) : "<end>";
            if (!el.equals(al)) {
                return "first difference at line " + (i + 1) + " of the section: expected \"" + el + "\" but found \""
                        + al + "\"";
            }
        }
        return "they differ in line endings or a final newline";
    }

    @Test
    void firstDifferenceNamesTheLine() {
        assertThat(firstDifference("a\nb\nc\n", "a\nB\nc\n"))
                .isEqualTo("first difference at line 2 of the section: expected \"b\" but found \"B\"");
        assertThat(firstDifference("a\nb\n", "a\n")).contains("line 2").contains("found \"<end>\"");
    }

    private static final RuleCatalog SMALL = RuleCatalog.of(List.of(
            new Rule("COM-HTTP-001", "common", Level.MUST, Binds.SERVER, Basis.DOCUMENTED, "seed 000 | ref §1.2", null,
                    "Always 200\nwith a body.", List.of(new Excerpt("seed 000", "HTTP 返回码均为200"))),
            new Rule("C2C-PAGE-009", "admin_getroammsg", Level.SHOULD, Binds.SERVER, Basis.DOCUMENTED, "seed 001",
                    null, "Key Seq_Random_Time positions \"<seq>_1_0\".",
                    List.of(new Excerpt("seed 001", "a | b"), new Excerpt("ref §6", "*x*"))),
            new Rule("C2C-PAGE-008", "admin_getroammsg", Level.MUST, Binds.CLIENT, Basis.INFERRED, null,
                    "Exclusive *boundary*.", "Strictly before LastMsgKey.")));

    @Test
    void summaryCountsLevelsByBasis() {
        assertThat(CatalogTables.rulesSummary(SMALL))
                .isEqualTo("**3 rules**: 1 documented MUST, 1 documented SHOULD, 1 inferred (1 MUST, 0 SHOULD).");
    }

    @Test
    void rulesAreGroupedByApiThenSplitIntoDocumentedMustDocumentedShouldAndInferred() {
        String table = CatalogTables.rulesTable(SMALL);
        List<String> lines = table.lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("### ") || l.startsWith("**"))).containsExactly(
                "**3 rules**: 1 documented MUST, 1 documented SHOULD, 1 inferred (1 MUST, 0 SHOULD).",
                "### Common REST conventions (1 rule: 1 documented MUST, 0 documented SHOULD, 0 inferred)",
                "**Documented MUST** (1)",
                "### One-to-one history, `v4/openim/admin_getroammsg` (2 rules: 0 documented MUST, 1 documented SHOULD,"
                        + " 1 inferred)",
                "**Documented SHOULD** (1)",
                "**Inferred** (1)");
        assertThat(lines).contains(
                "| ID | Binds | Statement | Quoted from |",
                "| COM-HTTP-001 | server | Always 200<br>with a body. | seed 000: “HTTP 返回码均为200” |",
                "| C2C-PAGE-009 | server | Key Seq\\_Random\\_Time positions \"&lt;seq&gt;\\_1\\_0\". "
                        + "| seed 001: “a \\| b”<br>ref §6: “\\*x\\*” |",
                "| ID | Level | Binds | Statement | Why |",
                "| C2C-PAGE-008 | MUST | client | Strictly before LastMsgKey. | Exclusive \\*boundary\\*. |");
    }

    @Test
    void everyBundledRuleAndCodeHasOneRow() {
        String rules = CatalogTables.rulesTable(RuleCatalog.bundled());
        for (Rule r : RuleCatalog.bundled().all()) {
            assertThat(rules.lines().filter(l -> l.startsWith("| " + r.id() + " |"))).as(r.id()).hasSize(1);
        }
        String codes = CatalogTables.errorCodesTable(ErrorCatalog.bundled());
        for (ErrorCode c : ErrorCatalog.bundled().all()) {
            assertThat(codes.lines().filter(l -> l.startsWith("| " + c.code() + " |"))).as("" + c.code()).hasSize(1);
        }
        // Every row has as many cells as its table's header: no unescaped '|' slipped through.
        assertColumns(rules);
        assertColumns(codes);
        for (Rule r : RuleCatalog.bundled().byBasis(Basis.DOCUMENTED)) {
            String row = rules.lines().filter(l -> l.startsWith("| " + r.id() + " |")).findFirst().orElseThrow();
            assertThat(row).as(r.id()).contains(CatalogTables.escape(r.excerpts().get(0).text()));
        }
    }

    private static void assertColumns(String table) {
        int columns = -1;
        for (String row : table.lines().filter(l -> l.startsWith("|")).toList()) {
            if (row.startsWith("| ID |") || row.startsWith("| Code |")) {
                columns = cells(row);
            }
            assertThat(cells(row)).as(row).isEqualTo(columns);
        }
        assertThat(columns).as("a table header").isPositive();
    }

    private static int cells(String row) {
        return row.replace("\\|", "").split("\\|", -1).length - 2;
    }

    @Test
    void errorCodeRowsCarryEveryColumn() {
        ErrorCatalog small = ErrorCatalog.of(List.of(new ErrorCode(10002,
                List.of("group_msg_get_simple", "official_account_msg_get_simple"), true, Produced.DEVIATION,
                List.of("GRP-ERR-005", "OA-ERR-005"), "服务器内部错误，请重试", "Internal | error", "seed 002")));
        String table = CatalogTables.errorCodesTable(small);
        assertThat(table.lines().toList()).contains(
                "| Code | APIs | Meaning (EN) | Meaning (ZH) | Retry | Produced by | Rules | Source |",
                "| 10002 | group\\_msg\\_get\\_simple, official\\_account\\_msg\\_get\\_simple | Internal \\| error"
                        + " | 服务器内部错误，请重试 | yes | deviation | GRP-ERR-005, OA-ERR-005 | seed 002 |");
        assertThat(table).startsWith("**1 error code**: 0 answered by the engine, 1 only by scripted deviations;"
                + " a retry can help for 1.");
    }

    @Test
    void escapeKeepsACellOnOneLineAndLiteral() {
        assertThat(CatalogTables.escape("a|b\r\nc\\d_e*f`g<h>")).isEqualTo("a\\|b<br>c\\\\d\\_e\\*f\\`g&lt;h&gt;");
        assertThat(CatalogTables.escape(null)).isEmpty();
    }

    private static final String DOC = """
            # Title

            <!-- BEGIN GENERATED: rules -->
            old rules
            <!-- END GENERATED: rules -->

            <!-- BEGIN GENERATED: error-codes -->
            <!-- END GENERATED: error-codes -->
            tail
            """;

    @Test
    void sectionsAreExtractedBetweenTheMarkerLines() {
        assertThat(CatalogTables.extractSection(DOC, "rules")).isEqualTo("old rules\n");
        assertThat(CatalogTables.extractSection(DOC, "error-codes")).isEmpty();
        assertThat(CatalogTables.extractSection(DOC.replace("\n", "\r\n"), "rules")).isEqualTo("old rules\n");
    }

    @Test
    void replacingASectionTouchesNothingElseAndIsIdempotent() {
        String once = CatalogTables.replaceSection(DOC, "error-codes", "| a |\n");
        assertThat(CatalogTables.extractSection(once, "error-codes")).isEqualTo("| a |\n");
        assertThat(CatalogTables.extractSection(once, "rules")).isEqualTo("old rules\n");
        assertThat(once).startsWith("# Title\n").endsWith("<!-- END GENERATED: error-codes -->\ntail\n");
        assertThat(CatalogTables.replaceSection(once, "error-codes", "| a |\n")).isEqualTo(once);
        assertThat(CatalogTables.replaceSection(DOC, "rules", "new")).contains("\nnew\n<!-- END GENERATED: rules");
    }

    @Test
    void driftIsDetected() {
        String generated = CatalogTables.section("rules", SMALL, ErrorCatalog.bundled());
        String doc = CatalogTables.replaceSection(DOC, "rules", generated);
        assertThat(CatalogTables.extractSection(doc, "rules")).isEqualTo(generated);
        String edited = doc.replace("Always 200", "Always 201");
        assertThat(CatalogTables.extractSection(edited, "rules")).isNotEqualTo(generated);
    }

    @Test
    void missingOrMisplacedMarkersAreErrors() {
        assertThatThrownBy(() -> CatalogTables.extractSection("# nothing\n", "rules"))
                .isInstanceOf(ContractException.class).hasMessageContaining("<!-- BEGIN GENERATED: rules -->");
        assertThatThrownBy(() -> CatalogTables.extractSection(
                "<!-- END GENERATED: rules -->\n<!-- BEGIN GENERATED: rules -->\n", "rules"))
                .isInstanceOf(ContractException.class);
        assertThatThrownBy(() -> CatalogTables.extractSection(DOC + DOC, "rules"))
                .isInstanceOf(ContractException.class).hasMessageContaining("more than once");
    }
}
