package io.github.imhistory.engine;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes compact JSON straight to UTF-8 bytes. Answers are assembled from pre-serialized message parts, so a page
 * costs copying its bytes, not building and serializing a tree.
 */
final class JsonOut {
    private final ByteArrayOutputStream out;

    JsonOut(int capacity) {
        out = new ByteArrayOutputStream(capacity);
    }

    JsonOut raw(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            out.write(ascii.charAt(i));
        }
        return this;
    }

    JsonOut raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    JsonOut str(String value) {
        out.write('"');
        raw(quote(value));
        out.write('"');
        return this;
    }

    JsonOut num(long value) {
        return raw(Long.toString(value));
    }

    /** {@code "name":} */
    JsonOut key(String name) {
        out.write('"');
        raw(name);
        out.write('"');
        out.write(':');
        return this;
    }

    JsonOut comma() {
        out.write(',');
        return this;
    }

    JsonOut ch(char c) {
        out.write(c);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    /** The escaped UTF-8 bytes of a string's content (no quotes), exactly as Jackson writes it. */
    static byte[] quote(String value) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(value);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
