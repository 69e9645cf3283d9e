package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How checks print values and compare shapes; no rule knowledge here. */
final class PageText {
    private PageText() {}

    static String describe(JsonNode expected, JsonNode actual) {
        if (actual == null) {
            return "is missing (expected " + brief(expected) + ")";
        }
        if (expected == null) {
            return "is present (" + brief(actual) + ") but the stored message has none";
        }
        return "is " + brief(actual) + ", expected " + brief(expected);
    }

    static String brief(JsonNode n) {
        String s = Json.compact(n);
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    static Set<String> union(JsonNode a, JsonNode b) {
        Set<String> names = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String list(List<?> items) {
        return items.size() <= 8 ? items.toString() : items.subList(0, 8) + " and " + (items.size() - 8) + " more";
    }

    /** {@code actual} with only the object fields {@code shape} has, at every depth (arrays element by element). */
    static JsonNode projected(JsonNode actual, JsonNode shape) {
        if (actual.isObject() && shape.isObject()) {
            ObjectNode out = Json.object();
            shape.fieldNames().forEachRemaining(name -> {
                if (actual.has(name)) {
                    out.set(name, projected(actual.get(name), shape.get(name)));
                }
            });
            return out;
        }
        if (actual.isArray() && shape.isArray() && actual.size() == shape.size()) {
            ArrayNode out = Json.NODES.arrayNode();
            for (int i = 0; i < actual.size(); i++) {
                out.add(projected(actual.get(i), shape.get(i)));
            }
            return out;
        }
        return actual;
    }

    static JsonNode withoutInfo(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("ErrorInfo");
        return copy;
    }
}
