package io.github.imhistory.oracle;

import static io.github.imhistory.contract.RuleId.GRP_FIN_002;
import static io.github.imhistory.contract.RuleId.GRP_FIN_003;
import static io.github.imhistory.contract.RuleId.GRP_FIN_004;
import static io.github.imhistory.contract.RuleId.OA_FIN_002;
import static io.github.imhistory.contract.RuleId.OA_FIN_003;
import static io.github.imhistory.contract.RuleId.OA_FIN_004;

import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.check.Lookup;
import io.github.imhistory.contract.check.Reference;
import io.github.imhistory.contract.check.ServerAnswer;
import io.github.imhistory.contract.check.ServerChecks;
import io.github.imhistory.record.HistoryRecording;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The engine serving what a server's own answers showed (a {@link HistoryRecording}), as the reference for those
 * same answers: when walks that reached the end of a history are put together, every page must be what the history
 * they showed gives for its request, so a page cut short, a message one walk skipped and another returned, a
 * Complete=1 with older messages shown elsewhere, or a seq a WithRecalledMsg=1 walk passed over becomes a finding of
 * the rule's own home, with no stored data. Only the rules a recording cannot decide are left out ({@link #BLIND}).
 */
public final class ModelOracle {
    /** Rules the shown history cannot decide, and why; their findings against a model are dropped. */
    public static final Map<RuleId, String> BLIND = new EnumMap<>(RuleId.class);

    static {
        String why = "whether IsFinished is 0, 1 or 2 depends on whether holes expired or were deleted, which answers do"
                + " not show (both are IsPlaceMsg=1)";
        for (RuleId r : List.of(GRP_FIN_002, GRP_FIN_003, GRP_FIN_004, OA_FIN_002, OA_FIN_003, OA_FIN_004)) {
            BLIND.put(r, why);
        }
    }

    private final EngineOracle engine;

    private ModelOracle(EngineOracle engine) {
        this.engine = engine;
    }

    /** The model of what {@code answered} showed (successes of the three APIs; the rest is ignored). */
    public static ModelOracle of(long sdkappid, List<RecordedRequest> answered) {
        HistoryRecording recording = new HistoryRecording(sdkappid);
        for (RecordedRequest r : answered) {
            r.api().ifPresent(api -> recording.observe(api, r.query().get("identifier"), r.bodyJson().orElse(null),
                    r.answer()));
        }
        Scenario model = Scenario.of(recording.scenario("the answers judged", false), "the history the answers showed");
        return new ModelOracle(new EngineOracle(model, sdkappid, false));
    }

    /** The findings about {@code answer} against what the model answers to the same request, blind rules left out. */
    public List<Finding> judge(ServerAnswer answer) {
        Reference reference = engine.reference(answer.exchange().call());
        return ServerChecks.judge(answer, reference, (Lookup) engine).stream()
                .filter(f -> !BLIND.containsKey(f.rule())).toList();
    }
}
