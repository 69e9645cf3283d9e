package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.ScenarioIndex;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The walks of the bundled scenarios an adapter can make: every walk of a scenario whose first request an adapter
 * can express (see {@link Pulls#of}), and again page by page where the scenario says what each page holds (and
 * scripts no deviation, which the whole walk already meets); for scenarios without walks (the error and deviation
 * scenarios) every exchange that starts a walk, so a client meets each scripted fault and error on its first
 * request; and one walk of more than 200 pages for the rate limit.
 */
final class WalkCatalog {
    /** The scenario whose first walk, at 2 messages a page, needs more than 200 requests. */
    static final String RATE_SCENARIO = "c2c-generated-walk";
    static final int RATE_PAGES = 250;
    /** Walks longer than this are left out (e.g. a group whose newest seq is 7799321, all holes below). */
    static final int MAX_PAGES = 300;

    private static volatile List<WalkCase> bundled;

    private WalkCatalog() {}

    static List<WalkCase> bundled() {
        List<WalkCase> b = bundled;
        if (b == null) {
            synchronized (WalkCatalog.class) {
                b = bundled;
                if (b == null) {
                    b = List.copyOf(build(ScenarioIndex.bundled()));
                    bundled = b;
                }
            }
        }
        return b;
    }

    static List<WalkCase> build(ScenarioIndex index) {
        List<WalkCase> whole = new ArrayList<>();
        List<WalkCase> paged = new ArrayList<>();
        for (ScenarioIndex.Entry entry : index.all()) {
            JsonNode json = entry.json();
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode walk : json.path("walks")) {
                Optional<Api> api = Api.byCommand(walk.path("api").asText());
                Optional<Pull> pull = api.flatMap(a -> Pulls.of(a, walk.path("body")));
                Optional<Oracle.ExpectedWalk> expected = pull.filter(p -> seen.add(Json.compact(Pulls.body(p))))
                        .flatMap(p -> Oracle.walk(json, p.api(), Pulls.body(p), MAX_PAGES));
                if (expected.isPresent()) {
                    String name = walk.path("name").asText();
                    whole.add(new WalkCase(entry.id(), json, name, pull.get(), false, false, expected.get()));
                    if (walk.path("expect").has("pages") && json.path("deviations").isEmpty()) {
                        paged.add(new WalkCase(entry.id(), json, name, pull.get(), true, false, expected.get()));
                    }
                }
            }
            if (!json.path("walks").isEmpty()) {
                continue;
            }
            for (JsonNode exchange : json.path("exchanges")) {
                JsonNode request = exchange.path("request");
                boolean plain = request.size() == 1 && request.has("body") && exchange.path("repeat").asInt(1) == 1;
                Optional<Api> api = Api.byCommand(exchange.path("api").asText());
                Optional<Pull> pull = plain ? api.flatMap(a -> Pulls.of(a, request.path("body"))) : Optional.empty();
                Optional<Oracle.ExpectedWalk> expected = pull.filter(p -> seen.add(Json.compact(Pulls.body(p))))
                        .flatMap(p -> Oracle.walk(json, p.api(), Pulls.body(p), MAX_PAGES));
                if (expected.isPresent()) {
                    whole.add(new WalkCase(entry.id(), json, "from exchange \"" + exchange.path("name").asText() + "\"",
                            pull.get(), false, false, expected.get()));
                }
            }
        }
        index.find(RATE_SCENARIO).ifPresent(entry -> {
            JsonNode walk = entry.json().path("walks").path(0);
            long total = walk.path("expect").path("total").asLong(0);
            Optional<Pull> pull = Pulls.of(Api.ADMIN_GETROAMMSG, walk.path("body"));
            if (total > RATE_PAGES && pull.orElse(null) instanceof C2cPull c) {
                int maxCnt = (int) Math.max(1, total / RATE_PAGES);
                C2cPull rate = new C2cPull(c.operator(), c.peer(), c.minTime(), c.maxTime(), maxCnt);
                Oracle.walk(entry.json(), rate.api(), Pulls.body(rate), RATE_PAGES + 1).ifPresent(expected ->
                        whole.add(new WalkCase(entry.id(), entry.json(), walk.path("name").asText() + ", " + maxCnt
                                + " a page: more than 200 requests", rate, false, true, expected)));
            }
        });
        List<WalkCase> all = new ArrayList<>(whole);
        all.addAll(paged);
        return all;
    }
}
