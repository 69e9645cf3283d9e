package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keywords of the JSON Schema 2020-12 vocabularies (core, applicator, unevaluated, validation, meta-data,
 * format-annotation, content). A schema using anything else relies on a validator extension or has a typo that
 * every validator silently ignores ({@code "minimun": 1}).
 */
final class Draft202012Keywords {
    private static final Set<String> SINGLE = Set.of("items", "contains", "additionalProperties", "propertyNames",
            "if", "then", "else", "not", "unevaluatedItems", "unevaluatedProperties", "contentSchema");
    private static final Set<String> MAP = Set.of("properties", "patternProperties", "dependentSchemas", "$defs");
    private static final Set<String> ARRAY = Set.of("prefixItems", "allOf", "anyOf", "oneOf");
    private static final Set<String> OTHER = Set.of(
            "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment",
            "type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
            "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
            "maxProperties", "minProperties", "required", "dependentRequired",
            "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",
            "format", "contentEncoding", "contentMediaType");

    private Draft202012Keywords() {}

    /** Adds to {@code unknown} the JSON pointer of every keyword outside the vocabularies. */
    static void walk(JsonNode schema, String at, List<String> unknown) {
        if (schema.isBoolean()) {
            return;
        }
        if (!schema.isObject()) {
            unknown.add(at + " (not a schema: " + schema.getNodeType() + ")");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String here = at + "/" + key.replace("~", "~0").replace("/", "~1");
            JsonNode value = e.getValue();
            if (SINGLE.contains(key)) {
                walk(value, here, unknown);
            } else if (MAP.contains(key)) {
                value.fields().forEachRemaining(s -> walk(s.getValue(), here + "/" + s.getKey(), unknown));
            } else if (ARRAY.contains(key)) {
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), here + "/" + i, unknown);
                }
            } else if (!OTHER.contains(key)) {
                unknown.add(here);
            }
        }
    }
}
