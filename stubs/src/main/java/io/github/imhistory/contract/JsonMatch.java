package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Compares an answer with a scenario's expectation and names the first difference by JSON pointer.
 * Numbers compare by value (1 equals 1.0 is NOT accepted: integers must stay integers on the wire).
 */
public final class JsonMatch {
    private JsonMatch() {}

    /** Empty when equal; otherwise "pointer: expected X but was Y". */
    public static Optional<String> exact(JsonNode expected, JsonNode actual) {
        return diff(expected, actual, "", false);
    }

    /** Every field of {@code expected} is present in {@code actual} and equal (objects recursively; arrays whole). */
    public static Optional<String> subset(JsonNode expected, JsonNode actual) {
        return diff(expected, actual, "", true);
    }

    private static Optional<String> diff(JsonNode e, JsonNode a, String at, boolean subset) {
        String where = at.isEmpty() ? "/" : at;
        if (a == null || a.isMissingNode()) {
            return Optional.of(where + ": expected " + brief(e) + " but it is missing");
        }
        if (e.isObject()) {
            if (!a.isObject()) {
                return Optional.of(where + ": expected an object but was " + brief(a));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                Optional<String> d = diff(f.getValue(), a.get(f.getKey()), at + "/" + escape(f.getKey()), subset);
                if (d.isPresent()) {
                    return d;
                }
            }
            if (!subset) {
                for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (!e.has(name)) {
                        return Optional.of(at + "/" + escape(name) + ": unexpected field with value " + brief(a.get(name)));
                    }
                }
            }
            return Optional.empty();
        }
        if (e.isArray()) {
            if (!a.isArray()) {
                return Optional.of(where + ": expected an array but was " + brief(a));
            }
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                Optional<String> d = diff(e.get(i), a.get(i), at + "/" + i, false);
                if (d.isPresent()) {
                    return d;
                }
            }
            if (e.size() != a.size()) {
                return Optional.of(where + ": expected " + e.size() + " elements but was " + a.size());
            }
            return Optional.empty();
        }
        if (e.isNumber() && a.isNumber()) {
            boolean same = e.isIntegralNumber() == a.isIntegralNumber() && e.decimalValue().compareTo(a.decimalValue()) == 0;
            return same ? Optional.empty() : Optional.of(where + ": expected " + e + " but was " + a);
        }
        return e.equals(a) ? Optional.empty() : Optional.of(where + ": expected " + brief(e) + " but was " + brief(a));
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String brief(JsonNode n) {
        String s = Json.compact(n);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
