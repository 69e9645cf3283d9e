package io.github.imhistory.kit.client;

import java.util.Objects;

/**
 * Whether an adapter supports a {@link Capability}; an unsupported one carries the reason the suite reports when it
 * skips the walks that need it.
 */
public record Support(boolean supported, String reason) {
    private static final Support YES = new Support(true, "");

    public Support {
        Objects.requireNonNull(reason, "reason");
        if (!supported && reason.isBlank()) {
            throw new IllegalArgumentException("an unsupported capability needs a reason");
        }
    }

    public static Support yes() {
        return YES;
    }

    public static Support no(String reason) {
        return new Support(false, reason);
    }
}
