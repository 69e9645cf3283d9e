package io.github.imhistory.proxy;

import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.traffic.TrafficJudge;
import io.github.imhistory.contract.traffic.Verdict;
import io.github.imhistory.contract.traffic.Walk;
import io.github.imhistory.oracle.AnswerJudge;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges what passed through the proxy for one tenant, from the journal alone (no stored data), through
 * {@link AnswerJudge} (as the probe does): refusals by the request's form, each walk that reached the end of its
 * history against the history it showed, any other answer on its own. The client's side of the same traffic is the
 * ordinary verdict ({@link TrafficJudge}).
 */
final class DriftJudge {
    /**
     * One tenant's drift.
     *
     * @param findings       the server rules the upstream's answers broke
     * @param upstreamErrors requests the upstream gave no HTTP answer to (network errors are allowed, COM-HTTP-001:
     *                       listed, not findings)
     * @param walks          the walks of the traffic, and whether each was judged against the history it showed
     */
    record Drift(long sdkappid, int requests, List<Finding> findings, List<RecordedRequest> upstreamErrors,
                 List<WalkSummary> walks, Verdict client) {}

    /** A walk and whether it ended, so that its pages were judged against the history it showed. */
    record WalkSummary(Walk walk, boolean ended) {}

    private final Optional<String> secretKey;
    private final String upstream;
    private final Clock clock;

    DriftJudge(Optional<String> secretKey, String upstream, Clock clock) {
        this.secretKey = secretKey;
        this.upstream = upstream;
        this.clock = clock;
    }

    Drift judge(long sdkappid, List<RecordedRequest> journal) {
        List<Walk> walks = TrafficJudge.walks(journal, upstream);
        List<AnswerJudge.History> histories = new ArrayList<>();
        List<WalkSummary> summaries = new ArrayList<>();
        for (Walk w : walks) {
            boolean ended = ended(w);
            summaries.add(new WalkSummary(w, ended));
            if (ended) { // each walk that ended is judged against the history it showed on its own
                List<RecordedRequest> pages = w.pages().stream().map(p -> p.request()).toList();
                histories.add(new AnswerJudge.History(pages, pages));
            }
        }
        List<Finding> findings = new ArrayList<>();
        AnswerJudge.judge(sdkappid, journal, histories, secretKey, clock, AnswerJudge::plain, r -> Optional.empty())
                .values().forEach(findings::addAll);
        List<RecordedRequest> errors = journal.stream().filter(r -> r.api().isPresent() && r.fault() != null).toList();
        TrafficJudge.Options options = TrafficJudge.Options.defaults().withBaseUrl(upstream)
                .withUserSig(secretKey.isPresent());
        Verdict client = TrafficJudge.of(new TrafficJudge.TenantFacts(sdkappid, admins(journal), secretKey.orElse("")),
                options).judge(journal);
        return new Drift(sdkappid, journal.size(), findings, errors, summaries, client);
    }

    /** Whether the walk reached the end of its history ({@link AnswerJudge#ended}). */
    static boolean ended(Walk w) {
        return AnswerJudge.ended(w.api(), w.pages().stream().map(p -> p.request()).toList());
    }

    /**
     * The App admins as the upstream tells them: every identifier it answered, except those it only ever refused with
     * the API's not-admin code. The proxy holds no list of its own.
     */
    static Set<String> admins(List<RecordedRequest> journal) {
        Set<String> answered = new HashSet<>();
        Set<String> refused = new HashSet<>();
        for (RecordedRequest r : journal) {
            String id = r.query().get("identifier");
            if (id == null || r.api().isEmpty()) {
                continue;
            }
            if (r.errorCode() == r.api().get().profile().notAdminCode()) {
                refused.add(id);
            } else {
                answered.add(id);
            }
        }
        refused.removeAll(answered);
        Set<String> admins = new HashSet<>(answered);
        journal.forEach(r -> {
            String id = r.query().get("identifier");
            if (id != null && !refused.contains(id)) {
                admins.add(id);
            }
        });
        return admins;
    }
}
