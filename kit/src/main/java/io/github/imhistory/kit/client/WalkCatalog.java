package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Scenario;
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
    /**
     * The scenario whose first walk, one message a page, takes {@value #RATE_REQUESTS} requests: enough that a client
     * without a throttle goes past 200 a second on any machine that can send that fast (four windows at once, through
     * one adapter, as an app syncing several conversations would), and one with a throttle meets it for seconds.
     */
    static final String RATE_SCENARIO = "c2c-rate-walk";
    static final int RATE_REQUESTS = 1200;
    static final int RATE_PARTS = 4;
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

    /** A walk before its oracle ran. */
    private record Candidate(ScenarioIndex.Entry entry, Scenario scenario, String name, Pull pull, boolean pageable) {}

    static List<WalkCase> build(ScenarioIndex index) {
        List<Candidate> candidates = new ArrayList<>();
        for (ScenarioIndex.Entry entry : index.all()) {
            Scenario scenario = entry.scenario();
            Set<String> seen = new LinkedHashSet<>();
            for (Scenario.WalkSpec walk : scenario.walks()) {
                Optional<Pull> pull = Pulls.of(walk.api(), walk.body());
                if (pull.isPresent() && seen.add(Json.compact(Pulls.body(pull.get())))) {
                    boolean pageable = walk.pages().isPresent() && scenario.deviations().isEmpty();
                    candidates.add(new Candidate(entry, scenario, walk.name(), pull.get(), pageable));
                }
            }
            if (!scenario.walks().isEmpty()) {
                continue;
            }
            for (Scenario.Exchange exchange : scenario.exchanges()) {
                boolean plain = exchange.request().plain() && exchange.repeat() == 1;
                Optional<Pull> pull = plain ? Pulls.of(exchange.api(), exchange.request().body()) : Optional.empty();
                if (pull.isPresent() && seen.add(Json.compact(Pulls.body(pull.get())))) {
                    candidates.add(new Candidate(entry, scenario, "from exchange \"" + exchange.name() + "\"",
                            pull.get(), false));
                }
            }
        }
        // The oracle walks are independent of each other: run them side by side.
        List<Optional<Oracle.Facts>> facts = candidates.parallelStream()
                .map(c -> Oracle.walk(c.scenario(), c.pull().api(), Pulls.body(c.pull()), MAX_PAGES)).toList();
        List<WalkCase> whole = new ArrayList<>();
        List<WalkCase> paged = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (facts.get(i).isEmpty()) {
                continue;
            }
            whole.add(WalkCase.single(c.entry().id(), c.scenario(), c.name(), c.pull(), facts.get(i).get(), false));
            if (c.pageable()) {
                paged.add(WalkCase.single(c.entry().id(), c.scenario(), c.name(), c.pull(), facts.get(i).get(), true));
            }
        }
        index.find(RATE_SCENARIO).flatMap(WalkCatalog::rateWalk).ifPresent(whole::add);
        List<WalkCase> all = new ArrayList<>(whole);
        all.addAll(paged);
        return all;
    }

    private static Optional<WalkCase> rateWalk(ScenarioIndex.Entry entry) {
        Scenario scenario = entry.scenario();
        if (scenario.walks().isEmpty()) {
            return Optional.empty();
        }
        Scenario.WalkSpec walk = scenario.walks().get(0);
        long total = walk.total().orElse(0);
        if (!(Pulls.of(Api.ADMIN_GETROAMMSG, walk.body()).orElse(null) instanceof C2cPull c) || total < RATE_REQUESTS) {
            return Optional.empty();
        }
        int maxCnt = (int) Math.max(1, total / RATE_REQUESTS);
        long span = c.maxTime() - c.minTime() + 1;
        List<WalkCase.Part> parts = new ArrayList<>();
        for (int k = 0; k < RATE_PARTS; k++) {
            long from = c.minTime() + k * span / RATE_PARTS;
            long to = k == RATE_PARTS - 1 ? c.maxTime() : c.minTime() + (k + 1) * span / RATE_PARTS - 1;
            C2cPull part = new C2cPull(c.operator(), c.peer(), from, to, maxCnt);
            Optional<Oracle.Facts> facts = Oracle.walk(scenario, part.api(), Pulls.body(part), RATE_REQUESTS);
            if (facts.isEmpty()) {
                return Optional.empty();
            }
            parts.add(new WalkCase.Part(part, facts.get()));
        }
        return Optional.of(new WalkCase(entry.id(), scenario, walk.name() + ", in " + RATE_PARTS
                + " windows at once, " + maxCnt + " a page: " + total / maxCnt + " requests", parts, false, true));
    }
}
