package io.github.imhistory.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.github.imhistory.contract.RawJson;
import java.nio.charset.StandardCharsets;

/**
 * Message texts replaced by placeholders of the same length, for a recording that may leave the team: every string
 * value inside {@code MsgBody} (except {@code MsgType}, which says what an element is) and the whole
 * {@code CloudCustomData} string become {@code x}s, as many as the UTF-8 bytes the original occupied between its
 * quotes as written (escapes included). An {@code x} needs no escaping, so every message serializes to exactly as many
 * bytes as before and the 13K page cuts (C2C-PAGE-006) fall where they fell upstream.
 */
public final class Redaction {
    private Redaction() {}

    /** A copy of a recorded message with its MsgBody and CloudCustomData redacted. */
    static ObjectNode redactBodies(ObjectNode message) {
        ObjectNode copy = message.deepCopy();
        for (String field : new String[] {"MsgBody", "CloudCustomData"}) {
            JsonNode v = copy.get(field);
            if (v != null) {
                String raw = new String(RawJson.bytes(v), StandardCharsets.UTF_8);
                copy.set(field, new POJONode(new RawValue(redact(raw, field.equals("CloudCustomData")))));
            }
        }
        return copy;
    }

    /**
     * {@code json} (compact JSON as written) with its string values replaced; keys, numbers and the MsgType values
     * stay. With {@code everyString} every string value is replaced, MsgType included (CloudCustomData is one string).
     */
    public static String redact(String json, boolean everyString) {
        StringBuilder out = new StringBuilder(json.length());
        String lastKey = null;
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c != '"') {
                out.append(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (json.charAt(end) != '"') {
                end += json.charAt(end) == '\\' ? 2 : 1;
            }
            String content = json.substring(i + 1, end);
            int next = end + 1;
            while (next < json.length() && Character.isWhitespace(json.charAt(next))) {
                next++;
            }
            boolean key = next < json.length() && json.charAt(next) == ':';
            out.append('"');
            if (key) {
                lastKey = content;
                out.append(content);
            } else if (!everyString && "MsgType".equals(lastKey)) {
                out.append(content);
            } else {
                out.append("x".repeat(content.getBytes(StandardCharsets.UTF_8).length));
            }
            out.append('"');
            i = end + 1;
        }
        return out.toString();
    }
}
