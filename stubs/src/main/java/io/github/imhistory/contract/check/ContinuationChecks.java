package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.ApiProfile.Role;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How a client walks: each continuation built from the previous answer, and the walk ended where history ends. */
public final class ContinuationChecks {
    private ContinuationChecks() {}

    /**
     * {@code r} continues the walk whose last answered request is {@code base}: it must be the continuation
     * {@link ApiProfile#next} says (the {@link Role#CONTINUATION} rule, and C2C-CONT-003 for MaxCnt), and not a plain
     * repeat of an answered request.
     *
     * @param expected the continuation a correct client sends after {@code base}
     */
    @Verifies(value = {RuleId.C2C_CONT_003, RuleId.GRP_CONT_003, RuleId.OA_CONT_003}, roles = Role.CONTINUATION,
            side = Side.CLIENT)
    public static void continues(ApiProfile profile, RecordedRequest base, JsonNode expected, RecordedRequest r,
                                 Findings f) {
        String n = "request #" + r.sequence();
        if (r.bodyJson().filter(b -> b.equals(base.bodyJson().orElse(null))).isPresent()) {
            f.add(profile.ruleOf(Role.CONTINUATION), n + " repeats request #" + base.sequence() + ", which was answered;"
                    + " the next request continues from that answer", r);
            return;
        }
        List<String> problems = new ArrayList<>();
        for (ApiProfile.Difference d : profile.continuationDifferences(expected, r.bodyJson().orElseThrow())) {
            if (d.rule() == profile.ruleOf(Role.CONTINUATION)) {
                problems.add(d.text());
            } else {
                f.add(d.rule(), n + " " + d.text(), r);
            }
        }
        if (!problems.isEmpty()) {
            f.add(profile.ruleOf(Role.CONTINUATION), n + " " + String.join("; ", problems) + " (from the answer to"
                    + " request #" + base.sequence() + ")", r);
        }
    }

    /** C2C-REQ-004: a walk begins without LastMsgKey (only continuations send one). */
    @Verifies(value = RuleId.C2C_REQ_004, side = Side.CLIENT)
    public static void firstRequest(ApiProfile profile, RecordedRequest r, Findings f) {
        if (profile.api() == io.github.imhistory.contract.Api.ADMIN_GETROAMMSG
                && !r.bodyJson().map(b -> b.path("LastMsgKey").asText("")).orElse("").isEmpty()) {
            f.add(RuleId.C2C_REQ_004, "request #" + r.sequence() + " begins a walk with LastMsgKey "
                    + r.bodyJson().orElseThrow().get("LastMsgKey") + "; the first request of a walk carries none", r);
        }
    }

    /**
     * The {@link Role#WHOLE_HISTORY} rule: no request after the answer that ended history ({@code after} non-null),
     * and, for a walk meant to reach the end, no walk left before it ({@code after} null: the walk's last answer).
     *
     * @param base          the walk's last answered request before {@code after}, or its last one
     * @param pages         how many answered pages the walk had
     * @param wholeHistory  whether the walk was meant to reach the end of history
     */
    @Verifies(roles = Role.WHOLE_HISTORY, side = Side.CLIENT)
    public static void wholeHistory(ApiProfile profile, RecordedRequest base, RecordedRequest after, int pages,
                                    boolean wholeHistory, Findings f) {
        JsonNode answer = base.answerJson().orElseThrow();
        Optional<ObjectNode> next = profile.next(base.bodyJson().orElseThrow(), answer);
        if (after != null) {
            if (next.isEmpty()) {
                f.add(profile.ruleOf(Role.WHOLE_HISTORY), "request #" + after.sequence() + " goes on after request #"
                        + base.sequence() + " reached the end (" + profile.endReason(answer) + "); a walk stops there", after);
            }
            return;
        }
        if (next.isPresent() && wholeHistory) {
            f.add(profile.ruleOf(Role.WHOLE_HISTORY), "the walk stopped after page " + pages + " (request #"
                    + base.sequence() + ") although history goes on (" + profile.continueReason(answer)
                    + "); the next request is " + Json.compact(next.get()), base);
        }
    }
}
