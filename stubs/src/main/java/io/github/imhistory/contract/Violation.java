package io.github.imhistory.contract;

import java.util.Objects;

/**
 * One schema violation.
 *
 * @param pointer        the instance location as a JSON pointer ({@code "/MsgList/0/MsgSeq"}; {@code ""} is the root)
 * @param keyword        the failing JSON Schema keyword ({@code type}, {@code required}, {@code maxContains}, ...)
 * @param property       the property a {@code required} / {@code additionalProperties} violation names, else null
 * @param message        the validator's rendering from the private message bundle, {@code "<pointer>: <text>"};
 *                       it names the location itself, because networknt 2.x keeps the location out of its bare
 *                       message text; the root reads {@code "/"} there, never an empty location
 * @param schemaLocation the absolute location of the failing keyword, for tracing a violation to its description
 */
public record Violation(String pointer, String keyword, String property, String message, String schemaLocation) {
    public Violation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(message, "message");
    }

    /** {@code pointer: text}, as the validator renders it. */
    @Override
    public String toString() {
        return message;
    }
}
