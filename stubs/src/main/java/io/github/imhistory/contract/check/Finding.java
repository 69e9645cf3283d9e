package io.github.imhistory.contract.check;

import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleId;
import java.util.Objects;
import java.util.Optional;

/**
 * One broken rule: which rule, where, what happened, and the request that shows it. The one finding type of the
 * kit: the stub's verdicts, the client suite, the server suite and the assertions all report these.
 *
 * @param where   the exchange, walk or page it was found in ({@code walk 'x' page 2}); {@code ""} when the message
 *                says it (traffic findings name their request number)
 * @param request the request that shows it, with its answer, or null when the finding is about a walk as a whole
 */
public record Finding(RuleId rule, String where, String message, RecordedRequest request) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        where = where == null ? "" : where;
    }

    /** The catalogue ID, e.g. {@code C2C-CONT-001}. */
    public String ruleId() {
        return rule.id();
    }

    public Rule catalogueRule() {
        return rule.rule();
    }

    public Optional<RecordedRequest> offendingRequest() {
        return Optional.ofNullable(request);
    }

    /** Where, the message, and a curl that sends the offending request again to {@code baseUrl} when there is one. */
    public String describe(String baseUrl) {
        String text = where.isEmpty() ? message : where + ": " + message;
        return request == null ? text : text + "\n    " + request.curl(baseUrl);
    }

    @Override
    public String toString() {
        return rule.id() + ": " + (where.isEmpty() ? message : where + ": " + message);
    }
}
