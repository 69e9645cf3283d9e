package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Plays a scenario's exchanges and walks through any {@link Transport} (the engine in-process, HTTP to a stub, HTTP
 * to a real server) and judges each answer against the scenario's expectation.
 */
public final class ScenarioPlayer {
    /** Guards a walk against a server that never ends it. */
    public static final int MAX_WALK_PAGES = 200_000;
    /** A walk retries a transient failure like a correct client (COM-RETRY-002): at most this many times a page. */
    public static final int MAX_RETRIES = 3;

    @FunctionalInterface
    public interface Transport {
        Answer send(HttpCall call) throws IOException;
    }

    public record Answer(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The verdict on one exchange or walk; {@code detail} names the difference and how to reproduce it. */
    public record Outcome(String name, List<String> rules, boolean passed, String detail, HttpCall lastCall, int calls) {}

    private final TenantSpec tenant;
    private final Transport transport;
    private final LongSupplier nowSeconds;
    private final ErrorCatalog errors = ErrorCatalog.bundled();

    public ScenarioPlayer(TenantSpec tenant, Transport transport, LongSupplier nowSeconds) {
        this.tenant = tenant;
        this.transport = transport;
        this.nowSeconds = nowSeconds;
    }

    public TenantSpec tenant() {
        return tenant;
    }

    public Outcome playExchange(JsonNode exchange) {
        String name = exchange.path("name").asText();
        List<String> rules = texts(exchange.path("rules"));
        Api api = Api.byCommand(exchange.path("api").asText()).orElseThrow();
        HttpCall call = call(api, exchange.path("request"));
        int repeat = exchange.path("repeat").asInt(1);
        JsonNode expect = exchange.path("expect");
        if (repeat > 1) {
            return playBurst(name, rules, call, repeat, expect);
        }
        Answer answer;
        try {
            answer = transport.send(call);
        } catch (IOException e) {
            return new Outcome(name, rules, false, "no answer: " + e, call, 1);
        }
        Optional<String> diff = judge(expect, answer);
        return new Outcome(name, rules, diff.isEmpty(), diff.orElse(""), call, 1);
    }

    /** Why {@code answer} does not meet {@code expect}, or empty when it does. */
    private static Optional<String> judge(JsonNode expect, Answer answer) {
        int status = expect.path("status").asInt(200);
        if (answer.status() != status) {
            return Optional.of("HTTP " + answer.status() + " but expected " + status + "; body: " + brief(answer.text()));
        }
        JsonNode actual;
        try {
            actual = Json.WIRE.readTree(answer.body());
        } catch (IOException e) {
            return Optional.of("answer is not JSON: " + brief(answer.text()));
        }
        if (actual == null) {
            return Optional.of("empty answer");
        }
        JsonNode expected = expect.path("response");
        Optional<String> diff = "subset".equals(expect.path("match").asText("exact"))
                ? JsonMatch.subset(expected, actual) : JsonMatch.exact(expected, actual);
        String text = answer.text();
        return diff.map(d -> d + "\n  answer: " + brief(text));
    }

    /** A concurrent burst: {@code expect} must match at least one answer, and every other answer must be a success. */
    private Outcome playBurst(String name, List<String> rules, HttpCall call, int repeat, JsonNode expect) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, repeat));
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                HttpCall c = i == 0 ? call : withFreshRandom(call);
                futures.add(pool.submit(() -> transport.send(c)));
            }
            int matched = 0;
            Map<String, Integer> others = new LinkedHashMap<>();
            for (Future<Answer> f : futures) {
                Answer a;
                try {
                    a = f.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    others.merge("no answer: " + e.getCause(), 1, Integer::sum);
                    continue;
                }
                if (judge(expect, a).isEmpty()) {
                    matched++;
                } else {
                    JsonNode body = parseOrNull(a.body());
                    String kind = body != null && body.path("ErrorCode").asInt(-1) == 0 ? "success"
                            : "HTTP " + a.status() + " " + brief(a.text());
                    others.merge(kind, 1, Integer::sum);
                }
            }
            others.remove("success");
            boolean passed = matched > 0 && others.isEmpty();
            return new Outcome(name, rules, passed, passed ? "" : matched + " of " + repeat
                    + " answers matched the expectation; other answers: " + others, call, repeat);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(name, rules, false, "interrupted", call, repeat);
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode parseOrNull(byte[] body) {
        try {
            return Json.WIRE.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    public Outcome playWalk(JsonNode walk) {
        String name = walk.path("name").asText();
        List<String> rules = texts(walk.path("rules"));
        Api api = Api.byCommand(walk.path("api").asText()).orElseThrow();
        JsonNode expectedPages = walk.path("expect").path("pages");
        JsonNode request = walk.path("body");
        HttpCall call = null;
        long total = 0;
        int page = 0;
        StringBuilder seen = new StringBuilder();
        int calls = 0;
        while (true) {
            call = bodyCall(api, request);
            JsonNode actual = null;
            String failure = null;
            for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
                calls++;
                failure = null;
                try {
                    Answer answer = transport.send(call);
                    actual = answer.status() == 200 ? Json.WIRE.readTree(answer.body()) : null;
                    if (actual == null) {
                        failure = "HTTP " + answer.status() + " " + brief(answer.text());
                    } else if (actual.path("ErrorCode").asInt(-1) != 0) {
                        failure = "ErrorCode " + actual.path("ErrorCode") + ": " + brief(answer.text());
                        if (!errors.retryCanHelp(actual.path("ErrorCode").asInt(-1))) {
                            break; // COM-RETRY-001: a permanent error is surfaced at once
                        }
                    }
                } catch (IOException e) { // network fault or a body that is not JSON: transient
                    failure = "no usable answer: " + e.getMessage();
                }
                if (failure == null) {
                    break;
                }
                call = bodyCall(api, request); // a fresh random and usersig, as a new request
            }
            if (failure != null) {
                return new Outcome(name, rules, false, "page " + (page + 1) + ": " + failure, call, calls);
            }
            List<JsonNode> keys = Continuations.keys(api, actual);
            total += keys.size();
            seen.append("\n  page ").append(page + 1).append(": ").append(keys);
            if (expectedPages.isArray()) {
                if (page >= expectedPages.size()) {
                    return new Outcome(name, rules, false, "walk goes on past the " + expectedPages.size()
                            + " expected pages; page " + (page + 1) + " has " + keys + seen, call, calls);
                }
                JsonNode exp = expectedPages.get(page);
                JsonNode answered = actual;
                Optional<String> d = JsonMatch.exact(exp.path("keys"), Json.WIRE.valueToTree(keys))
                        .or(() -> exp.has("fields") ? JsonMatch.subset(exp.get("fields"), answered) : Optional.empty());
                if (d.isPresent()) {
                    return new Outcome(name, rules, false, "page " + (page + 1) + " " + d.get() + seen, call, calls);
                }
            }
            page++;
            Optional<ObjectNode> next = Continuations.next(api, request, actual);
            if (next.isEmpty()) {
                break;
            }
            if (page >= MAX_WALK_PAGES) {
                return new Outcome(name, rules, false, "walk did not end after " + page + " pages", call, calls);
            }
            request = next.get();
        }
        JsonNode expect = walk.path("expect");
        if (expectedPages.isArray() && page != expectedPages.size()) {
            return new Outcome(name, rules, false, "walk ended after " + page + " pages, expected " + expectedPages.size() + seen, call, calls);
        }
        if (expect.has("total") && expect.get("total").asLong() != total) {
            return new Outcome(name, rules, false, "walk returned " + total + " entries, expected " + expect.get("total").asLong(), call, calls);
        }
        return new Outcome(name, rules, true, "", call, calls);
    }

    /** The HTTP call an exchange's request spec describes (defaults of scenario.schema.json applied). */
    public HttpCall call(Api api, JsonNode request) {
        Map<String, String> query = defaultQuery();
        JsonNode overrides = request.path("query");
        Map<String, JsonNode> sigSpecs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                query.remove(e.getKey());
            } else if (e.getValue().isObject()) {
                sigSpecs.put(e.getKey(), e.getValue());
                query.put(e.getKey(), "");
            } else {
                query.put(e.getKey(), e.getValue().asText());
            }
        }
        if (query.containsKey("usersig") && !overrides.has("usersig")) {
            query.put("usersig", sign(Json.object(), query));
        }
        sigSpecs.forEach((k, spec) -> query.put(k, sign(spec, query)));
        byte[] body = request.has("rawBody") ? request.get("rawBody").asText().getBytes(StandardCharsets.UTF_8)
                : request.has("body") ? Json.compact(request.get("body")).getBytes(StandardCharsets.UTF_8) : new byte[0];
        return new HttpCall(request.path("method").asText("POST"), request.path("path").asText(api.path()), query, body);
    }

    /** A plain POST of {@code body} with default query parameters. */
    public HttpCall bodyCall(Api api, JsonNode body) {
        ObjectNode request = Json.object();
        request.set("body", body);
        return call(api, request);
    }

    private Map<String, String> defaultQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("sdkappid", Long.toString(tenant.sdkappid()));
        q.put("identifier", tenant.admin());
        q.put("usersig", "");
        q.put("random", Long.toString(ThreadLocalRandom.current().nextLong(0, 1L << 32)));
        q.put("contenttype", "json");
        return q;
    }

    private String sign(JsonNode spec, Map<String, String> query) {
        String identifier = spec.path("identifier").asText(query.getOrDefault("identifier", tenant.admin()));
        long sdkappid = spec.has("sdkappid") ? spec.get("sdkappid").asLong() : parseOr(query.get("sdkappid"), tenant.sdkappid());
        long now = nowSeconds.getAsLong();
        long time = spec.has("time") ? spec.get("time").asLong() : now + spec.path("timeOffset").asLong(0);
        String key = spec.path("secretKey").asText(tenant.secretKey());
        long expire = spec.path("expire").asLong(86_400);
        String userbuf = spec.hasNonNull("userbuf") ? spec.get("userbuf").asText() : null;
        String sig = UserSig.generate(sdkappid, identifier, key, time, expire, userbuf);
        return spec.path("padding").asBoolean(true) ? sig : withoutPadding(UserSig.decode(sig));
    }

    /**
     * The same document with its Base64 padding dropped (SIG-VER-012). Whether compressed output needs padding
     * depends on its length, so the document goes in one stored (uncompressed) zlib block, still RFC 1950, whose
     * length is the JSON's + 11: one trailing space, which JSON allows, makes that length need padding.
     */
    private static String withoutPadding(JsonNode doc) {
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
        return java.util.Base64.getEncoder().withoutPadding().encodeToString(z.array()).replace('+', '*').replace('/', '-');
    }

    private static HttpCall withFreshRandom(HttpCall call) {
        if (!call.query().containsKey("random")) {
            return call;
        }
        Map<String, String> q = new LinkedHashMap<>(call.query());
        if (q.get("random").matches("[0-9]+")) {
            q.put("random", Long.toString(ThreadLocalRandom.current().nextLong(0, 1L << 32)));
        }
        return new HttpCall(call.method(), call.path(), q, call.body());
    }

    private static long parseOr(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String brief(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
