package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One page as a client hands it to its caller.
 *
 * @param entries the page's messages, oldest first (see {@link ImHistoryClientAdapter})
 * @param next    the client's own cursor for the next (older) page, opaque to the suite, or null when the history
 *                is done
 */
public record PulledPage(List<JsonNode> entries, Object next) {
    public PulledPage {
        Objects.requireNonNull(entries, "entries");
        entries = List.copyOf(entries);
    }
}
