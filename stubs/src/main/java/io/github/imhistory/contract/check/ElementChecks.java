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

    /** Control characters or non-ASCII text anywhere in a message body: what gives ELEM-004 an occasion. */
    public static boolean unusualText(JsonNode n) {
        if (n.isTextual()) {
            return n.asText().chars().anyMatch(ch -> ch < 0x20 || ch > 0x7e);
        }
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) { // values of objects, elements of arrays
            if (unusualText(it.next())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A MsgBody as the answer holds it: an array of elements (ELEM-001), each an object with MsgType (string) and
     * MsgContent (object) (ELEM-006).
     */
    @Verifies(value = {RuleId.ELEM_001, RuleId.ELEM_006}, side = Side.SERVER)
    static void shape(ServerAnswer a, String label, JsonNode body, Findings f) {
        if (!body.isArray()) {
            a.add(f, RuleId.ELEM_001, label + ": MsgBody is " + PageText.brief(body) + ", not an array of elements");
            return;
        }
        for (int i = 0; i < body.size(); i++) {
            JsonNode e = body.get(i);
            if (!e.isObject() || !e.path("MsgType").isTextual() || !e.path("MsgContent").isObject()) {
                a.add(f, RuleId.ELEM_006, label + ": MsgBody[" + i + "] is " + PageText.brief(e)
                        + ", not {MsgType: string, MsgContent: object}");
            }
        }
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
