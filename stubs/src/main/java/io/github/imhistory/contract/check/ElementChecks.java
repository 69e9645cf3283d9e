package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.JsonMatch;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import java.util.Iterator;
import java.util.Map;

/** ELEM-002 and ELEM-004 on the server's side: what was stored comes back as stored. */
public final class ElementChecks {
    private ElementChecks() {}

    /**
     * A stored MsgBody or CloudCustomData that did not come back as stored: ELEM-004 when the first difference is
     * between two strings (text not kept byte for byte), else ELEM-002 (an element lost, added or changed).
     */
    @Verifies(value = {RuleId.ELEM_002, RuleId.ELEM_004}, side = Side.SERVER)
    static void roundTrip(ServerAnswer a, String label, String field, JsonNode expected, JsonNode actual, Findings f) {
        if (JsonMatch.exact(expected, actual).isEmpty()) {
            return;
        }
        JsonNode[] d = firstDifference(expected, actual);
        boolean text = d != null && d[0] != null && d[1] != null && d[0].isTextual() && d[1].isTextual();
        a.add(f, text ? RuleId.ELEM_004 : RuleId.ELEM_002, label + ": " + field + " " + PageText.describe(expected, actual));
    }

    private static JsonNode[] firstDifference(JsonNode e, JsonNode a) {
        if (JsonMatch.exact(e, a).isEmpty()) {
            return null;
        }
        if (e.isObject() && a.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = a.get(field.getKey());
                if (other == null) {
                    return new JsonNode[] {field.getValue(), null};
                }
                JsonNode[] d = firstDifference(field.getValue(), other);
                if (d != null) {
                    return d;
                }
            }
            return new JsonNode[] {null, a};
        }
        if (e.isArray() && a.isArray() && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                JsonNode[] d = firstDifference(e.get(i), a.get(i));
                if (d != null) {
                    return d;
                }
            }
        }
        return new JsonNode[] {e, a};
    }
}
