package io.github.imhistory.contract.traffic;

import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleCatalog;
import java.util.Objects;
import java.util.Optional;

/**
 * One broken client rule: which rule, what happened, and the request that shows it (when one does).
 *
 * @param ruleId  a rule of the bundled catalogue that binds clients
 * @param request the offending request, or null when the finding is about the walk as a whole
 */
public record Finding(String ruleId, String message, RecordedRequest request) {
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(message, "message");
        if (!RuleCatalog.bundled().contains(ruleId)) {
            throw new IllegalArgumentException("not a catalogue rule: " + ruleId);
        }
    }

    public Rule rule() {
        return RuleCatalog.bundled().get(ruleId);
    }

    public Optional<RecordedRequest> offendingRequest() {
        return Optional.ofNullable(request);
    }

    /** The message, and a curl that sends the offending request again when there is one. */
    public String describe(String baseUrl) {
        return request == null ? message : message + "\n    " + request.curl(baseUrl);
    }

    @Override
    public String toString() {
        return ruleId + ": " + message;
    }
}
