package io.github.imhistory.engine;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes compact JSON straight into a growable byte array. Answers are assembled from pre-serialized message parts,
 * so a page costs copying its bytes, not building and serializing a tree. Deliberately not a ByteArrayOutputStream,
 * whose every write is synchronized: this sits on the hot path of every answer (profiled, P1).
 */
final class JsonOut {
    private byte[] buf;
    private int len;

    JsonOut(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    /** ASCII text as-is (names, punctuation, never user data). */
    JsonOut raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    JsonOut raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    JsonOut str(String value) {
        ch('"');
        raw(quote(value));
        return ch('"');
    }

    /** A non-negative or negative integer, written digit by digit without a String. */
    JsonOut num(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return raw(Long.toString(value));
            }
            ch('-');
            value = -value;
        }
        ensure(20);
        int start = len;
        do {
            buf[len++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) { // digits were written backwards
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** {@code "name":} */
    JsonOut key(String name) {
        ch('"');
        raw(name);
        ch('"');
        return ch(':');
    }

    JsonOut comma() {
        return ch(',');
    }

    JsonOut ch(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, len);
    }

    int size() {
        return len;
    }

    /** The escaped UTF-8 bytes of a string's content (no quotes), exactly as Jackson writes it. */
    static byte[] quote(String value) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(wellFormed(value));
    }

    /** A lone surrogate (possible in a client's echoed input) cannot be encoded as UTF-8: it becomes U+FFFD. */
    static String wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (!paired) {
                    StringBuilder b = new StringBuilder(s.length());
                    for (int j = 0; j < s.length(); j++) {
                        char d = s.charAt(j);
                        if (Character.isHighSurrogate(d) && j + 1 < s.length() && Character.isLowSurrogate(s.charAt(j + 1))) {
                            b.append(d).append(s.charAt(++j));
                        } else {
                            b.append(Character.isSurrogate(d) ? '\uFFFD' : d);
                        }
                    }
                    return b.toString();
                }
                i++;
            }
        }
        return s;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
