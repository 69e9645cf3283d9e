package io.github.imhistory.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code scenarios/ERRATA.md} and the citations of it: every "errata N" (or "errata N, M", "errata N and M", and the
 * reference notes' "§7 #N", which ERRATA.md numbers alike) in the rule and error-code catalogues, the schemas and the
 * scenarios names an entry; entries are numbered 1, 2, 3, ... and each says where, what the pages say, what was chosen
 * and which rules carry it; every rule ID it names exists.
 */
class ErrataTest {
    static final String PATH = "scenarios/ERRATA.md";
    /** "errata 11, 12", "errata 7 and 28", "erratum 4", "§7 #21": the numbers are in group 1 or 2. */
    private static final Pattern CITATION = Pattern.compile(
            "errat(?:a|um)\\s+(\\d+(?:\\s*(?:,|and|&)\\s*\\d+)*)|§7 #(\\d+)");
    private static final Pattern ENTRY = Pattern.compile("(?m)^## (\\d+)\\. (.+)$");
    private static final Pattern RULE_ID = Pattern.compile("\\b(?:COM|SIG|C2C|GRP|OA|ELEM)(?:-[A-Z]+)?-[0-9]{3}\\b");
    private static final List<String> PARTS = List.of("- **Where:**", "- **The pages say:**", "- **Chosen:**",
            "- **Rules:**");

    static String errata() {
        try (InputStream in = ClasspathResources.open(PATH)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entry number to its text (heading line included), in file order. */
    static Map<Integer, String> entries(String doc) {
        Map<Integer, String> entries = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(doc);
        List<int[]> starts = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {Integer.parseInt(m.group(1)), m.start()});
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[1] : doc.length();
            entries.put(starts.get(i)[0], doc.substring(starts.get(i)[1], end));
        }
        return entries;
    }

    /** The erratum numbers {@code text} cites. */
    static SortedSet<Integer> cited(String text) {
        SortedSet<Integer> numbers = new TreeSet<>();
        Matcher m = CITATION.matcher(text);
        while (m.find()) {
            Matcher n = Pattern.compile("\\d+").matcher(m.group(1) != null ? m.group(1) : m.group(2));
            while (n.find()) {
                numbers.add(Integer.parseInt(n.group()));
            }
        }
        return numbers;
    }

    /** Every file that may cite errata, by classpath path: the two catalogues, the schemas and the scenarios. */
    static List<String> citingFiles() {
        List<String> files = new ArrayList<>(List.of(RuleCatalog.PATH, ErrorCatalog.PATH));
        files.addAll(ClasspathResources.list("schemas", ".json"));
        files.addAll(ScenarioIndex.bundledPaths());
        return files;
    }

    private static String read(String path) {
        try (InputStream in = ClasspathResources.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyCitedErratumHasAnEntry() {
        Map<Integer, String> entries = entries(errata());
        SortedMap<String, SortedSet<Integer>> dangling = new TreeMap<>();
        int citations = 0;
        for (String path : citingFiles()) {
            for (int n : cited(read(path))) {
                citations++;
                if (!entries.containsKey(n)) {
                    dangling.computeIfAbsent(path, k -> new TreeSet<>()).add(n);
                }
            }
        }
        assertThat(citations).as("the catalogues cite errata").isGreaterThan(30);
        assertThat(dangling).as("errata cited (file=[numbers]) that " + PATH + " has no entry for").isEmpty();
    }

    @Test
    void entriesAreNumberedInOrderAndSayWhereWhatWhichAndWhy() {
        Map<Integer, String> entries = entries(errata());
        assertThat(entries.keySet()).as("entry numbers, in file order").startsWith(1, 2, 3)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, entries.size()).boxed().toList());
        assertThat(entries).hasSizeGreaterThanOrEqualTo(33); // the reference notes' table is 1..33
        List<String> incomplete = new ArrayList<>();
        entries.forEach((n, text) -> PARTS.stream().filter(p -> !text.contains("\n" + p + " "))
                .forEach(p -> incomplete.add(n + " lacks " + p)));
        assertThat(incomplete).isEmpty();
    }

    @Test
    void everyRuleNamedExists() {
        SortedMap<Integer, SortedSet<String>> unknown = new TreeMap<>();
        RuleCatalog rules = RuleCatalog.bundled();
        entries(errata()).forEach((n, text) -> {
            Matcher m = RULE_ID.matcher(text);
            while (m.find()) {
                if (!rules.contains(m.group())) {
                    unknown.computeIfAbsent(n, k -> new TreeSet<>()).add(m.group());
                }
            }
        });
        assertThat(unknown).as("rule IDs named in " + PATH + " (entry=[IDs]) that " + RuleCatalog.PATH + " lacks")
                .isEmpty();
    }

    @Test
    void citationsAreReadInEveryForm() {
        assertThat(cited("errata 11, 12; errata 7 and 28 (erratum 4); ref §7 #21; errata 1 style; errata 26)"))
                .containsExactly(1, 4, 7, 11, 12, 21, 26, 28);
        assertThat(cited("seed 002 (超过20); ref §7 table")).isEmpty();
        String doc = "# T\n\n## 1. One\n- **Where:** a\n\n## 2. Two\nGRP-FIN-001\n";
        assertThat(entries(doc)).containsOnlyKeys(1, 2);
        assertThat(entries(doc).get(2)).isEqualTo("## 2. Two\nGRP-FIN-001\n");
    }
}
