package io.github.imhistory.contract;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One testable statement of {@code scenarios/catalog/rules.json}. Test names in the kit carry {@link #displayName()},
 * so a JUnit report reads as a conformance statement.
 *
 * @param id        e.g. {@code C2C-PAGE-008}
 * @param api       catalogue scope: {@code common}, {@code usersig}, {@code elements} or one of the three API names
 * @param source    seed file and section or reference note; present for every documented rule
 * @param why       the project's reasoning; present for every inferred rule
 */
public record Rule(String id, String api, Level level, Binds binds, Basis basis, String source, String why,
                   String statement) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(binds, "binds");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(statement, "statement");
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
