package io.github.imhistory.robustness;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineRequest;
import io.github.imhistory.engine.EngineResponse;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import io.github.imhistory.wiremock.StubOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 8, part 3 (SIG-VER-001..012): valid UserSigs (built like {@link UserSig#generate}, over several tenants with
 * different sdkappids, admins and secret keys) are mutated in every way a client or an attacker could, and no
 * mutation may be accepted (ErrorCode 0) unless it leaves every signed field intact. Where the mutation decides the
 * answer, the code must be the documented one: 70002 empty, 70003 undecodable or mistyped (or without its Base64
 * padding, SIG-VER-012), 70013 identifier, 70014 sdkappid, 70001 expired, 70009 signature (or a TLS.userbuf, SIG-VER-011). Where it does not (flipped bytes), a reference verifier written from
 * the reference notes §3 decides, with exact arithmetic and int64 fields as in the Go and PHP libraries.
 *
 * <p>Every case goes through {@link Engine#handle} (clock fixed at {@link #NOW}); a sample of every category goes
 * over real HTTP to a stub with the same clock. A failure names the seed, the category, the usersig and its document.
 */
class UserSigForgeryTest {
    static final long NOW = 1_750_000_000L;
    static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    static final List<SigTenant> TENANTS = List.of(
            new SigTenant(1_400_000_000L, "admin", "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"),
            new SigTenant(3_000_000_123L, "管理员", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            new SigTenant(1_400_000_777L, "a b+c%d&e=f", "not-hex but printable ASCII: !#$%&'()*+,-./:;<=>?@[]^_`{|}~"),
            new SigTenant(4_294_967_295L, "x".repeat(64), "密钥-ключ-🔑"));
    static final String REPLAY = Robustness.replay("UserSigForgeryTest");

    record SigTenant(long sdkappid, String admin, String key) {
        String app() {
            return Long.toString(sdkappid);
        }

        ObjectNode scenario() {
            ObjectNode s = Json.object();
            s.put("id", "usersig-forgery");
            ObjectNode t = s.putObject("tenant");
            t.put("sdkappid", sdkappid).put("secretKey", key).put("verifyUserSig", true).put("rateLimit", false);
            t.putArray("admins").add(admin);
            t.putArray("accounts").add("peer");
            s.putObject("dataset").putArray("c2c");
            return s;
        }
    }

    /**
     * One usersig to present as {@code tenant}'s admin.
     *
     * @param expected the code it must get
     * @param signed the signed fields of the document it was made from, or null when it was never a signed document
     */
    record Case(String category, int index, SigTenant tenant, String usersig, int expected, JsonNode signed, String how) {
        String describe() {
            JsonNode doc = Reference.readable(usersig);
            return "case " + index + " (" + how + ") of tenant " + tenant.sdkappid() + "/" + tenant.admin() + "\n      usersig: "
                    + (usersig.length() > 400 ? usersig.substring(0, 400) + "...(" + usersig.length() + " chars)" : usersig)
                    + "\n      document: " + (doc == null ? "(undecodable)" : Json.compact(doc));
        }
    }

    static Engine engine;
    static RunningStub http;

    @BeforeAll
    static void start() {
        Clock fixed = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false));
        TENANTS.forEach(t -> tenants.load(t.scenario(), -1));
        engine = new Engine(tenants, fixed);
        http = RunningStub.start(EngineSettings.defaults().withRateLimit(false), StubOptions.defaults(), 16, fixed);
        TENANTS.forEach(t -> http.tenants().load(t.scenario(), -1));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @TestFactory
    Stream<DynamicTest> noMutationOfAValidUserSigIsAccepted() {
        Map<String, List<Case>> categories = categories();
        List<DynamicTest> tests = new ArrayList<>();
        categories.forEach((name, cases) -> tests.add(DynamicTest.dynamicTest(name + " (" + cases.size() + " usersigs, engine)",
                () -> judge(name, cases, UserSigForgeryTest::engineAnswer))));
        tests.add(DynamicTest.dynamicTest("a sample of every category over HTTP", () -> {
            List<String> failures = new ArrayList<>();
            int sent = 0;
            for (Map.Entry<String, List<Case>> e : categories.entrySet()) {
                List<Case> sample = new ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    if (i < 3 || i % 25 == 0) {
                        sample.add(e.getValue().get(i));
                    }
                }
                sent += sample.size();
                failures.addAll(problems(e.getKey(), sample, UserSigForgeryTest::httpAnswer));
            }
            StringBuilder table = new StringBuilder();
            categories.forEach((name, cases) -> table.append(String.format("  %5d  %s%n", cases.size(), name)));
            System.out.printf("UserSigForgeryTest %s: %d usersigs in %d categories through the engine, %d of them over HTTP%n%s",
                    REPLAY, categories.values().stream().mapToInt(List::size).sum(), categories.size(), sent, table);
            if (!failures.isEmpty()) {
                fail(REPLAY + " over HTTP:\n" + String.join("\n", failures));
            }
        }));
        return tests.stream();
    }

    // ------------------------------------------------------------------ the categories

    static Map<String, List<Case>> categories() {
        Map<String, List<Case>> c = new LinkedHashMap<>();
        c.put("valid usersigs are accepted (control)", build("control", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                add.accept(new Case("", b, base.tenant, base.usersig(), 0, base.signed(), "as generated"));
                add.accept(new Case("", b, base.tenant, UserSig.generate(base.tenant.sdkappid(), base.tenant.admin(), base.tenant.key(),
                        base.time, base.expire), 0, base.signed(), "UserSig.generate"));
            }
            Base base = base(0);
            ObjectNode noVer = base.doc.deepCopy();
            noVer.remove("TLS.ver");
            add.accept(new Case("", 0, base.tenant, encode(noVer), 0, base.signed(), "without TLS.ver (no library checks it)"));
            ObjectNode extra = base.doc.deepCopy();
            extra.put("TLS.ver", "1.0").put("TLS.extra", "ignored");
            add.accept(new Case("", 1, base.tenant, encode(extra), 0, base.signed(), "other TLS.ver and an unknown field (unsigned)"));
            ObjectNode last = base(1).doc.deepCopy();
            long t = NOW - 1000;
            resign(last, base(1).tenant.key(), t, 1000); // expires exactly now: still valid (SIG-VER-005)
            add.accept(new Case("", 2, base(1).tenant, encode(last), 0, signedFields(last), "valid until exactly now"));
        }));
        c.put("flipped bytes of the decoded JSON document, recompressed", build("doc-flip", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                byte[] json = Json.compact(base.doc).getBytes(StandardCharsets.UTF_8);
                for (int k = 0; k < 40; k++) {
                    byte[] m = json.clone();
                    int at = r.nextInt(m.length);
                    m[at] = r.nextBoolean() ? (byte) (m[at] ^ (1 << r.nextInt(8))) : (byte) r.nextInt(256);
                    String sig = encodeBytes(m);
                    add.accept(new Case("", b * 100 + k, base.tenant, sig, Reference.code(sig, base.tenant), base.signed(),
                            "byte " + at + " of the document changed"));
                }
            }
        }));
        c.put("flipped bytes of the zlib stream", build("zlib-flip", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                byte[] z = deflate(Json.compact(base.doc).getBytes(StandardCharsets.UTF_8));
                for (int k = 0; k < 10; k++) {
                    byte[] m = z.clone();
                    int at = r.nextInt(m.length);
                    m[at] ^= (byte) (1 << r.nextInt(8));
                    String sig = tencentBase64(m);
                    add.accept(new Case("", b * 100 + k, base.tenant, sig, Reference.code(sig, base.tenant), base.signed(),
                            "bit flipped in byte " + at + " of the zlib stream"));
                }
            }
        }));
        c.put("re-signed with a wrong key -> 70009", build("wrong-key", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                String key = base.tenant.key();
                char[] one = key.toCharArray();
                one[r.nextInt(one.length)] ^= 1;
                String[] wrong = {key + "0", key.substring(1), new String(one), key.toUpperCase(java.util.Locale.ROOT).equals(key) ? key + " " : key.toUpperCase(java.util.Locale.ROOT),
                        TENANTS.get((b + 1) % TENANTS.size()).key(), Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong())};
                for (String w : wrong) {
                    ObjectNode d = base.doc.deepCopy();
                    resign(d, w, base.time, base.expire);
                    add.accept(new Case("", b, base.tenant, encode(d), 70009, base.signed(), "signed with key '" + w + "'"));
                }
                // the hex-decoded bytes of the console key are not the key (ref §3: UTF-8 bytes as-is)
                if (key.matches("[0-9a-f]{64}")) {
                    ObjectNode d = base.doc.deepCopy();
                    d.put("TLS.sig", hmac(new BigInteger(key, 16).toByteArray(), UserSig.content(base.tenant.admin(), base.tenant.app(), base.time, base.expire, null)));
                    add.accept(new Case("", b, base.tenant, encode(d), 70009, base.signed(), "HMAC keyed with the hex-decoded secret"));
                }
            }
        }));
        c.put("expired (time + expire < now) -> 70001", build("expired", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                long expire = new long[] {1, 60, 86_400, 180L * 86_400, 0}[r.nextInt(5)];
                long[] ago = {1, 2, 1 + r.nextInt(86_400), 1 + r.nextInt(1_000_000_000)};
                for (long a : ago) {
                    ObjectNode d = base.doc.deepCopy();
                    resign(d, base.tenant.key(), NOW - expire - a, expire);
                    add.accept(new Case("", b, base.tenant, encode(d), 70001, signedFields(d), "expired " + a + " s ago"));
                }
                ObjectNode wrongKeyToo = base.doc.deepCopy(); // SIG-VER-007: expiry is checked before the signature
                resign(wrongKeyToo, "wrong", NOW - expire - 5, expire);
                add.accept(new Case("", b, base.tenant, encode(wrongKeyToo), 70001, signedFields(wrongKeyToo), "expired and wrongly signed"));
            }
        }));
        c.put("issued for another identifier -> 70013", build("identifier", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                String a = base.tenant.admin();
                String[] others = {a.toUpperCase(java.util.Locale.ROOT).equals(a) ? a + "X" : a.toUpperCase(java.util.Locale.ROOT), a + " ",
                        " " + a, a + "\u0000", "", a.substring(0, a.length() - 1), "user1", a + "\u200b", "ａｄｍｉｎ"};
                for (String o : others) {
                    if (o.equals(a)) {
                        continue;
                    }
                    add.accept(new Case("", b, base.tenant, UserSig.generate(base.tenant.sdkappid(), o, base.tenant.key(), base.time,
                            base.expire), 70013, null, "identifier '" + o + "'"));
                }
            }
        }));
        c.put("issued for another sdkappid -> 70014", build("sdkappid", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                long app = base.tenant.sdkappid();
                long[] others = {app + 1, app - 1, 0, 4_294_967_295L == app ? 1 : 4_294_967_295L, app + (1L << 32), -app, 1_400_000_000L == app ? 7 : 1_400_000_000L};
                for (long o : others) {
                    add.accept(new Case("", b, base.tenant, UserSig.generate(o, base.tenant.admin(), base.tenant.key(), base.time,
                            base.expire), 70014, null, "sdkappid " + o));
                }
            }
        }));
        c.put("truncated at every length -> 70002/70003", build("truncated", (r, add) -> {
            for (int b = 0; b < Math.min(8, Robustness.SIG_BASES); b++) {
                Base base = base(b);
                String sig = base.usersig();
                for (int len = 0; len < sig.length(); len++) {
                    String cut = sig.substring(0, len); // only the padding gone is 70003 too (SIG-VER-012)
                    add.accept(new Case("", b * 1000 + len, base.tenant, cut, len == 0 ? 70002 : 70003,
                            base.signed(), "first " + len + " of " + sig.length() + " chars"));
                }
            }
        }));
        c.put("not base64 -> 70003", build("not-base64", (r, add) -> {
            String[] junk = {"!", " ", "%", "é", "\u0000", ".", "\n", "\t", "~", "#", "?", "&", "\"", "😀", "\\"};
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                String sig = base.usersig();
                for (int k = 0; k < 5; k++) {
                    int at = r.nextInt(sig.length() + 1);
                    String j = junk[r.nextInt(junk.length)];
                    add.accept(new Case("", b * 10 + k, base.tenant, sig.substring(0, at) + j + sig.substring(at), 70003, base.signed(),
                            "'" + j + "' inserted at " + at));
                }
            }
            Base base = base(0);
            for (String s : new String[] {"not-a-sig", "*", "____", "eJy", "null", "{}", "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTm", "a".repeat(9000),
                    Base64.getEncoder().encodeToString("{\"TLS.sig\":\"x\"}".getBytes(StandardCharsets.UTF_8))}) {
                add.accept(new Case("", 99, base.tenant, s, 70003, null, "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'"));
            }
        }));
        c.put("RFC 4648 url-safe alphabet instead of Tencent's -> 70003", build("url-safe", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                ObjectNode d = base.doc.deepCopy();
                byte[] z = deflate(Json.compact(d).getBytes(StandardCharsets.UTF_8));
                for (int t = 0; !Base64.getEncoder().encodeToString(z).matches(".*[+/].*"); t++) { // '-' and '_' must matter
                    resign(d, base.tenant.key(), base.time - t - 1, base.expire);
                    z = deflate(Json.compact(d).getBytes(StandardCharsets.UTF_8));
                }
                String urlSafe = Base64.getUrlEncoder().encodeToString(z);
                add.accept(new Case("", b, base.tenant, urlSafe, 70003, signedFields(d), "base64url of a valid zlib document"));
                add.accept(new Case("", b, base.tenant, Base64.getUrlEncoder().withoutPadding().encodeToString(z), 70003, signedFields(d),
                        "base64url without padding"));
            }
        }));
        c.put("missing or mistyped TLS fields -> 70003", build("fields", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                for (String field : new String[] {"TLS.identifier", "TLS.sdkappid", "TLS.time", "TLS.expire", "TLS.sig"}) {
                    ObjectNode d = base.doc.deepCopy();
                    d.remove(field);
                    add.accept(new Case("", b, base.tenant, encode(d), 70003, base.signed(), "without " + field));
                }
                List<Object[]> retyped = List.of(
                        new Object[] {"TLS.sdkappid", Json.NODES.textNode(base.tenant.app()), "sdkappid as a string"},
                        new Object[] {"TLS.sdkappid", Json.NODES.numberNode((double) base.tenant.sdkappid()), "sdkappid as a float"},
                        new Object[] {"TLS.time", Json.NODES.textNode(Long.toString(base.time)), "time as a string"},
                        new Object[] {"TLS.time", Json.NODES.numberNode(base.time + 0.5), "time as a fraction"},
                        new Object[] {"TLS.expire", Json.NODES.numberNode((double) base.expire), "expire as a float"},
                        new Object[] {"TLS.expire", Json.NODES.booleanNode(true), "expire as a boolean"},
                        new Object[] {"TLS.identifier", Json.NODES.numberNode(1), "identifier as a number"},
                        new Object[] {"TLS.identifier", Json.NODES.nullNode(), "identifier null"},
                        new Object[] {"TLS.sig", Json.NODES.arrayNode().add(base.doc.get("TLS.sig")), "sig in an array"},
                        new Object[] {"TLS.userbuf", Json.NODES.numberNode(1), "userbuf as a number"});
                for (Object[] t : retyped) {
                    ObjectNode d = base.doc.deepCopy();
                    d.set((String) t[0], (JsonNode) t[1]);
                    add.accept(new Case("", b, base.tenant, encode(d), 70003, base.signed(), (String) t[2]));
                }
            }
            Base base = base(0);
            for (String doc : new String[] {"[]", "\"x\"", "{}", "null", "1", "{\"TLS.identifier\":\"admin\"}"}) {
                add.accept(new Case("", 0, base.tenant, encodeBytes(doc.getBytes(StandardCharsets.UTF_8)), 70003, null, "document " + doc));
            }
        }));
        c.put("extra TLS fields without re-signing -> 70009", build("extra", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                ObjectNode d = base.doc.deepCopy();
                d.put("TLS.userbuf", Base64.getEncoder().encodeToString(new byte[] {(byte) b, 1, 2}));
                add.accept(new Case("", b, base.tenant, encode(d), 70009, base.signed(), "TLS.userbuf added, not signed"));
            }
        }));
        c.put("UserSig with userbuf, signed with the right key -> 70009 (SIG-VER-011; expiry and accounts first)", build("userbuf", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                byte[] random = new byte[1 + r.nextInt(40)];
                r.nextBytes(random);
                for (String userbuf : new String[] {privateMapKeyBuffer(base.tenant, 10_000 + b, 255), "",
                        Base64.getEncoder().encodeToString(random)}) {
                    ObjectNode d = base.doc.deepCopy();
                    d.put("TLS.userbuf", userbuf);
                    resign(d, base.tenant.key(), base.time, base.expire);
                    add.accept(new Case("", b, base.tenant, encode(d), 70009, signedFields(d), "signed TLS.userbuf '" + userbuf + "'"));
                }
                String userbuf = privateMapKeyBuffer(base.tenant, 1, 255);
                add.accept(new Case("", b, base.tenant, UserSig.generate(base.tenant.sdkappid(), base.tenant.admin(), base.tenant.key(),
                        base.time, base.expire, userbuf), 70009, null, "UserSig.generate with a userbuf (a PrivateMapKey)"));
                ObjectNode expired = base.doc.deepCopy(); // SIG-VER-007 and -008: expiry is checked before the userbuf
                expired.put("TLS.userbuf", userbuf);
                resign(expired, base.tenant.key(), NOW - base.expire - 1, base.expire);
                add.accept(new Case("", b, base.tenant, encode(expired), 70001, signedFields(expired), "signed TLS.userbuf, expired"));
                add.accept(new Case("", b, base.tenant, UserSig.generate(base.tenant.sdkappid(), base.tenant.admin() + "x", base.tenant.key(),
                        base.time, base.expire, userbuf), 70013, null, "signed TLS.userbuf, another identifier"));
            }
        }));
        c.put("UserSig with its Base64 padding stripped -> 70003 (SIG-VER-012)", build("padding", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                ObjectNode d = base.doc.deepCopy();
                for (int t = 0; !encode(d).endsWith("_"); t++) { // a valid usersig that has padding to strip
                    resign(d, base.tenant.key(), base.time - t - 1, base.expire);
                }
                String sig = encode(d);
                String bare = sig.replaceFirst("_+$", "");
                add.accept(new Case("", b, base.tenant, bare, 70003, signedFields(d), "padding '" + sig.substring(bare.length()) + "' stripped"));
                if (sig.endsWith("__")) {
                    add.accept(new Case("", b, base.tenant, sig.substring(0, sig.length() - 1), 70003, signedFields(d), "one of two '_' stripped"));
                }
                add.accept(new Case("", b, base.tenant, sig + "_", 70003, signedFields(d), "one '_' too many"));
                ObjectNode expired = d.deepCopy(); // decoding comes first (SIG-VER-007)
                for (int t = 0; !encode(expired).endsWith("_"); t++) {
                    resign(expired, base.tenant.key(), NOW - base.expire - 10 - t, base.expire);
                }
                add.accept(new Case("", b, base.tenant, encode(expired).replaceFirst("_+$", ""), 70003, signedFields(expired),
                        "padding stripped, expired"));
            }
        }));
        c.put("TLS.sig of another document -> 70009", build("other-sig", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                Base other = base(b + 1000);
                String[][] from = {
                        {UserSig.content(base.tenant.admin(), base.tenant.app(), base.time + 1, base.expire, null), "time + 1"},
                        {UserSig.content(base.tenant.admin(), base.tenant.app(), base.time, base.expire + 1, null), "expire + 1"},
                        {UserSig.content(base.tenant.admin() + "x", base.tenant.app(), base.time, base.expire, null), "another identifier"},
                        {UserSig.content(base.tenant.admin(), base.tenant.app(), base.time, base.expire, ""), "with an empty userbuf"}};
                for (String[] f : from) {
                    ObjectNode d = base.doc.deepCopy();
                    d.put("TLS.sig", UserSig.hmacBase64(base.tenant.key(), f[0]));
                    add.accept(new Case("", b, base.tenant, encode(d), 70009, base.signed(), "TLS.sig of the document with " + f[1]));
                }
                ObjectNode d = base.doc.deepCopy();
                d.set("TLS.sig", other.doc.get("TLS.sig"));
                add.accept(new Case("", b, base.tenant, encode(d), base.doc.get("TLS.sig").equals(other.doc.get("TLS.sig")) ? 0 : 70009,
                        base.signed(), "TLS.sig of another valid usersig"));
            }
        }));
        c.put("negative time", build("negative-time", (r, add) -> {
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                long time = -1 - r.nextInt(2_000_000_000);
                for (long expire : new long[] {86_400, 180L * 86_400, NOW - time - 1, NOW - time, NOW - time + 1}) {
                    ObjectNode d = base.doc.deepCopy();
                    resign(d, base.tenant.key(), time, expire);
                    add.accept(new Case("", b, base.tenant, encode(d), BigInteger.valueOf(time).add(BigInteger.valueOf(expire))
                            .compareTo(BigInteger.valueOf(NOW)) >= 0 ? 0 : 70001, signedFields(d), "time " + time + ", expire " + expire));
                }
            }
        }));
        c.put("time + expire beyond int64, signed with the right key: expiry in exact arithmetic (SIG-VER-005)", build("overflow", (r, add) -> {
            long[][] pairs = {
                    {NOW - 10, Long.MAX_VALUE}, {NOW, Long.MAX_VALUE - NOW + 1}, {Long.MAX_VALUE, 1}, {Long.MAX_VALUE, Long.MAX_VALUE},
                    {Long.MIN_VALUE, -1}, {Long.MIN_VALUE + 5, -10}, {-1, Long.MIN_VALUE}, {Long.MIN_VALUE, Long.MIN_VALUE},
                    {NOW - 100, 99}, {NOW - 100, 100}};
            List<long[]> all = new ArrayList<>(List.of(pairs));
            for (int k = 0; k < 4 * Robustness.SIG_BASES; k++) { // random pairs, many of them overflowing one way or the other
                all.add(new long[] {extreme(r), extreme(r)});
            }
            for (int i = 0; i < all.size(); i++) {
                Base base = base(i);
                long t = all.get(i)[0];
                long e = all.get(i)[1];
                ObjectNode d = base.doc.deepCopy();
                resign(d, base.tenant.key(), t, e);
                int expected = BigInteger.valueOf(t).add(BigInteger.valueOf(e)).compareTo(BigInteger.valueOf(NOW)) >= 0 ? 0 : 70001;
                add.accept(new Case("", i, base.tenant, encode(d), expected, signedFields(d), "time " + t + ", expire " + e));
            }
        }));
        c.put("TLS.time or TLS.expire beyond int64 -> 70003", build("beyond-int64", (r, add) -> {
            BigInteger two64 = BigInteger.ONE.shiftLeft(64);
            for (int b = 0; b < Robustness.SIG_BASES; b++) {
                Base base = base(b);
                // the document claims time + 2^64 (or expire + 2^64); the HMAC covers what the int64 reading makes of it
                ObjectNode d = base.doc.deepCopy();
                d.put("TLS.time", BigInteger.valueOf(base.time).add(two64));
                add.accept(new Case("", b, base.tenant, encode(d), 70003, base.signed(), "TLS.time = time + 2^64"));
                ObjectNode e = base.doc.deepCopy();
                e.put("TLS.expire", BigInteger.valueOf(base.expire).add(two64.multiply(BigInteger.valueOf(1 + r.nextInt(5)))));
                add.accept(new Case("", b, base.tenant, encode(e), 70003, base.signed(), "TLS.expire = expire + k * 2^64"));
                ObjectNode f = base.doc.deepCopy();
                f.put("TLS.sdkappid", BigInteger.valueOf(base.tenant.sdkappid()).add(two64));
                add.accept(new Case("", b, base.tenant, encode(f), 70003, base.signed(), "TLS.sdkappid = sdkappid + 2^64"));
            }
        }));
        return c;
    }

    /** Any long, or one near either end of the int64 range. */
    private static long extreme(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextLong();
            case 1 -> Long.MAX_VALUE - r.nextInt(1000);
            default -> Long.MIN_VALUE + r.nextInt(1000);
        };
    }

    interface Builder {
        void build(Random r, Consumer<Case> add);
    }

    private static List<Case> build(String stream, Builder builder) {
        List<Case> cases = new ArrayList<>();
        Random r = new Random(Robustness.seed("usersig-" + stream, 0));
        builder.build(r, c -> cases.add(new Case(stream, c.index(), c.tenant(), c.usersig(), c.expected(), c.signed(), c.how())));
        return cases;
    }

    /** A valid signed document for one tenant; {@code index} picks the tenant and seeds time and expire. */
    record Base(SigTenant tenant, ObjectNode doc, long time, long expire) {
        String usersig() {
            return encode(doc);
        }

        JsonNode signed() {
            return signedFields(doc);
        }
    }

    static Base base(int index) {
        Random r = new Random(Robustness.seed("usersig-base", index));
        SigTenant t = TENANTS.get(Math.floorMod(index, TENANTS.size()));
        long expire = new long[] {86_400, 180L * 86_400, 3_600, 50L * 365 * 86_400}[r.nextInt(4)];
        long time = NOW - r.nextInt((int) Math.min(expire, 30L * 86_400));
        ObjectNode doc = Json.object();
        doc.put("TLS.ver", "2.0").put("TLS.identifier", t.admin()).put("TLS.sdkappid", t.sdkappid());
        if (r.nextBoolean()) { // key order varies between the libraries (ref §3)
            doc.put("TLS.time", time).put("TLS.expire", expire);
        } else {
            doc.put("TLS.expire", expire).put("TLS.time", time);
        }
        resign(doc, t.key(), time, expire);
        return new Base(t, doc, time, expire);
    }

    /** Signs the document's fields, its TLS.userbuf included when it has one. */
    static void resign(ObjectNode doc, String key, long time, long expire) {
        doc.put("TLS.time", time).put("TLS.expire", expire);
        doc.put("TLS.sig", UserSig.hmacBase64(key, UserSig.content(doc.path("TLS.identifier").asText(), doc.path("TLS.sdkappid").asText(),
                time, expire, doc.has("TLS.userbuf") ? doc.get("TLS.userbuf").asText() : null)));
    }

    /** The user buffer of a TRTC PrivateMapKey (the libraries' genUserBuf: version 0, account, sdkappid, room, expiry, privileges, account type), Base64. */
    static String privateMapKeyBuffer(SigTenant t, int room, int privileges) {
        byte[] account = t.admin().getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(3 + account.length + 20);
        buf.put((byte) 0).putShort((short) account.length).put(account)
                .putInt((int) t.sdkappid()).putInt(room).putInt((int) (NOW + 300)).putInt(privileges).putInt(0);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    /** The fields the HMAC covers, as exact JSON values. */
    static JsonNode signedFields(JsonNode doc) {
        ObjectNode s = Json.object();
        for (String f : new String[] {"TLS.identifier", "TLS.sdkappid", "TLS.time", "TLS.expire", "TLS.sig", "TLS.userbuf"}) {
            JsonNode v = doc.get(f);
            s.set(f, v == null ? Json.NODES.missingNode() : v.isNumber() ? Json.NODES.textNode(v.bigIntegerValue() + "/" + v.isIntegralNumber()) : v);
        }
        return s;
    }

    // ------------------------------------------------------------------ judging

    interface Answerer {
        JsonNode answer(SigTenant tenant, String usersig) throws IOException;
    }

    private static void judge(String category, List<Case> cases, Answerer answerer) throws IOException {
        List<String> failures = problems(category, cases, answerer);
        if (!failures.isEmpty()) {
            fail(REPLAY + " " + category + ": " + failures.size() + " of " + cases.size() + " usersigs wrong:\n"
                    + String.join("\n", failures.subList(0, Math.min(12, failures.size()))));
        }
    }

    private static List<String> problems(String category, List<Case> cases, Answerer answerer) throws IOException {
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            JsonNode answer = answerer.answer(c.tenant(), c.usersig());
            int code = answer.path("ErrorCode").asInt(-1);
            if (code == 0 && c.signed() != null) {
                JsonNode doc = Reference.readable(c.usersig());
                if (doc == null || !signedFields(doc).equals(c.signed())) {
                    failures.add("  FORGERY ACCEPTED: " + c.describe() + "\n      signed fields were " + c.signed());
                    continue;
                }
            }
            if (code != c.expected()) {
                failures.add((code == 0 ? "  ACCEPTED: " : "  ") + "expected " + c.expected() + " but got " + code + " (" + answer.path("ErrorInfo").asText() + "): " + c.describe());
            }
        }
        return failures;
    }

    static byte[] body(SigTenant t) {
        ObjectNode b = Json.object();
        b.put("From_Account", t.admin()).put("To_Account", "peer").put("MaxCnt", 1).put("MinTime", 0).put("MaxTime", 1);
        return Json.compact(b).getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode engineAnswer(SigTenant t, String usersig) throws IOException {
        EngineResponse r = engine.handle(new EngineRequest("POST", Api.ADMIN_GETROAMMSG.path(), Map.of("sdkappid", t.app(),
                "identifier", t.admin(), "usersig", usersig, "random", "1", "contenttype", "json"), body(t)));
        return Json.WIRE.readTree(r.body());
    }

    static JsonNode httpAnswer(SigTenant t, String usersig) throws IOException {
        RunningStub.Reply r = http.send("POST", Api.ADMIN_GETROAMMSG.path() + "?sdkappid=" + t.app() + "&identifier="
                + RequestGenerator.enc(t.admin()) + "&usersig=" + RequestGenerator.enc(usersig) + "&random=1&contenttype=json", body(t));
        if (r.status() != 200) {
            return Json.object().put("ErrorCode", -r.status()).put("ErrorInfo", "HTTP " + r.status());
        }
        return http.json(r);
    }

    // ------------------------------------------------------------------ encoding

    static String encode(JsonNode doc) {
        return encodeBytes(Json.compact(doc).getBytes(StandardCharsets.UTF_8));
    }

    static String encodeBytes(byte[] json) {
        return tencentBase64(deflate(json));
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    static String tencentBase64(byte[] b) {
        return Base64.getEncoder().encodeToString(b).replace('+', '*').replace('/', '-').replace('=', '_');
    }

    static String hmac(byte[] key, String content) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A verifier written from the reference notes §3 (steps 1-7) and SIG-VER-*, independent of {@link UserSig#verify}:
     * TLS.sdkappid, TLS.time and TLS.expire are int64 as in the Go and PHP libraries, and the expiry sum is exact.
     */
    static final class Reference {
        private Reference() {}

        static int code(String usersig, SigTenant t) {
            return verify(usersig, t.admin(), t.app(), t.key(), NOW);
        }

        static int verify(String usersig, String identifier, String sdkappid, String key, long now) {
            if (usersig.isEmpty()) {
                return 70002;
            }
            JsonNode doc = decode(usersig);
            if (doc == null) {
                return 70003;
            }
            JsonNode id = doc.get("TLS.identifier");
            JsonNode app = doc.get("TLS.sdkappid");
            JsonNode time = doc.get("TLS.time");
            JsonNode expire = doc.get("TLS.expire");
            JsonNode sig = doc.get("TLS.sig");
            JsonNode userbuf = doc.get("TLS.userbuf");
            if (id == null || !id.isTextual() || !int64(app) || !int64(time) || !int64(expire) || sig == null || !sig.isTextual()
                    || userbuf != null && !userbuf.isTextual()) {
                return 70003;
            }
            if (!id.textValue().equals(identifier)) {
                return 70013;
            }
            if (!app.bigIntegerValue().toString().equals(sdkappid)) {
                return 70014;
            }
            if (BigInteger.valueOf(now).compareTo(time.bigIntegerValue().add(expire.bigIntegerValue())) > 0) {
                return 70001;
            }
            if (userbuf != null) { // step 7: Go's verifier rejects a userbuf where none is expected (SIG-VER-011)
                return 70009;
            }
            String content = "TLS.identifier:" + id.textValue() + "\nTLS.sdkappid:" + app.bigIntegerValue() + "\nTLS.time:"
                    + time.bigIntegerValue() + "\nTLS.expire:" + expire.bigIntegerValue() + "\n";
            String expected = hmac(key.getBytes(StandardCharsets.UTF_8), content);
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sig.textValue().getBytes(StandardCharsets.UTF_8))
                    ? 0 : 70009;
        }

        private static boolean int64(JsonNode n) {
            return n != null && n.isIntegralNumber() && n.bigIntegerValue().compareTo(INT64_MIN) >= 0
                    && n.bigIntegerValue().compareTo(INT64_MAX) <= 0;
        }

        /** Step 1 and 2: Tencent's alphabet back to standard Base64 with its padding (SIG-VER-012), zlib, a JSON object; null on any failure. */
        static JsonNode decode(String usersig) {
            return usersig.length() % 4 != 0 ? null : readable(usersig);
        }

        /** The document as Java's lenient Base64 decoder reads it (padding optional): what a stub that accepted it read. */
        static JsonNode readable(String usersig) {
            byte[] z;
            try {
                z = Base64.getDecoder().decode(usersig.replace('*', '+').replace('-', '/').replace('_', '='));
            } catch (IllegalArgumentException e) {
                return null;
            }
            Inflater inf = new Inflater();
            try {
                inf.setInput(z);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[512];
                while (!inf.finished()) {
                    int n = inf.inflate(buf);
                    if (n == 0 && (inf.needsInput() || inf.needsDictionary()) || out.size() > 1 << 20) {
                        return null;
                    }
                    out.write(buf, 0, n);
                }
                JsonNode doc = Json.WIRE.readTree(out.toByteArray());
                return doc != null && doc.isObject() ? doc : null;
            } catch (DataFormatException | IOException e) {
                return null;
            } finally {
                inf.end();
            }
        }
    }
}
