package io.github.imhistory.contract;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One testable statement of {@code scenarios/catalog/rules.json}. Test names in the kit carry {@link #displayName()},
 * so a JUnit report reads as a conformance statement.
 *
 * @param id        e.g. {@code C2C-PAGE-008}
 * @param api       catalogue scope: {@code common}, {@code usersig}, {@code elements} or one of the three API names
 * @param source    seed file and section or reference note; present for every documented rule
 * @param why       the project's reasoning; present for every inferred rule
 * @param excerpts  the verbatim text of the page a documented rule rests on (at least one); empty for inferred rules
 */
public record Rule(String id, String api, Level level, Binds binds, Basis basis, String source, String why,
                   String statement, List<Excerpt> excerpts) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(binds, "binds");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(statement, "statement");
        excerpts = excerpts == null ? List.of() : List.copyOf(excerpts);
    }

    /** A rule without excerpts (an inferred rule, or one built in code before its excerpts are known). */
    public Rule(String id, String api, Level level, Binds binds, Basis basis, String source, String why,
                String statement) {
        this(id, api, level, binds, basis, source, why, statement, List.of());
    }

    /**
     * A short verbatim excerpt of the page a documented rule rests on: a seed page ({@code seed 000} ..
     * {@code seed 004}) or a [D] fact of the reference notes ({@code ref §1.5}). The text appears in that page once
     * runs of whitespace are collapsed to one space (the pages are scraped, so line breaks vary); nothing else is
     * normalised.
     *
     * @param doc  {@code seed 000} .. {@code seed 004} or {@code ref §N} / {@code ref §N.N}
     * @param text the excerpt, in the page's own language
     */
    public record Excerpt(String doc, String text) {
        /** What {@link #doc()} may say. */
        public static final Pattern DOC = Pattern.compile("seed 00[0-4]|ref §[0-9]+(\\.[0-9]+)?");

        public Excerpt {
            Objects.requireNonNull(doc, "doc");
            Objects.requireNonNull(text, "text");
        }

        /** Whether it quotes a seed page (rather than the reference notes). */
        public boolean seed() {
            return doc.startsWith("seed ");
        }

        /** {@code seed 002: "..."}, as tables and messages show it. */
        @Override
        public String toString() {
            return doc + ": \"" + text + "\"";
        }
    }

    public enum Level {
        MUST, SHOULD
    }

    public enum Basis {
        DOCUMENTED, INFERRED;

        /** The catalogue spelling: {@code documented} / {@code inferred}. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Basis fromJson(String value) {
            for (Basis b : values()) {
                if (b.json().equals(value)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown basis " + value);
        }
    }

    public enum Binds {
        CLIENT, SERVER, BOTH;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean bindsServer() {
            return this != CLIENT;
        }

        public boolean bindsClient() {
            return this != SERVER;
        }

        public static Binds fromJson(String value) {
            for (Binds b : values()) {
                if (b.json().equals(value)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown binds " + value);
        }
    }

    /** {@code C2C-PAGE-008 [MUST, inferred]}: the form test names use. */
    public String displayName() {
        return id + " [" + level + ", " + basis.json() + "]";
    }

    public boolean bindsServer() {
        return binds.bindsServer();
    }

    public boolean bindsClient() {
        return binds.bindsClient();
    }

    public boolean documented() {
        return basis == Basis.DOCUMENTED;
    }

    public Optional<String> sourceText() {
        return Optional.ofNullable(source);
    }

    public Optional<String> whyText() {
        return Optional.ofNullable(why);
    }

    /** The justification a reader needs: the source of a documented rule, the reasoning of an inferred one. */
    public String justification() {
        return documented() ? source : why;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
