package io.github.imhistory.robustness;

import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.UserSig;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The fuzz's requests: request {@code i} is a pure function of (base seed, i) and the targets, so a failing index
 * replays on its own. Most requests start from a valid request of one of the three APIs and then break it: in the
 * query (missing, repeated, extra and junk parameters, percent-encoded junk), in the JSON (wrong types, huge,
 * negative and fractional numbers, 1e400, -0, surrogates and U+0000, deep nesting, duplicate keys, long strings),
 * in the bytes (truncation, flipped and inserted bytes, invalid UTF-8), in the method or in the path.
 *
 * <p>Every URI it produces is accepted by {@link URI} (the JDK client cannot send anything else); raw junk that
 * {@code java.net.URI} refuses is covered by {@code HttpFrontDoorTest}. No path starts with {@code /__}, so the
 * fuzz never reaches WireMock's or the stub's admin API.
 */
final class RequestGenerator {
    enum Shape { DEMO, TOPICS }

    /** A tenant the fuzz aims at; {@code validSig} is a current UserSig of its admin. */
    record Target(long sdkappid, String admin, String secretKey, boolean verifies, Shape shape, String validSig) {}

    /** One generated request. {@code api} is the API its path names, or null for an unknown path. */
    record Generated(long index, String label, String method, String path, String rawQuery, byte[] body, Api api, Target target) {
        String pathAndQuery() {
            return rawQuery == null ? path : path + "?" + rawQuery;
        }

        String curl(String base) {
            StringBuilder s = new StringBuilder("curl -sS -X ").append(method).append(" '").append(base).append(pathAndQuery()).append("'")
                    .append(" -H 'Content-Type: application/json; charset=utf-8'");
            if (body.length > 0) {
                s.append(body.length > 2000 ? " --data-binary @<" + body.length + " bytes: regenerate index " + index + ">"
                        : " --data-binary $'" + escapeForShell(body) + "'");
            }
            return s.toString();
        }

        String describe() {
            return "index " + index + " [" + label + "] body(" + body.length + " bytes)=" + preview(body);
        }
    }

    static final String[] METHODS_OTHER = {"GET", "PUT", "DELETE", "PATCH"};

    static final List<String> UNKNOWN_PATHS = List.of(
            "/v4/openim/admin_getroammsg/extra", "/v4/openim/unknown_command", "/v4/openim/", "/v4/openim",
            "/v4/group_open_http_svc/unknown_command", "/v4/official_account_open_http_svc/nope",
            "/v4/group_open_http_svc/admin_getroammsg", "/v4/openim/group_msg_get_simple", "/v4", "/v4/",
            "/V4/openim/admin_getroammsg", "/v4/openim/ADMIN_GETROAMMSG", "/v4/openim/admin_getroammsg%20",
            "/v4//openim/admin_getroammsg", "//v4/openim/admin_getroammsg", "/v4/openim/admin%5Fgetroammsg",
            "/v4/openim%2Fadmin_getroammsg", "/v4/openim/..%2Fadmin_getroammsg", "/v3/openim/admin_getroammsg",
            "/", "/index.html", "/favicon.ico", "/v4/a/b/c/d/e", "/v40/openim/admin_getroammsg",
            "/api/v4/openim/admin_getroammsg", "/v4/%E2%80%AE/x", "/v4/openim/admin_getroammsg;jsessionid=1",
            "/v4/group_open_http_svc/group_msg_get_simple//", "/v4/official_account_open_http_svc/", "/_imhistory/tenants",
            "/v4/openim/%F0%9F%98%80", "/v4/openim/" + "x".repeat(1500), "/v4/group_open_http_svc/GROUP_MSG_GET_SIMPLE",
            "/v4/official_account_open_http_svc/official_account_msg_get_simple/x", "/v4/openim/admin_getroammsg.json");

    /** Raw query values, each a legal URI query fragment; many decode to something odd. */
    static final List<String> JUNK_VALUES = List.of(
            "", "0", "-1", "1", "4294967295", "4294967296", "99999999999", "18446744073709551616", "1400000000.0", "1e9",
            "%201400000000", "1400000000%20", "%2B1400000000", "+1400000000", "0x10", "%EF%BC%91%EF%BC%94%EF%BC%90%EF%BC%90",
            "%00", "%FF", "%C3%28", "%E2%80%AE", "%ED%A0%80", "%ED%B0%80", "%F0%9F%98%80", "%0D%0A", "%2526", "%26sdkappid%3D1",
            "a%20b", "a+b", "%7F", "json", "JSON", "xml", "json%00", "json%20", "%25", "%25zz", "null", "undefined", "true",
            "%5B%5D", "%22%22", "%E4%B8%AD%E6%96%87", "admin%00", "Admin", "admin%20", "%20admin", "user1", "*-_", "____",
            "eJy", "eJyrVgrxCdYrSy1SslJQ", "x".repeat(1800), "%C0%80", "%F4%90%80%80", "%EF%BB%BF", "1%2C2", "1;2", "%3D");

    static final List<String> EXTRA_PARAMS = List.of(
            "foo=bar", "SDKAPPID=1400000000", "Identifier=admin", "%73dkappid=1", "random", "=", "=x", "&", "&&",
            "usersig", "contenttype=xml", "callback=alert", "a[]=1", "sdkappid%00=1", "%00=%00", "x=" + "y".repeat(900));

    static final String[] WEIRD_NUMBERS = {
            "0", "-0", "-0.0", "0.0", "1", "-1", "1.0", "1.5", "20.0", "1e3", "1E3", "1e-3", "1e400", "-1e400", "4294967295",
            "4294967296", "-4294967296", "2147483648", "2147483647", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890", "0.1e-400",
            "1.7976931348623157e309", "5e-324", "1e0", "-1e0", "0e0"};
    static final String[] INVALID_LITERALS = {
            "NaN", "Infinity", "-Infinity", "01", "00", "+1", ".5", "5.", "0x10", "1e", "--1", "1_000", "True", "nul", "undefined",
            "'x'", "\"unterminated", "[1,", "{\"a\"", "{1:2}", "[,]", "1 2", "\"a\" \"b\"", "//", "/*x*/1", "\"\\x41\"", "\"\\u12\""};
    static final String[] WEIRD_STRINGS = {
            "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\udfff\\ud800\"", "\"x\\ud800y\"",
            "\"\\ud83d\\ude00\"", "\"😀\"", "\"\\u202e\"", "\"\\\"\"", "\"\\\\\"", "\"\\n\"", "\"\\t\"", "\"1\"", "\"-1\"", "\"1.5\"",
            "\"1e400\"", "\"true\"", "\"null\"", "\"1_1_1\"", "\"0_0_0\"", "\"4294967295_4294967295_4294967295\"",
            "\"4294967296_1_1\"", "\"99999999999_1_1\"", "\"1_1\"", "\"1_1_1_1\"", "\"_1_1\"", "\"a_b_c\"", "\"1_2_3 \"",
            "\"１_１_１\"", "\"١_١_١\"", "\"1_1_\\u0000\"", "\"-1_1_1\"", "\"+1_1_1\"", "\"1_2_1700000000\"", "\"5_1_1700000000\"",
            "\"0_1_0\"", "\"管理员\"", "\"user1\"", "\"USER1\"", "\" user1\"", "\"user1\\u0000\"", "\"admin\"",
            "\"@TGS#DEMO\"", "\"@TGS#DEMO \"", "\"@tgs#demo\"", "\"@TOA#_DEMO\"", "\"@TGS#_COMMUNITY1\"",
            "\"@TGS#_COMMUNITY1@TOPIC#_alpha\"", "\"\\u007f\"", "\"é\"", "\"e\\u0301\"", "\"" + "A".repeat(48) + "\"",
            "\"" + "A".repeat(49) + "\"", "\"\\ud800\\ud800\""};
    static final String[] STRUCTURES = {"null", "true", "false", "[]", "{}", "[1]", "[\"user1\"]", "{\"a\":1}", "[[]]", "[null]",
            "{\"\":{}}", "{\"MaxCnt\":1}"};
    static final String[] JUNK_BODIES = {"", " ", "\n", "null", "true", "[]", "{}", "\"x\"", "123", "-0", "1e400", "[{}]", "{}{}",
            "{} x", "{\"a\":1}}", "{'a':1}", "{a:1}", "{\"a\":1,}", "{\"a\" 1}", "{,}", "{\"a\":}", "\u0000", "{\"\\u0000\":1}",
            "[\"\\ud800\"]", "\uFEFF{}", "{\"a\":\"\\", "{\"a\":\"\u0001\"}", "<xml/>", "a=1&b=2", "{\"From_Account\":\"user1\"",
            "NaN", "{\"MaxCnt\":NaN}", "{\"__proto__\":{}}", "{\"constructor\":{\"prototype\":{}}}"};
    static final byte[] SPECIAL_BYTES = {0x00, 0x01, 0x1f, 0x7f, (byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xc1, (byte) 0xe0,
            (byte) 0xed, (byte) 0xf4, (byte) 0xf5, (byte) 0xfe, (byte) 0xff, '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '-', 'e'};

    private final List<Target> targets;
    private final long nowSeconds;

    RequestGenerator(List<Target> targets, long nowSeconds) {
        this.targets = List.copyOf(targets);
        this.nowSeconds = nowSeconds;
    }

    Generated generate(long index) {
        Random r = new Random(Robustness.seed("fuzz", index));
        List<String> label = new ArrayList<>();
        Target t = targets.get(r.nextInt(targets.size()));
        // path
        Api api;
        String path;
        int p = r.nextInt(100);
        if (p < 88) {
            api = t.shape() == Shape.TOPICS && r.nextInt(3) > 0 ? Api.GROUP_MSG_GET_SIMPLE : Api.values()[r.nextInt(3)];
            path = api.path() + (r.nextInt(40) == 0 ? "/" : "");
            label.add("api:" + api.command());
        } else {
            api = null;
            path = UNKNOWN_PATHS.get(r.nextInt(UNKNOWN_PATHS.size()));
            label.add("path:unknown");
        }
        // method
        String method = r.nextInt(100) < 90 ? "POST" : METHODS_OTHER[r.nextInt(METHODS_OTHER.length)];
        if (!method.equals("POST")) {
            label.add("method:" + method);
        }
        String query = query(r, t, label);
        byte[] body = body(r, t, api == null ? Api.values()[r.nextInt(3)] : api, label);
        if (!method.equals("POST") && r.nextBoolean()) {
            body = new byte[0];
        }
        return new Generated(index, String.join(" ", label), method, path, query, body, api, t);
    }

    // ------------------------------------------------------------------ query

    private String query(Random r, Target t, List<String> label) {
        List<String> params = new ArrayList<>();
        params.add("sdkappid=" + t.sdkappid());
        params.add("identifier=" + enc(t.admin()));
        params.add("usersig=" + (t.verifies() ? t.validSig() : "any"));
        params.add("random=" + r.nextLong(0, 1L << 32));
        if (r.nextInt(10) > 0) {
            params.add("contenttype=json");
        }
        if (r.nextInt(8) == 0) {
            Collections.shuffle(params, r);
        }
        if (r.nextInt(100) < 38) {
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                mutateQuery(r, t, params, label);
            }
        }
        if (r.nextInt(150) == 0) {
            label.add("query:none");
            return null;
        }
        String raw = String.join("&", params);
        try {
            URI.create("http://127.0.0.1:1/x?" + raw);
            return raw;
        } catch (IllegalArgumentException e) {
            label.add("query:re-encoded");
            return enc(raw).replace("%3D", "=").replace("%26", "&");
        }
    }

    private void mutateQuery(Random r, Target t, List<String> params, List<String> label) {
        String[] names = {"sdkappid", "identifier", "usersig", "random", "contenttype"};
        String name = names[r.nextInt(names.length)];
        switch (r.nextInt(11)) {
            case 0 -> {
                params.removeIf(s -> s.startsWith(name + "="));
                label.add("query:drop(" + name + ")");
            }
            case 1 -> {
                params.add(name + "=" + junk(r));
                label.add("query:repeat-after(" + name + ")");
            }
            case 2 -> {
                params.add(0, name + "=" + junk(r));
                label.add("query:repeat-before(" + name + ")");
            }
            case 3 -> {
                replace(params, name, junk(r));
                label.add("query:junk(" + name + ")");
            }
            case 4 -> {
                params.add(r.nextInt(params.size() + 1), EXTRA_PARAMS.get(r.nextInt(EXTRA_PARAMS.size())));
                label.add("query:extra");
            }
            case 5 -> {
                replace(params, "sdkappid", Long.toString(r.nextBoolean() ? 1 + r.nextInt(1000) : 1_400_000_000L + 50_000 + r.nextInt(1000)));
                label.add("query:unknown-sdkappid");
            }
            case 6 -> {
                String[] ids = {"user1", "bob", "Admin", "admin%20", "%E7%AE%A1%E7%90%86%E5%91%98", "x".repeat(300)};
                replace(params, "identifier", ids[r.nextInt(ids.length)]);
                label.add("query:non-admin");
            }
            case 7 -> {
                replace(params, "usersig", badSig(r, t));
                label.add("query:bad-usersig");
            }
            case 8 -> {
                String[] seps = {"", "&", "=", "&=", "x", "%26"};
                params.add(r.nextInt(params.size() + 1), seps[r.nextInt(seps.length)]);
                label.add("query:separators");
            }
            case 9 -> {
                String upper = name.toUpperCase(java.util.Locale.ROOT);
                params.replaceAll(s -> s.startsWith(name + "=") ? upper + s.substring(name.length()) : s);
                label.add("query:name-case(" + name + ")");
            }
            default -> {
                StringBuilder v = new StringBuilder();
                int n = 1 + r.nextInt(24);
                for (int i = 0; i < n; i++) {
                    v.append('%').append(String.format("%02X", r.nextInt(256)));
                }
                replace(params, name, v.toString());
                label.add("query:percent-bytes(" + name + ")");
            }
        }
    }

    private String badSig(Random r, Target t) {
        long app = t.sdkappid();
        return switch (r.nextInt(7)) {
            case 0 -> "";
            case 1 -> t.validSig().substring(0, r.nextInt(t.validSig().length()));
            case 2 -> UserSig.generate(app, "someone-else", t.secretKey(), nowSeconds, 86_400);
            case 3 -> UserSig.generate(app + 1, t.admin(), t.secretKey(), nowSeconds, 86_400);
            case 4 -> UserSig.generate(app, t.admin(), t.secretKey(), nowSeconds - 200_000, 86_400);
            case 5 -> UserSig.generate(app, t.admin(), t.secretKey() + "x", nowSeconds, 86_400);
            default -> t.validSig().replace('*', '+').replace('-', '/'); // standard alphabet: '+' decodes to a space
        };
    }

    private static void replace(List<String> params, String name, String rawValue) {
        boolean found = false;
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).startsWith(name + "=")) {
                params.set(i, name + "=" + rawValue);
                found = true;
                break;
            }
        }
        if (!found) {
            params.add(name + "=" + rawValue);
        }
    }

    private static String junk(Random r) {
        return JUNK_VALUES.get(r.nextInt(JUNK_VALUES.size()));
    }

    // ------------------------------------------------------------------ body

    /** One "key":value member, both as JSON text (the key already quoted and escaped). */
    record Field(String key, String value) {
        String text() {
            return key + ":" + value;
        }
    }

    private byte[] body(Random r, Target t, Api api, List<String> label) {
        int kind = r.nextInt(100);
        if (kind < 20) {
            label.add("body:valid");
            return utf8(object(validFields(r, t, api), r));
        }
        if (kind < 60) {
            List<Field> fields = validFields(r, t, api);
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                mutateFields(r, fields, label);
            }
            return utf8(object(fields, r));
        }
        if (kind < 82) {
            List<Field> fields = validFields(r, t, api);
            if (r.nextBoolean()) {
                mutateFields(r, fields, label);
            }
            return mutateBytes(r, utf8(object(fields, r)), label);
        }
        if (kind < 94) {
            label.add("body:junk");
            return utf8(JUNK_BODIES[r.nextInt(JUNK_BODIES.length)]);
        }
        if (kind < 98) {
            int depth = depth(r);
            label.add("body:deep(" + depth + ")");
            return utf8(r.nextBoolean() ? nested(r, depth) : "{\"x\":" + nested(r, depth) + "}");
        }
        // rare and large: long strings and keys, huge numbers
        List<Field> fields = validFields(r, t, api);
        int size = r.nextInt(4) == 0 ? 200_000 : 5_000 + r.nextInt(80_000);
        switch (r.nextInt(4)) {
            case 0 -> {
                fields.set(r.nextInt(fields.size()), new Field(fields.get(r.nextInt(fields.size())).key(), "\"" + "a".repeat(size) + "\""));
                label.add("body:long-value(" + size + ")");
            }
            case 1 -> {
                fields.add(new Field("\"Pad\"", "\"" + "\\u00e9".repeat(size / 6) + "\""));
                label.add("body:long-escapes(" + size + ")");
            }
            case 2 -> {
                int len = r.nextBoolean() ? 49_000 : 51_000; // around Jackson's 50,000-char name limit
                fields.add(new Field("\"" + "k".repeat(len) + "\"", "1"));
                label.add("body:long-key(" + len + ")");
            }
            default -> {
                int digits = new int[] {400, 999, 1000, 1001, 5000}[r.nextInt(5)];
                fields.set(r.nextInt(fields.size()), new Field(fields.get(0).key(), "1" + "0".repeat(digits - 1)));
                label.add("body:huge-number(" + digits + ")");
            }
        }
        return utf8(object(fields, r));
    }

    private List<Field> validFields(Random r, Target t, Api api) {
        List<Field> f = new ArrayList<>();
        boolean demo = t.shape() == Shape.DEMO;
        switch (api) {
            case ADMIN_GETROAMMSG -> {
                String[] accounts = demo ? new String[] {"user1", "user2", "admin"} : new String[] {"alice", "bob", "carol", "admin"};
                boolean current = r.nextInt(4) == 0;
                f.add(new Field(current ? "\"Operator_Account\"" : "\"From_Account\"", str(accounts[r.nextInt(accounts.length)])));
                f.add(new Field(current ? "\"Peer_Account\"" : "\"To_Account\"", str(accounts[r.nextInt(accounts.length)])));
                f.add(new Field("\"MaxCnt\"", Integer.toString(1 + r.nextInt(r.nextBoolean() ? 20 : 1000))));
                long base = demo ? 1_700_000_000L : 1_700_100_000L;
                f.add(new Field("\"MinTime\"", Long.toString(r.nextInt(4) == 0 ? 0 : base - r.nextInt(100))));
                f.add(new Field("\"MaxTime\"", Long.toString(r.nextInt(4) == 0 ? 4_294_967_295L : base + r.nextInt(600))));
                if (r.nextInt(3) == 0) {
                    f.add(new Field("\"LastMsgKey\"", str(r.nextLong(0, 1L << 32) + "_" + r.nextLong(0, 1L << 32) + "_" + (base + r.nextInt(600)))));
                }
            }
            case GROUP_MSG_GET_SIMPLE -> {
                f.add(new Field("\"GroupId\"", str(demo ? "@TGS#DEMO" : "@TGS#_COMMUNITY1")));
                f.add(new Field("\"ReqMsgNumber\"", Integer.toString(1 + r.nextInt(25))));
                if (r.nextBoolean()) {
                    f.add(new Field("\"ReqMsgSeq\"", Integer.toString(r.nextInt(350))));
                }
                if (r.nextInt(3) == 0) {
                    f.add(new Field("\"WithRecalledMsg\"", Integer.toString(r.nextInt(2))));
                }
                if (!demo && r.nextInt(5) < 2) {
                    String[] topics = {"@TGS#_COMMUNITY1@TOPIC#_alpha", "@TGS#_COMMUNITY1@TOPIC#_beta", "@TGS#_COMMUNITY1@TOPIC#_nope"};
                    f.add(new Field("\"TopicId\"", str(topics[r.nextInt(topics.length)])));
                }
            }
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> {
                f.add(new Field("\"Official_Account\"", str(demo ? "@TOA#_DEMO" : "@TOA#_NONE")));
                if (r.nextInt(10) < 7) {
                    f.add(new Field("\"ReqMsgNumber\"", Integer.toString(1 + r.nextInt(25))));
                }
                if (r.nextInt(10) < 4) {
                    f.add(new Field("\"LastMsgKey\"", str(r.nextInt(250) + "_1_" + (1_700_000_000L + r.nextInt(300)))));
                }
                if (r.nextInt(3) == 0) {
                    f.add(new Field("\"WithRecalledMsg\"", Integer.toString(r.nextInt(2))));
                }
            }
            default -> throw new IllegalStateException();
        }
        return f;
    }

    private void mutateFields(Random r, List<Field> fields, List<String> label) {
        int i = r.nextInt(fields.size());
        Field f = fields.get(i);
        switch (r.nextInt(9)) {
            case 0, 1, 2 -> {
                String v = weirdValue(r);
                fields.set(i, new Field(f.key(), v));
                label.add("field:" + f.key() + "=" + abbreviate(v));
            }
            case 3 -> {
                fields.remove(i);
                label.add("field:drop" + f.key());
                if (fields.isEmpty()) {
                    fields.add(new Field("\"x\"", "1"));
                }
            }
            case 4 -> {
                String v = r.nextBoolean() ? weirdValue(r) : f.value();
                fields.add(r.nextBoolean() ? i + 1 : i, new Field(f.key(), v)); // duplicate key: the last one wins when parsing
                label.add("field:duplicate" + f.key());
            }
            case 5 -> {
                String[] keys = {"\"\"", "\"\\u0000\"", "\"MaxCnt \"", "\"maxcnt\"", "\"__proto__\"", "\"ErrorCode\"", "\"😀\"",
                        "\"\\ud800\"", "\"TopicId\"", "\"ReqMsgSeq\"", "\"LastMsgKey\"", "\"WithRecalledMsg\"", "\"SyncOtherMachine\""};
                fields.add(r.nextInt(fields.size() + 1), new Field(keys[r.nextInt(keys.length)], weirdValue(r)));
                label.add("field:extra");
            }
            case 6 -> {
                String k = f.key().toLowerCase(java.util.Locale.ROOT);
                fields.set(i, new Field(k, f.value()));
                label.add("field:key-case" + f.key());
            }
            case 7 -> {
                int depth = depth(r);
                fields.set(i, new Field(f.key(), nested(r, depth)));
                label.add("field:" + f.key() + "=deep(" + depth + ")");
            }
            default -> {
                // the other API's account field names mixed in, e.g. From_Account with Peer_Account
                String[] keys = {"\"From_Account\"", "\"To_Account\"", "\"Operator_Account\"", "\"Peer_Account\"", "\"GroupId\"",
                        "\"Official_Account\""};
                fields.set(i, new Field(keys[r.nextInt(keys.length)], f.value()));
                label.add("field:rename" + f.key());
            }
        }
    }

    private static String weirdValue(Random r) {
        return switch (r.nextInt(5)) {
            case 0, 1 -> WEIRD_NUMBERS[r.nextInt(WEIRD_NUMBERS.length)];
            case 2 -> WEIRD_STRINGS[r.nextInt(WEIRD_STRINGS.length)];
            case 3 -> STRUCTURES[r.nextInt(STRUCTURES.length)];
            default -> INVALID_LITERALS[r.nextInt(INVALID_LITERALS.length)];
        };
    }

    private static int depth(Random r) {
        int[] depths = {20, 500, 998, 999, 1000, 1001, 2000, 5000};
        return depths[r.nextInt(depths.length)];
    }

    private static String nested(Random r, int depth) {
        StringBuilder s = new StringBuilder(depth * 6);
        switch (r.nextInt(4)) {
            case 0 -> s.append("[".repeat(depth)).append("]".repeat(depth));
            case 1 -> s.append("{\"a\":".repeat(depth)).append('1').append("}".repeat(depth));
            case 2 -> s.append("[".repeat(depth)); // never closed
            default -> {
                for (int i = 0; i < depth; i++) {
                    s.append(i % 2 == 0 ? "[" : "{\"k\":");
                }
                s.append("0");
                for (int i = depth - 1; i >= 0; i--) {
                    s.append(i % 2 == 0 ? "]" : "}");
                }
            }
        }
        return s.toString();
    }

    private static byte[] mutateBytes(Random r, byte[] b, List<String> label) {
        int len = b.length;
        return switch (r.nextInt(10)) {
            case 0 -> {
                int k = r.nextInt(Math.max(1, len));
                label.add("bytes:truncate(" + k + ")");
                yield Arrays.copyOf(b, k);
            }
            case 1 -> {
                byte[] c = b.clone();
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n && len > 0; i++) {
                    c[r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
                }
                label.add("bytes:flip(" + n + ")");
                yield c;
            }
            case 2 -> {
                byte[] c = b.clone();
                if (len > 0) {
                    c[r.nextInt(len)] = SPECIAL_BYTES[r.nextInt(SPECIAL_BYTES.length)];
                }
                label.add("bytes:replace");
                yield c;
            }
            case 3 -> {
                int at = r.nextInt(len + 1);
                byte[] ins = new byte[1 + r.nextInt(4)];
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = SPECIAL_BYTES[r.nextInt(SPECIAL_BYTES.length)];
                }
                label.add("bytes:insert");
                yield concat(Arrays.copyOf(b, at), ins, Arrays.copyOfRange(b, at, len));
            }
            case 4 -> {
                int from = r.nextInt(Math.max(1, len));
                int to = Math.min(len, from + 1 + r.nextInt(20));
                label.add("bytes:delete");
                yield concat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, to, len));
            }
            case 5 -> {
                int from = r.nextInt(Math.max(1, len));
                int to = Math.min(len, from + 1 + r.nextInt(30));
                label.add("bytes:duplicate-range");
                yield concat(Arrays.copyOf(b, to), Arrays.copyOfRange(b, from, len));
            }
            case 6 -> {
                String[] tails = {" ", "}", "]", "x", ",", "{}", "\u0000", "//c", "/*", "\n\n", "null"};
                label.add("bytes:trailing");
                yield concat(b, utf8(tails[r.nextInt(tails.length)]));
            }
            case 7 -> {
                byte[][] heads = {{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(" \t\r\n"), utf8("x"), {0}, {(byte) 0xFE, (byte) 0xFF}};
                label.add("bytes:prefix");
                yield concat(heads[r.nextInt(heads.length)], b);
            }
            case 8 -> {
                Charset[] charsets = {StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                        Charset.forName("UTF-32"), StandardCharsets.ISO_8859_1};
                Charset cs = charsets[r.nextInt(charsets.length)];
                label.add("bytes:charset(" + cs + ")");
                yield new String(b, StandardCharsets.UTF_8).concat("é").getBytes(cs);
            }
            default -> {
                byte[] c = new byte[r.nextInt(64)];
                r.nextBytes(c);
                label.add("bytes:random");
                yield c;
            }
        };
    }

    // ------------------------------------------------------------------ helpers

    private static String object(List<Field> fields, Random r) {
        String sep = r.nextInt(10) == 0 ? " ,\n\t" : ",";
        StringBuilder s = new StringBuilder(r.nextInt(10) == 0 ? " {\n" : "{");
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                s.append(sep);
            }
            s.append(fields.get(i).text());
        }
        return s.append('}').toString();
    }

    static String str(String s) {
        try {
            return Json.WIRE.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + ")" : s;
    }

    static String preview(byte[] body) {
        int n = Math.min(body.length, 300);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = body[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s + (body.length > n ? "...(" + body.length + " bytes)" : "");
    }

    private static String escapeForShell(byte[] body) {
        StringBuilder s = new StringBuilder();
        for (byte value : body) {
            int c = value & 0xff;
            if (c == '\'' || c == '\\') {
                s.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.toString();
    }
}
