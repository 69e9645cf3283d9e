package io.github.imhistory.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The project's own Jackson (never WireMock's relocated one). Two mappers: contract files are read strictly so
 * that a duplicated key in a scenario is a loud mistake; request bodies are read leniently (last key wins), as a
 * tolerant server would.
 */
public final class Json {
    /** For contract files: duplicate keys and trailing tokens are errors. */
    public static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** For bodies on the wire: trailing garbage is still an error, duplicates are not. */
    public static final ObjectMapper WIRE = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * Reads a contract file strictly. In a scenario, stored message bodies are kept as written ({@link RawJson}).
     */
    public static JsonNode read(InputStream in, String where) {
        String text;
        try (InputStream s = in) {
            text = new String(s.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": " + e.getMessage(), e);
        }
        return parseStrict(text, where);
    }

    /** Parses a contract document strictly; in a scenario, stored message bodies are kept as written. */
    public static JsonNode parseStrict(String text, String where) {
        return RawJson.keep(text, parseStrictPlain(text, where));
    }

    /** Parses strictly, into an ordinary tree. */
    static JsonNode parseStrictPlain(String text, String where) {
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ContractException(where + ": not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": " + e.getMessage(), e);
        }
    }


    /** Compact serialization, the form the engine answers with and the 13K limit counts (C2C-PAGE-006). */
    public static String compact(JsonNode node) {
        try {
            return WIRE.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pretty(JsonNode node) {
        try {
            return WIRE.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        // Keep the parser from giving up on long strings or deep bodies before the engine can answer.
        STRICT.getFactory().configure(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION, false);
    }
}
