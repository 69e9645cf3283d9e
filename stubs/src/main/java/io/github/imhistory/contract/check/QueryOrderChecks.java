package io.github.imhistory.contract.check;

import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COM-QRY-008 on the server's side: a request with its query parameters in another order is judged as the same
 * request in the usual order (the server suite's scenarios that name the rule, the probe's query-order way).
 */
public final class QueryOrderChecks {
    private QueryOrderChecks() {}

    /** {@code call} with its query parameters in reverse order: sdkappid, which clients send first, last. */
    public static HttpCall reversed(HttpCall call) {
        List<Map.Entry<String, String>> params = new ArrayList<>(call.query().entrySet());
        Collections.reverse(params);
        Map<String, String> reversed = new LinkedHashMap<>();
        params.forEach(p -> reversed.put(p.getKey(), p.getValue()));
        return new HttpCall(call.method(), call.path(), reversed, call.body());
    }

    /**
     * What {@code reordered} (a request whose usual order got no finding, its query parameters in another order)
     * breaks: when its answer has findings of its own ({@code findings}), the first of them, under COM-QRY-008.
     */
    @Verifies(value = RuleId.COM_QRY_008, side = Side.SERVER)
    public static List<Finding> judge(String where, HttpCall reordered, List<Finding> findings, RecordedRequest server) {
        Findings f = new Findings();
        if (!findings.isEmpty()) {
            f.add(RuleId.COM_QRY_008, where, "the same request with its query parameters in the order "
                    + reordered.query().keySet() + " is judged differently: " + findings.get(0).message(), server);
        }
        return f.all();
    }
}
