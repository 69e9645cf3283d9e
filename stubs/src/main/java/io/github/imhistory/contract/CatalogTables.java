package io.github.imhistory.contract;

import io.github.imhistory.contract.ErrorCode.Produced;
import io.github.imhistory.contract.Rule.Basis;
import io.github.imhistory.contract.Rule.Level;
import java.util.List;
import java.util.Map;

/**
 * Markdown tables derived from the catalogues, for the README and reports; the catalogues stay the single source.
 * Also finds and replaces marked sections ({@code <!-- BEGIN GENERATED: name -->} ... {@code <!-- END GENERATED:
 * name -->}) of a Markdown document, so the README can be checked against and regenerated from the catalogues.
 */
public final class CatalogTables {
    public static final String RULES_SECTION = "rules";
    public static final String ERROR_CODES_SECTION = "error-codes";

    /** Headings for the catalogue scopes; a scope not listed here is titled by its name. */
    private static final Map<String, String> API_TITLES = Map.of(
            "common", "Common REST conventions",
            "usersig", "UserSig",
            "elements", "Message elements (MsgBody)",
            "admin_getroammsg", "One-to-one history, `v4/openim/admin_getroammsg`",
            "group_msg_get_simple", "Group history, `v4/group_open_http_svc/group_msg_get_simple`",
            "official_account_msg_get_simple",
            "Official-account history, `v4/official_account_open_http_svc/official_account_msg_get_simple`");

    private CatalogTables() {}

    /** {@code **122 rules**: 85 documented MUST, 4 documented SHOULD, 33 inferred (27 MUST, 6 SHOULD).} */
    public static String rulesSummary(RuleCatalog rules) {
        long docMust = rules.filter(r -> r.basis() == Basis.DOCUMENTED && r.level() == Level.MUST).size();
        long docShould = rules.filter(r -> r.basis() == Basis.DOCUMENTED && r.level() == Level.SHOULD).size();
        long infMust = rules.filter(r -> r.basis() == Basis.INFERRED && r.level() == Level.MUST).size();
        long infShould = rules.filter(r -> r.basis() == Basis.INFERRED && r.level() == Level.SHOULD).size();
        return "**" + plural(rules.size(), "rule") + "**: " + docMust + " documented MUST, " + docShould
                + " documented SHOULD, " + (infMust + infShould) + " inferred (" + infMust + " MUST, " + infShould
                + " SHOULD).";
    }

    /**
     * The summary line, then per scope (in catalogue order) a level-3 heading and up to three tables: documented MUST
     * and documented SHOULD rules with the excerpts they quote, then inferred rules with their why. Rules keep their
     * catalogue order within each table.
     */
    public static String rulesTable(RuleCatalog rules) {
        StringBuilder out = new StringBuilder();
        out.append(rulesSummary(rules)).append('\n');
        for (String api : rules.apis()) {
            List<Rule> group = rules.byApi(api);
            List<Rule> docMust = group.stream().filter(r -> r.documented() && r.level() == Level.MUST).toList();
            List<Rule> docShould = group.stream().filter(r -> r.documented() && r.level() == Level.SHOULD).toList();
            List<Rule> inferred = group.stream().filter(r -> !r.documented()).toList();
            out.append('\n').append("### ").append(API_TITLES.getOrDefault(api, api)).append(" (")
                    .append(plural(group.size(), "rule")).append(": ").append(docMust.size())
                    .append(" documented MUST, ").append(docShould.size()).append(" documented SHOULD, ")
                    .append(inferred.size()).append(" inferred)\n");
            documentedTable(out, "Documented MUST", docMust);
            documentedTable(out, "Documented SHOULD", docShould);
            if (!inferred.isEmpty()) {
                out.append("\n**Inferred** (").append(inferred.size()).append(")\n\n");
                out.append("| ID | Level | Binds | Statement | Why |\n");
                out.append("|---|---|---|---|---|\n");
                for (Rule r : inferred) {
                    row(out, r.id(), r.level().name(), r.binds().json(), r.statement(), why(r));
                }
            }
        }
        return out.toString();
    }

    private static void documentedTable(StringBuilder out, String title, List<Rule> rules) {
        if (rules.isEmpty()) {
            return;
        }
        out.append("\n**").append(title).append("** (").append(rules.size()).append(")\n\n");
        out.append("| ID | Binds | Statement | Quoted from |\n");
        out.append("|---|---|---|---|\n");
        for (Rule r : rules) {
            String quoted = String.join("<br>", r.excerpts().stream()
                    .map(e -> escape(e.doc()) + ": “" + escape(e.text()) + "”").toList());
            out.append("| ").append(escape(r.id())).append(" | ").append(escape(r.binds().json())).append(" | ")
                    .append(escape(r.statement())).append(" | ").append(quoted).append(" |\n");
        }
    }

    private static String why(Rule r) {
        // An inferred rule may still cite where its facts come from; the reasoning comes first.
        return r.source() == null ? r.why() : r.why() + " (source: " + r.source() + ")";
    }

    /** {@code **44 error codes**: 21 answered by the engine, 23 only by scripted deviations; a retry can help for 9.} */
    public static String errorCodesSummary(ErrorCatalog codes) {
        int engine = codes.byProduced(Produced.ENGINE).size();
        int deviation = codes.byProduced(Produced.DEVIATION).size();
        long retry = codes.all().stream().filter(ErrorCode::retry).count();
        return "**" + plural(codes.size(), "error code") + "**: " + engine + " answered by the engine, " + deviation
                + " only by scripted deviations; a retry can help for " + retry + ".";
    }

    /** The summary line and one table of all codes, in catalogue order. */
    public static String errorCodesTable(ErrorCatalog codes) {
        StringBuilder out = new StringBuilder();
        out.append(errorCodesSummary(codes)).append("\n\n");
        out.append("| Code | APIs | Meaning (EN) | Meaning (ZH) | Retry | Produced by | Rules | Source |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (ErrorCode c : codes.all()) {
            row(out, String.valueOf(c.code()), String.join(", ", c.apis()), c.en(), c.zh(), c.retry() ? "yes" : "no",
                    c.produced().json(), String.join(", ", c.rules()), c.source());
        }
        return out.toString();
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void row(StringBuilder out, String... cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(escape(cell)).append(" |");
        }
        out.append('\n');
    }

    /**
     * Makes text safe for one Markdown table cell: '|' would end the cell and a newline the row; backslash, '*',
     * '_' and '`' would start escapes, emphasis or code ({@code "_1_"} renders as an italic 1), and '<', '>' tags
     * ({@code <seq>} would vanish).
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normalized.length(); i++) {
            char ch = normalized.charAt(i);
            switch (ch) {
                case '|', '\\', '*', '_', '`' -> out.append('\\').append(ch);
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\n' -> out.append("<br>");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    public static String beginMarker(String section) {
        return "<!-- BEGIN GENERATED: " + section + " -->";
    }

    public static String endMarker(String section) {
        return "<!-- END GENERATED: " + section + " -->";
    }

    /** What belongs between the markers of {@code section}: a do-not-edit note, a blank line and the table. */
    public static String section(String section, RuleCatalog rules, ErrorCatalog codes) {
        return switch (section) {
            case RULES_SECTION -> "<!-- Generated from " + RuleCatalog.PATH
                    + " by ReadmeTablesTest; edit the catalogue, not this table. -->\n\n" + rulesTable(rules);
            case ERROR_CODES_SECTION -> "<!-- Generated from " + ErrorCatalog.PATH
                    + " by ReadmeTablesTest; edit the catalogue, not this table. -->\n\n" + errorCodesTable(codes);
            default -> throw new IllegalArgumentException("unknown section " + section);
        };
    }

    /**
     * The text between the end of the line holding the BEGIN marker and the start of the line holding the END marker
     * (line endings normalized to \n).
     *
     * @throws ContractException if either marker is missing, repeated or out of order
     */
    public static String extractSection(String document, String section) {
        String doc = normalize(document);
        int[] span = span(doc, section);
        return doc.substring(span[0], span[1]);
    }

    /** {@code document} with the content of {@code section} replaced by {@code content} (normalized to \n). */
    public static String replaceSection(String document, String section, String content) {
        String doc = normalize(document);
        int[] span = span(doc, section);
        String body = normalize(content);
        if (!body.isEmpty() && !body.endsWith("\n")) {
            body += "\n";
        }
        return doc.substring(0, span[0]) + body + doc.substring(span[1]);
    }

    private static int[] span(String doc, String section) {
        String begin = beginMarker(section);
        String end = endMarker(section);
        int b = doc.indexOf(begin);
        int e = doc.indexOf(end);
        if (b < 0 || e < 0) {
            throw new ContractException("the document lacks the marker " + (b < 0 ? begin : end));
        }
        if (doc.indexOf(begin, b + 1) >= 0 || doc.indexOf(end, e + 1) >= 0) {
            throw new ContractException("the markers of section " + section + " appear more than once");
        }
        int contentStart = doc.indexOf('\n', b);
        if (contentStart < 0 || contentStart >= e) {
            throw new ContractException("the markers of section " + section
                    + " must stand on their own lines, BEGIN before END");
        }
        int contentEnd = doc.lastIndexOf('\n', e - 1) + 1;
        return new int[] {contentStart + 1, Math.max(contentStart + 1, contentEnd)};
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n");
    }
}
