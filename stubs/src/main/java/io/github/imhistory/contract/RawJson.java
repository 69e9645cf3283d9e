package io.github.imhistory.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stored message bodies kept byte for byte as a scenario file writes them: a JSON tree turns {@code 1E+2} into
 * {@code 100.0} and long decimals into doubles, and the 13K page cut counts bytes (C2C-PAGE-006). When a scenario is
 * read, each stored message's {@code MsgBody} and {@code CloudCustomData} (below {@code dataset} and
 * {@code deviations}) becomes a raw value holding its original text with the whitespace outside strings removed; it
 * serializes as that text wherever the tree is written (an answer, a scenario sent to a server). {@link #plain}
 * gives the ordinary tree back for reading and schema validation.
 */
public final class RawJson {
    private static final Set<String> KEPT = Set.of("MsgBody", "CloudCustomData");
    private static final Set<String> UNDER = Set.of("dataset", "deviations");

    private RawJson() {}

    /** {@code tree} (parsed from {@code text}) with the stored messages' bodies as raw values; changes it in place. */
    static JsonNode keep(String text, JsonNode tree) {
        if (!tree.isObject() || !(tree.has("dataset") || tree.has("deviations"))) {
            return tree;
        }
        return keep(tree, spans(text, UNDER));
    }

    /**
     * An answer as a server wrote it, with each entry's {@code MsgBody} and {@code CloudCustomData} under
     * {@code listField} kept as written: what a recording stores, so that a replay answers the same bytes.
     *
     * @return null when the text is not a JSON object
     */
    public static JsonNode readKeepingBodies(String text, String listField) {
        JsonNode tree;
        try {
            tree = Json.WIRE.readTree(text);
        } catch (IOException e) {
            return null;
        }
        return tree == null || !tree.isObject() ? null : keep(tree, spans(text, Set.of(listField)));
    }

    private static JsonNode keep(JsonNode tree, Map<String, String> raw) {
        raw.forEach((pointer, value) -> {
            JsonPointer p = JsonPointer.compile(pointer);
            JsonNode parent = tree.at(p.head());
            if (parent instanceof ObjectNode o) {
                o.set(p.last().getMatchingProperty(), new POJONode(new RawValue(value)));
            }
        });
        return tree;
    }

    /** The raw text of each kept value, by JSON pointer, minified. */
    private static Map<String, String> spans(String text, Set<String> under) {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = Json.WIRE.getFactory().createParser(text)) {
            p.nextToken();
            value(p, "", false, true, text, under, out);
        } catch (IOException e) {
            throw new ContractException("cannot read the raw message bodies: " + e.getMessage(), e);
        }
        return out;
    }

    /** Walks the value at the parser's current token; {@code under} once inside dataset or deviations. */
    private static void value(JsonParser p, String pointer, boolean under, boolean root, String text,
                              Set<String> roots, Map<String, String> out) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (under && KEPT.contains(name)) {
                    long start = p.currentTokenLocation().getCharOffset();
                    if (v.isStructStart()) {
                        p.skipChildren();
                    } else {
                        p.getText(); // reads the whole token, so that the location is after it
                    }
                    out.put(child, minify(text.substring((int) start, (int) p.currentLocation().getCharOffset())));
                } else {
                    value(p, child, under || (root && roots.contains(name)), false, text, roots, out);
                }
            }
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                value(p, pointer + "/" + i++, under, false, text, roots, out);
            }
        }
    }

    /**
     * The size in UTF-8 bytes of each element of the array {@code field} of the JSON object {@code text}, as written
     * (whitespace outside strings not counted): what the 13K page limit counts, without re-serializing numbers.
     * Empty when the text is not such an object.
     */
    public static java.util.List<Long> elementSizes(String text, String field) {
        java.util.List<Long> sizes = new java.util.ArrayList<>();
        try (JsonParser p = Json.WIRE.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return sizes;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals(field) && v == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        long start = p.currentTokenLocation().getCharOffset();
                        if (p.currentToken().isStructStart()) {
                            p.skipChildren();
                        } else {
                            p.getText();
                        }
                        String element = text.substring((int) start, (int) p.currentLocation().getCharOffset());
                        sizes.add((long) minify(element).getBytes(StandardCharsets.UTF_8).length);
                    }
                    return sizes;
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            return java.util.List.of();
        }
        return sizes;
    }

    /** The text without whitespace outside strings; strings (escapes included) stay as written. */
    public static String minify(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@code n} is a kept raw value. */
    public static boolean isRaw(JsonNode n) {
        return n instanceof POJONode p && p.getPojo() instanceof RawValue;
    }

    /** The bytes a stored value is answered with: its raw text when kept, else its compact serialization. */
    public static byte[] bytes(JsonNode n) {
        if (isRaw(n)) {
            return String.valueOf(((RawValue) ((POJONode) n).getPojo()).rawValue()).getBytes(StandardCharsets.UTF_8);
        }
        return Json.compact(n).getBytes(StandardCharsets.UTF_8);
    }

    /** The ordinary tree: kept raw values parsed back (for reading fields and for schema validation). */
    public static JsonNode plain(JsonNode n) {
        if (isRaw(n)) {
            return Json.parseStrictPlain(String.valueOf(((RawValue) ((POJONode) n).getPojo()).rawValue()), "a raw value");
        }
        if (!contains(n)) {
            return n;
        }
        if (n.isObject()) {
            ObjectNode copy = Json.object();
            n.fields().forEachRemaining(e -> copy.set(e.getKey(), plain(e.getValue())));
            return copy;
        }
        ArrayNode copy = Json.NODES.arrayNode();
        n.forEach(e -> copy.add(plain(e)));
        return copy;
    }

    private static boolean contains(JsonNode n) {
        if (isRaw(n)) {
            return true;
        }
        for (JsonNode child : n) {
            if (contains(child)) {
                return true;
            }
        }
        return false;
    }
}
