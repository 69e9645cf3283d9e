package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Continuations;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.ScenarioPlayer;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineRequest;
import io.github.imhistory.engine.EngineResponse;
import io.github.imhistory.engine.EngineSettings;
import io.github.imhistory.engine.Tenants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a correct client gets from a walk: the same scenario walked in-process on the engine with the documented
 * continuation protocol ({@link Continuations}) and the catalogue's retry rules, as a fresh stub tenant would answer
 * it. Scripted delays are not slept (the answers are the same); rate limiting is off (a correct client never meets
 * it, and the oracle is faster than one).
 */
final class Oracle {
    private static final long ORACLE_SDKAPPID = 1_400_000_000L;
    private static final ErrorCatalog ERRORS = ErrorCatalog.bundled();

    /**
     * @param answers   the successful answers, in walk order
     * @param entries   every entry, oldest first
     * @param errorCode 0 when the walk reached the end; the code that ended it; -1 for a network failure or HTTP error
     *                  that outlasted the retries
     * @param failures  why each failed attempt failed ("ErrorCode 91000", "HTTP 502", "network fault")
     * @param permanent whether a failure was one a retry cannot help
     */
    record ExpectedWalk(Api api, List<JsonNode> answers, List<JsonNode> entries, int errorCode, List<String> failures,
                        boolean permanent, int requests) {
        boolean succeeded() {
            return errorCode == 0;
        }

        /** The pages' entries, each page oldest first, pages in walk order (newest page first). */
        List<List<JsonNode>> pageEntries() {
            List<List<JsonNode>> out = new ArrayList<>();
            for (JsonNode answer : answers) {
                out.add(oldestFirst(api, Continuations.entries(api, answer)));
            }
            return out;
        }
    }

    private Oracle() {}

    /**
     * @param maxPages the walk is abandoned (empty) after this many pages: a group whose newest seq is in the
     *                 billions is not a whole-history walk anybody makes
     */
    static Optional<ExpectedWalk> walk(JsonNode scenario, Api api, ObjectNode firstBody, int maxPages) {
        Tenants tenants = new Tenants(EngineSettings.defaults().withRateLimit(false).withJournalSize(0));
        Engine engine = new Engine(tenants, Clock.systemUTC());
        tenants.load(scenario, ORACLE_SDKAPPID);
        TenantSpec spec = TenantSpec.of(scenario).withSdkappid(ORACLE_SDKAPPID);
        List<JsonNode> answers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        boolean permanent = false;
        int requests = 0;
        ObjectNode body = firstBody;
        while (true) {
            JsonNode answer = null;
            int code = 0;
            for (int attempt = 0; attempt <= ScenarioPlayer.MAX_RETRIES; attempt++) {
                requests++;
                Optional<JsonNode> got = send(engine, spec, api, body);
                if (got.isEmpty()) {
                    failures.add("a network fault or HTTP error");
                    code = -1;
                    continue;
                }
                code = got.get().path("ErrorCode").asInt(-1);
                if (code == 0) {
                    answer = got.get();
                    break;
                }
                failures.add("ErrorCode " + code);
                if (!ERRORS.retryCanHelp(code)) {
                    permanent = true;
                    break;
                }
            }
            if (answer == null) {
                return Optional.of(new ExpectedWalk(api, answers, flatten(api, answers), code, failures, permanent, requests));
            }
            answers.add(answer);
            Optional<ObjectNode> next = Continuations.next(api, body, answer);
            if (next.isEmpty()) {
                return Optional.of(new ExpectedWalk(api, answers, flatten(api, answers), 0, failures, permanent, requests));
            }
            if (answers.size() >= maxPages) {
                return Optional.empty();
            }
            body = next.get();
        }
    }

    /** The answer, or empty for a fault, an HTTP error or a body that is not JSON. */
    private static Optional<JsonNode> send(Engine engine, TenantSpec spec, Api api, JsonNode body) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("sdkappid", Long.toString(spec.sdkappid()));
        query.put("identifier", spec.admin());
        query.put("usersig", UserSig.generate(spec.sdkappid(), spec.admin(), spec.secretKey(),
                System.currentTimeMillis() / 1000, 86_400));
        query.put("random", Long.toString(ThreadLocalRandom.current().nextLong(0, 1L << 32)));
        query.put("contenttype", "json");
        EngineResponse r = engine.handle(new EngineRequest("POST", api.path(), query,
                Json.compact(body).getBytes(StandardCharsets.UTF_8)));
        if (r.fault() != EngineResponse.Fault.NONE || r.status() != 200) {
            return Optional.empty();
        }
        try {
            JsonNode answer = Json.WIRE.readTree(r.body());
            return answer != null && answer.isObject() ? Optional.of(answer) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** All entries of a walk oldest first: pages go back in time, so the last page comes first. */
    static List<JsonNode> flatten(Api api, List<JsonNode> answers) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = answers.size() - 1; i >= 0; i--) {
            out.addAll(oldestFirst(api, Continuations.entries(api, answers.get(i))));
        }
        return out;
    }

    /** One page's entries oldest first: C2C and official-account pages already are, group pages are newest first. */
    static List<JsonNode> oldestFirst(Api api, JsonNode entries) {
        List<JsonNode> out = new ArrayList<>();
        entries.forEach(out::add);
        if (api == Api.GROUP_MSG_GET_SIMPLE) {
            Collections.reverse(out);
        }
        return out;
    }
}
