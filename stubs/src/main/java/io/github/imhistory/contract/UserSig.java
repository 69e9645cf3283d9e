package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TLSSigAPIv2 UserSig (HMAC-SHA256), generation and verification, after the reference notes §3 (SIG-ALG-001,
 * SIG-VER-001..012). Tencent's Base64 variant maps {@code + / =} to {@code * - _}; an RFC 4648 base64url decoder
 * would map {@code -} to {@code +} and is wrong here.
 */
public final class UserSig {
    /** A decoded document is small; anything that inflates beyond this is not a UserSig. */
    private static final int MAX_DOCUMENT_BYTES = 16 * 1024;
    private static final int MAX_USERSIG_CHARS = 8 * 1024;

    private UserSig() {}

    /** The verdict of {@link #verify}: 0 when valid, otherwise the documented error code. */
    public record Verdict(int code, String info) {
        static final Verdict VALID = new Verdict(0, "");

        public boolean valid() {
            return code == 0;
        }
    }

    /** Codes of the verdicts (error-codes.json): 70002 empty, 70003 undecodable, 70013 identifier, 70014 sdkappid, 70001 expired, 70009 signature. */
    public static String generate(long sdkappid, String identifier, String secretKey, long time, long expire) {
        return generate(sdkappid, identifier, secretKey, time, expire, null);
    }

    /**
     * As above, with {@code userbuf} (already Base64, as the libraries put it in the document) signed into the
     * document the way a TRTC PrivateMapKey carries it; null for none. {@link #verify} refuses it (SIG-VER-011).
     */
    public static String generate(long sdkappid, String identifier, String secretKey, long time, long expire, String userbuf) {
        ObjectNode doc = Json.object();
        doc.put("TLS.ver", "2.0");
        doc.put("TLS.identifier", identifier);
        doc.put("TLS.sdkappid", sdkappid);
        doc.put("TLS.expire", expire);
        doc.put("TLS.time", time);
        if (userbuf != null) {
            doc.put("TLS.userbuf", userbuf);
        }
        doc.put("TLS.sig", hmacBase64(secretKey, content(identifier, Long.toString(sdkappid), time, expire, userbuf)));
        byte[] json = Json.compact(doc).getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(); // zlib (RFC 1950), not raw deflate, not gzip
        deflater.setInput(json);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getEncoder().encodeToString(out.toByteArray())
                .replace('+', '*').replace('/', '-').replace('=', '_');
    }

    /**
     * Checks in the order of the Go and PHP libraries (SIG-VER-007): decode, identifier, sdkappid, expiry, HMAC. A
     * TLS.userbuf is refused as Go's verifier does, after expiry and before the HMAC (SIG-VER-011).
     *
     * @param nowSeconds the server's clock; a sig is still valid at exactly time + expire (SIG-VER-005)
     */
    public static Verdict verify(String usersig, String identifier, String sdkappid, String secretKey, long nowSeconds) {
        if (usersig == null || usersig.isEmpty()) {
            return new Verdict(70002, "usersig is empty");
        }
        JsonNode doc = decode(usersig);
        if (doc == null) {
            return new Verdict(70003, "usersig could not be decoded (Base64 with * - _, zlib, JSON)");
        }
        JsonNode id = doc.get("TLS.identifier");
        JsonNode app = doc.get("TLS.sdkappid");
        JsonNode time = doc.get("TLS.time");
        JsonNode expire = doc.get("TLS.expire");
        JsonNode sig = doc.get("TLS.sig");
        JsonNode userbuf = doc.get("TLS.userbuf");
        if (id == null || !id.isTextual() || app == null || !app.canConvertToLong() || !app.isIntegralNumber()
                || time == null || !time.isIntegralNumber() || !time.canConvertToLong()
                || expire == null || !expire.isIntegralNumber() || !expire.canConvertToLong()
                || sig == null || !sig.isTextual() || (userbuf != null && !userbuf.isTextual())) {
            return new Verdict(70003, "usersig document lacks TLS.identifier, TLS.sdkappid, TLS.time, TLS.expire or TLS.sig");
        }
        if (!id.asText().equals(identifier)) {
            return new Verdict(70013, "usersig was issued for identifier " + id.asText());
        }
        if (!app.asText().equals(sdkappid)) {
            return new Verdict(70014, "usersig was issued for sdkappid " + app.asText());
        }
        long t = time.asLong();
        long e = expire.asLong();
        // saturating: a huge TLS.expire must not wrap time + expire around into the past (or the future)
        long until = e >= 0 && t > Long.MAX_VALUE - e ? Long.MAX_VALUE : t + e;
        if (e < 0 && t < Long.MIN_VALUE - e) {
            until = Long.MIN_VALUE;
        }
        if (nowSeconds > until) {
            return new Verdict(70001, "usersig expired at " + until);
        }
        if (userbuf != null) {
            return new Verdict(70009, "usersig carries TLS.userbuf (a TRTC PrivateMapKey?); an IM REST UserSig has none");
        }
        String expected = hmacBase64(secretKey, content(id.asText(), app.asText(), t, e, null));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sig.asText().getBytes(StandardCharsets.UTF_8))) {
            return new Verdict(70009, "usersig signature does not match the app's secret key");
        }
        return Verdict.VALID;
    }

    /**
     * The same document encoded without its Base64 padding (SIG-VER-012), for scenarios that show it is refused.
     * Whether compressed output needs padding depends on its length, so the document goes in one stored
     * (uncompressed) zlib block, still RFC 1950, whose length is the JSON's + 11: one trailing space, which JSON
     * allows, makes that length need padding.
     */
    public static String withoutPadding(JsonNode doc) {
        byte[] json = Json.compact(doc).getBytes(StandardCharsets.UTF_8);
        if (json.length >= 0xFFFF) {
            throw new ContractException("a UserSig document of " + json.length + " bytes does not fit one stored zlib block");
        }
        if ((json.length + 11) % 3 == 0) {
            json = java.util.Arrays.copyOf(json, json.length + 1);
            json[json.length - 1] = ' ';
        }
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(json);
        java.nio.ByteBuffer z = java.nio.ByteBuffer.allocate(json.length + 11);
        z.put((byte) 0x78).put((byte) 0x01) // zlib header: deflate, 32K window, no dictionary
                .put((byte) 0x01).putShort(Short.reverseBytes((short) json.length)) // final stored block, LEN, NLEN
                .putShort(Short.reverseBytes((short) ~json.length)).put(json).putInt((int) adler.getValue());
        return Base64.getEncoder().withoutPadding().encodeToString(z.array()).replace('+', '*').replace('/', '-');
    }

    /**
     * The decoded JSON document, or null when the string is not a UserSig at all. The Base64 must keep its padding
     * ({@code _}), as Go's and Python's decoders require; Java's alone would accept it without (SIG-VER-012).
     */
    public static JsonNode decode(String usersig) {
        if (usersig.length() > MAX_USERSIG_CHARS || usersig.length() % 4 != 0) {
            return null;
        }
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(usersig.replace('*', '+').replace('-', '/').replace('_', '='));
        } catch (IllegalArgumentException e) {
            return null;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[512];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null; // truncated
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_DOCUMENT_BYTES) {
                    return null;
                }
            }
            JsonNode doc = Json.WIRE.readTree(out.toByteArray());
            return doc != null && doc.isObject() ? doc : null;
        } catch (DataFormatException | java.io.IOException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    public static String content(String identifier, String sdkappid, long time, long expire, String userbuf) {
        String s = "TLS.identifier:" + identifier + "\n"
                + "TLS.sdkappid:" + sdkappid + "\n"
                + "TLS.time:" + time + "\n"
                + "TLS.expire:" + expire + "\n";
        return userbuf == null ? s : s + "TLS.userbuf:" + userbuf + "\n";
    }

    public static String hmacBase64(String secretKey, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // The console secret is used as UTF-8 bytes as-is, not hex-decoded.
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
