package io.github.imhistory.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.imhistory.contract.Rule.Basis;
import io.github.imhistory.contract.Rule.Binds;
import io.github.imhistory.contract.Rule.Excerpt;
import io.github.imhistory.contract.Rule.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Documented means quoted: every excerpt of a documented rule is found, verbatim, in the page it cites, and a
 * reference-notes excerpt is a [D] fact (documented by Tencent), not one the notes label [S] (SDK or third-party code)
 * or [I] (inferred).
 *
 * <p>The pages are not part of the repository: they are {@code ../shared/seeds/*.txt} and
 * {@code ../shared/reference/tencent-im-notes.md} beside it, as in CI. Where they are absent the test is skipped with
 * the reason, unless {@code -Dimhistory.requireSeeds=true} (set by {@code .ci/run}) makes that a failure. The checks
 * themselves are also run on small made-up pages, so they are known to fail when they should wherever the build runs.
 *
 * <p>Verbatim means: the excerpt appears in the page once runs of whitespace are collapsed to one space on both sides
 * (the pages are scraped and their line breaks vary); nothing else is normalised, not punctuation and not the width of
 * commas.
 *
 * <p>Which label governs a reference excerpt, in this order: a label on one of its own lines; else the label of the
 * bullet it belongs to; else the label of its paragraph's lead line (a bold lead-in such as {@code **Documented
 * [D]:**}, or a paragraph such as {@code Sources [S]:}), where a lead without a label that names Tencent's pages (a
 * document number 269/…, 679/…, 1047/… or a Tencent document URL) counts as [D], as the notes define [D] ("documented
 * by Tencent. The URL is given."); else the label of its heading or of the headings above it. Only [D] passes.
 */
class ExcerptsTest {
    static final String REQUIRE = "imhistory.requireSeeds";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    /** {@code text} with every run of whitespace replaced by one space, trimmed. */
    static String collapse(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    // ---- the bundled catalogue against the pages beside the repository ----

    @Test
    void everyExcerptIsInThePageItCites() {
        Pages pages = Pages.besideTheRepository();
        List<String> problems = new ArrayList<>();
        for (Rule r : RuleCatalog.bundled().all()) {
            problems.addAll(pages.notFound(r));
        }
        assertThat(RuleCatalog.bundled().byBasis(Basis.DOCUMENTED)).allMatch(r -> !r.excerpts().isEmpty());
        if (!problems.isEmpty()) {
            fail(problems.size() + (problems.size() == 1 ? " excerpt of a documented rule is" : " excerpts of documented"
                    + " rules are") + " not in the page cited (" + pages.where + "):\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    @Test
    void documentedRulesCiteOnlySeedPagesOrDocumentedReferenceFacts() {
        Pages pages = Pages.besideTheRepository();
        List<String> problems = new ArrayList<>();
        for (Rule r : RuleCatalog.bundled().byBasis(Basis.DOCUMENTED)) {
            assertThat(r.excerpts()).as(r.id()).allMatch(e -> Excerpt.DOC.matcher(e.doc()).matches());
            problems.addAll(pages.notDocumented(r));
        }
        assertThat(problems).as("reference excerpts of documented rules that are not [D] facts of the notes").isEmpty();
    }

    // ---- the same checks on made-up pages: they pass and fail when they should ----

    private static final String NOTES = String.join("\n",
            "# Notes",
            "## 1. Common",
            "### 1.1 URL [D]",
            "- The method is **POST only**.",
            "### 1.5 Codes",
            "**Gateway codes.** Sources: 269/1519 (md copy); also mirrored",
            "in an SDK enum.",
            "",
            "| 60010 | needs App-admin permission |",
            "",
            "**Guesses.**",
            "- A guessed fact, with no label.",
            "## 3. UserSig",
            "Sources [S]:",
            "- tls-sig-api-v2-java",
            "",
            "[D] 269/32688: apps after 2019-07-19 use HMAC-SHA256. Older apps used",
            "ECDSA, which is out of scope.",
            "### Verification",
            "1. Empty input → 70002 [I].",
            "2. Expired iff now > time + expire.",
            "## 6. Behaviour",
            "**Documented [D]:**",
            "- Continue with LastMsgKey.",
            "  Repeat until Complete=1.",
            "```",
            "**fenced, not a lead**",
            "```",
            "- MaxTime stays inclusive.",
            "",
            "**Inferred from the examples [I]:**",
            "- LastMsgKey is the oldest message.",
            "");

    private static Pages madeUp() {
        return new Pages("made-up pages", Map.of(
                "seed 000", "若请求时间段内的消息总大小\n    超过应答包体大小限制（目前为13K）时，则需要续拉。",
                "seed 004", "When all messages in the request range are successfully returned, the value is 1"),
                new Notes(NOTES));
    }

    private static Rule documented(String id, Excerpt... excerpts) {
        return new Rule(id, "admin_getroammsg", Level.MUST, Binds.SERVER, Basis.DOCUMENTED, "seed 000", null, "s",
                List.of(excerpts));
    }

    @Test
    void anExcerptMatchesAcrossLineBreaksAndNothingElseIsNormalised() {
        Pages pages = madeUp();
        assertThat(pages.notFound(documented("C2C-PAGE-005",
                new Excerpt("seed 000", "若请求时间段内的消息总大小 超过应答包体大小限制（目前为13K）时")))).isEmpty();
        assertThat(pages.notFound(documented("C2C-PAGE-005",
                new Excerpt("seed 000", "若请求时间段内的消息总大小 超过应答包体大小限制(目前为13K)时"))))
                .singleElement().asString()
                .startsWith("C2C-PAGE-005: seed 000 does not contain \"若请求时间段内的消息总大小 超过应答包体大小限制(目前为13K)时\"")
                .contains("it matches up to \"…小 超过应答包体大小限制\", then the page reads \"（目前为13K）时，则需要续拉。\"");
        assertThat(collapse(" a\n\t b\u3000c ")).isEqualTo("a b c");
    }

    @Test
    void aMissingPageOrSectionIsReported() {
        Pages pages = madeUp();
        assertThat(pages.notFound(documented("C2C-PAGE-005", new Excerpt("seed 002", "x"))))
                .containsExactly("C2C-PAGE-005: seed 002 is not among the pages (made-up pages)");
        assertThat(pages.notFound(documented("C2C-PAGE-005", new Excerpt("ref §9.9", "x"))))
                .containsExactly("C2C-PAGE-005: ref §9.9: the reference notes have no section 9.9");
        assertThat(pages.notFound(documented("C2C-PAGE-005", new Excerpt("ref §1.1", "POST or GET"))))
                .singleElement().asString().startsWith("C2C-PAGE-005: ref §1.1 does not contain \"POST or GET\"");
    }

    @Test
    void onlyDocumentedReferenceFactsCount() {
        Notes notes = new Notes(NOTES);
        assertThat(notes.label("1.1", "The method is **POST only**.")).isEqualTo("[D]");       // heading
        assertThat(notes.label("1.5", "| 60010 | needs App-admin permission |")).isEqualTo("[D]"); // lead names 269/…
        assertThat(notes.label("1.5", "A guessed fact")).isEqualTo("unlabelled (lead: **Guesses.**)");
        assertThat(notes.label("3", "apps after 2019-07-19 use HMAC-SHA256")).isEqualTo("[D]");  // its own line
        assertThat(notes.label("3", "ECDSA, which is out of scope.")).isEqualTo("[D]");          // its paragraph
        assertThat(notes.label("3", "tls-sig-api-v2-java")).startsWith("[S]");
        assertThat(notes.label("3", "Empty input → 70002")).startsWith("[I]");
        assertThat(notes.label("3", "Expired iff now > time + expire.")).startsWith("unlabelled");
        assertThat(notes.label("6", "Repeat until Complete=1.")).isEqualTo("[D]");               // bullet continuation
        assertThat(notes.label("6", "MaxTime stays inclusive.")).isEqualTo("[D]");  // a fenced line is no lead
        assertThat(notes.label("6", "LastMsgKey is the oldest message."))
                .isEqualTo("[I] (lead: **Inferred from the examples [I]:**)");
        Rule quotingAnInference = documented("C2C-PAGE-003", new Excerpt("ref §6", "LastMsgKey is the oldest"));
        assertThat(madeUp().notFound(quotingAnInference)).isEmpty();
        assertThat(madeUp().notDocumented(quotingAnInference))
                .containsExactly("C2C-PAGE-003: ref §6 quotes a fact the notes do not label [D]: "
                        + "[I] (lead: **Inferred from the examples [I]:**)");
    }

    @Test
    void theSeedFolderIsFoundBesideTheRepository() {
        Path shared = Pages.shared();
        assertThat(shared.getFileName()).hasToString("shared");
        assertThat(shared.getParent()).isEqualTo(Pages.repoRoot().getParent());
    }

    private static String section(Excerpt e) {
        return e.doc().substring("ref §".length());
    }

    /** The pages a catalogue may quote: the seed pages by {@code seed 00N}, and the reference notes. */
    static final class Pages {
        final String where;
        private final Map<String, String> seeds;
        final Notes notes;

        Pages(String where, Map<String, String> seeds, Notes notes) {
            this.where = where;
            this.seeds = new TreeMap<>();
            seeds.forEach((doc, text) -> this.seeds.put(doc, collapse(text)));
            this.notes = notes;
        }

        static Path repoRoot() {
            String root = System.getProperty("imhistory.repoRoot");
            if (root != null && !root.isBlank()) {
                return Path.of(root).toAbsolutePath().normalize();
            }
            return Path.of("").toAbsolutePath().getParent();
        }

        static Path shared() {
            return repoRoot().resolve("../shared").normalize();
        }

        /** The pages in ../shared, or the test is skipped (failed with -Dimhistory.requireSeeds=true). */
        static Pages besideTheRepository() {
            Path seedDir = shared().resolve("seeds");
            Path notes = shared().resolve("reference/tencent-im-notes.md");
            if (!Files.isDirectory(seedDir) || !Files.isRegularFile(notes)) {
                String reason = "the seed pages are not beside the repository (" + seedDir + " and " + notes
                        + "), so the excerpts of documented rules cannot be checked against them";
                if (Boolean.getBoolean(REQUIRE)) {
                    fail(REQUIRE + " is set but " + reason);
                }
                Assumptions.abort(reason + "; CI has them and sets -D" + REQUIRE + "=true");
            }
            Map<String, String> seeds = new TreeMap<>();
            try (Stream<Path> files = Files.list(seedDir)) {
                for (Path p : files.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (name.matches("00[0-4]_.*\\.txt")) {
                        String doc = "seed " + name.substring(0, 3);
                        if (seeds.put(doc, Files.readString(p, StandardCharsets.UTF_8)) != null) {
                            fail("two files in " + seedDir + " are " + doc);
                        }
                    }
                }
                Notes reference = new Notes(Files.readString(notes, StandardCharsets.UTF_8));
                return new Pages(shared().toString(), seeds, reference);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The excerpts of {@code rule} that are not in the page they cite, one line each naming rule and page. */
        List<String> notFound(Rule rule) {
            List<String> problems = new ArrayList<>();
            for (Excerpt e : rule.excerpts()) {
                String at = rule.id() + ": " + e.doc();
                String text = collapse(e.text());
                String page;
                if (e.seed()) {
                    page = seeds.get(e.doc());
                    if (page == null) {
                        problems.add(at + " is not among the pages (" + where + ")");
                        continue;
                    }
                } else {
                    List<String> section = notes.section(section(e));
                    if (section == null) {
                        problems.add(at + ": the reference notes have no section " + section(e));
                        continue;
                    }
                    page = collapse(String.join("\n", section));
                }
                if (!page.contains(text)) {
                    problems.add(at + " does not contain \"" + e.text() + "\"" + closest(page, text));
                }
            }
            return problems;
        }

        /** The reference excerpts of {@code rule} that quote a fact the notes do not label [D]. */
        List<String> notDocumented(Rule rule) {
            List<String> problems = new ArrayList<>();
            for (Excerpt e : rule.excerpts()) {
                if (!e.seed() && notes.section(section(e)) != null) {
                    String label = notes.label(section(e), e.text());
                    if (!label.equals("[D]") && !label.startsWith("not found")) {
                        problems.add(rule.id() + ": " + e.doc() + " quotes a fact the notes do not label [D]: "
                                + label);
                    }
                }
            }
            return problems;
        }

        /** Where the longest prefix of {@code excerpt} that the page holds stops, to show the first difference. */
        private static String closest(String page, String excerpt) {
            int lo = 0;
            int hi = excerpt.length();
            while (lo < hi) { // the longest prefix found: containment is monotone in the prefix length
                int mid = (lo + hi + 1) / 2;
                if (page.contains(excerpt.substring(0, mid))) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            if (lo == 0) {
                return " (not even its first character)";
            }
            String prefix = excerpt.substring(0, lo);
            int at = page.indexOf(prefix) + lo;
            return " (whitespace collapsed; it matches up to \"…" + prefix.substring(Math.max(0, lo - 12))
                    + "\", then the page reads \"" + page.substring(at, Math.min(page.length(), at + 20)) + "\")";
        }
    }

    /** The reference notes, by numbered section, with the [D]/[S]/[I] label that governs a quoted text. */
    static final class Notes {
        private static final Pattern NUMBERED = Pattern.compile("^(#{2,3}) ([0-9]+(?:\\.[0-9]+)?)[. ]");
        private static final Pattern LABEL = Pattern.compile("\\[([DSI])]");
        private static final Pattern TENCENT_PAGE = Pattern.compile(
                "\\b(?:269|679|1047)/[0-9]+|cloud\\.tencent\\.com/document|tencentcloud\\.com/document|trtc\\.io/");
        private static final Pattern LIST_ITEM = Pattern.compile("^(?:[-*] |[0-9]+\\. )");
        private final List<String> lines;
        private final boolean[] fenced;

        Notes(String text) {
            this.lines = List.of(text.replace("\r\n", "\n").split("\n", -1));
            this.fenced = new boolean[lines.size()];
            boolean in = false;
            for (int i = 0; i < lines.size(); i++) {
                boolean fence = lines.get(i).startsWith("```");
                fenced[i] = in || fence;
                if (fence) {
                    in = !in;
                }
            }
        }

        /** The lines of section {@code number} ({@code "1.5"}, {@code "6"}), heading included; null if none. */
        List<String> section(String number) {
            int[] span = span(number);
            return span == null ? null : lines.subList(span[0], span[1]);
        }

        private int[] span(String number) {
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = NUMBERED.matcher(lines.get(i));
                if (!fenced[i] && m.find() && m.group(2).equals(number)) {
                    int level = m.group(1).length();
                    int end = i + 1;
                    while (end < lines.size() && !(isHeading(end) && headingLevel(end) <= level)) {
                        end++;
                    }
                    return new int[] {i, end};
                }
            }
            return null;
        }

        /**
         * {@code [D]}, {@code [S] (...)}, {@code [I] (...)}, {@code unlabelled (...)} or {@code not found}: the label
         * that governs {@code text} in section {@code number} (see the class comment).
         */
        String label(String number, String text) {
            int[] span = span(number);
            if (span == null) {
                return "not found: no section " + number;
            }
            int[] quoted = find(span, collapse(text));
            if (quoted == null) {
                return "not found";
            }
            Set<String> own = new TreeSet<>();
            for (int i = quoted[0]; i <= quoted[1]; i++) {
                own.addAll(labels(lines.get(i)));
            }
            String verdict = verdict(own, "on the quoted line");
            if (verdict != null) {
                return verdict;
            }
            int first = quoted[0];
            int item = first;
            while (item > span[0] && !lines.get(item).isBlank() && Character.isWhitespace(lines.get(item).charAt(0))) {
                item--; // a continuation line belongs to the list item above it
            }
            if (!fenced[item] && LIST_ITEM.matcher(lines.get(item)).find()) {
                verdict = verdict(labels(lines.get(item)), "bullet: " + lines.get(item).strip());
                if (verdict != null) {
                    return verdict;
                }
            }
            String unlabelledLead = null;
            for (int j = first; j > span[0] && !isHeading(j); j--) {
                if (isLead(j)) { // the paragraph holding j: the lines up to the one after a blank line or heading
                    int from = j;
                    while (from - 1 > span[0] && isLead(from - 1)) {
                        from--;
                    }
                    int to = j;
                    while (to + 1 < span[1] && isLead(to + 1)) {
                        to++;
                    }
                    String paragraph = String.join("\n", lines.subList(from, to + 1));
                    String lead = lines.get(from).strip();
                    verdict = verdict(labels(paragraph), "lead: " + lead);
                    if (verdict != null) {
                        return verdict;
                    }
                    if (TENCENT_PAGE.matcher(paragraph).find()) {
                        return "[D]";
                    }
                    unlabelledLead = lead;
                    break;
                }
            }
            int enclosing = Integer.MAX_VALUE; // the headings that enclose the text: each above has a lower level
            for (int j = first; j >= 0 && enclosing > 2; j--) {
                if (isHeading(j) && headingLevel(j) < enclosing) {
                    enclosing = headingLevel(j);
                    verdict = verdict(labels(lines.get(j)), "heading: " + lines.get(j));
                    if (verdict != null) {
                        return verdict;
                    }
                }
            }
            return unlabelledLead == null ? "unlabelled" : "unlabelled (lead: " + unlabelledLead + ")";
        }

        /** [S] or [I] wins over [D]: a line that mixes them is not a documented fact. */
        private static String verdict(Set<String> labels, String where) {
            for (String bad : List.of("S", "I")) {
                if (labels.contains(bad)) {
                    return "[" + bad + "] (" + where + ")";
                }
            }
            return labels.contains("D") ? "[D]" : null;
        }

        private static Set<String> labels(String line) {
            Set<String> found = new TreeSet<>();
            Matcher m = LABEL.matcher(line);
            while (m.find()) {
                found.add(m.group(1));
            }
            return found;
        }

        /** The first and last line of the first place in the section that holds {@code text}, whitespace collapsed. */
        private int[] find(int[] span, String text) {
            StringBuilder joined = new StringBuilder();
            List<Integer> owner = new ArrayList<>(); // the line of each character of joined
            for (int i = span[0]; i < span[1]; i++) {
                for (String word : WHITESPACE.split(lines.get(i).strip())) {
                    if (word.isEmpty()) {
                        continue;
                    }
                    if (!joined.isEmpty()) {
                        joined.append(' ');
                        owner.add(i);
                    }
                    joined.append(word);
                    for (int k = 0; k < word.length(); k++) {
                        owner.add(i);
                    }
                }
            }
            int at = text.isEmpty() ? -1 : joined.indexOf(text);
            return at < 0 ? null : new int[] {owner.get(at), owner.get(at + text.length() - 1)};
        }

        private boolean isHeading(int i) {
            return !fenced[i] && lines.get(i).startsWith("#");
        }

        private int headingLevel(int i) {
            String l = lines.get(i);
            int n = 0;
            while (n < l.length() && l.charAt(n) == '#') {
                n++;
            }
            return n;
        }

        /** A paragraph's first line: not a list item, table row, continuation, fence, heading or blank line. */
        private boolean isLead(int i) {
            String l = lines.get(i);
            return !fenced[i] && !l.isBlank() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("|")
                    && !l.startsWith("#") && !LIST_ITEM.matcher(l).find();
        }
    }
}
