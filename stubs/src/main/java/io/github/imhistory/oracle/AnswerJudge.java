package io.github.imhistory.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.check.Lookup;
import io.github.imhistory.contract.check.Reference;
import io.github.imhistory.contract.check.ServerAnswer;
import io.github.imhistory.contract.check.ServerChecks;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Judges a server's answers with no stored data, each rule in its home: what the checking proxy and the probe both
 * do. A request its form alone gets refused must be refused with the due code ({@link RequestOracle}), or with the
 * code of a reference the caller knows better (a group the probe made up); a page of a {@link History} must be what
 * the history its answers showed gives ({@link ModelOracle}); any other answer is judged on its own
 * ({@link ServerChecks} without a reference).
 */
public final class AnswerJudge {
    /**
     * A history as answers showed it.
     *
     * @param shown  the answers the model is made of (walks that reached the end of the history)
     * @param judged the pages judged against that model (the proxy: the same walk; the probe: every walk of the
     *               history, so that a page one walk got must be what every other walk showed)
     */
    public record History(List<RecordedRequest> shown, List<RecordedRequest> judged) {
        public History {
            shown = List.copyOf(shown);
            judged = List.copyOf(judged);
        }
    }

    private AnswerJudge() {}

    /**
     * The findings per request (by {@link RecordedRequest#sequence()}), in journal order, for every request of the
     * three APIs that got an answer; requests to other paths and requests without an answer are left out.
     *
     * @param answer how the caller describes an answer (where it happened, the rules the exchange names)
     * @param known  a reference the caller knows for a request, instead of the request's form
     */
    public static Map<Long, List<Finding>> judge(long sdkappid, List<RecordedRequest> journal, List<History> histories,
                                                 Optional<String> secretKey, Clock clock,
                                                 Function<RecordedRequest, ServerAnswer> answer,
                                                 Function<RecordedRequest, Optional<Reference>> known) {
        Map<Long, List<Finding>> byModel = new HashMap<>();
        for (History h : histories) {
            if (h.shown().isEmpty()) {
                continue;
            }
            ModelOracle model = ModelOracle.of(sdkappid, h.shown());
            for (RecordedRequest r : h.judged()) {
                byModel.put(r.sequence(), model.judge(answer.apply(r)));
            }
        }
        Map<Long, List<Finding>> out = new LinkedHashMap<>();
        for (RecordedRequest r : journal) {
            if (r.api().isEmpty() || r.fault() != null) {
                continue;
            }
            Optional<Reference> refusal = known.apply(r).or(() -> RequestOracle.refusal(r.call(), secretKey, clock));
            if (refusal.isPresent()) {
                out.put(r.sequence(), ServerChecks.judge(answer.apply(r), refusal.get(), Lookup.NONE));
            } else if (byModel.containsKey(r.sequence())) {
                out.put(r.sequence(), byModel.get(r.sequence()));
            } else {
                out.put(r.sequence(), ServerChecks.judge(answer.apply(r), null, Lookup.NONE));
            }
        }
        return out;
    }

    /**
     * Whether a walk with these pages (its successful answers, in order) reached the end of its history: its last
     * answer ends it, or is an empty page (nothing older), as a walk whose pages all say there is more still ends.
     */
    public static boolean ended(Api api, List<RecordedRequest> pages) {
        if (pages.isEmpty()) {
            return false;
        }
        RecordedRequest last = pages.get(pages.size() - 1);
        ApiProfile p = api.profile();
        JsonNode answer = last.answerJson().orElseThrow();
        return p.entries(answer).isEmpty() || p.next(last.bodyJson().orElseThrow(), answer).isEmpty();
    }

    /** An answer described plainly: {@code request #N}, naming no rule. */
    public static ServerAnswer plain(RecordedRequest r) {
        Api api = r.api().orElseThrow();
        return new ServerAnswer(api, r, "request #" + r.sequence(), List.of());
    }
}
