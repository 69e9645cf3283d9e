package io.github.imhistory.contract.walk;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.JsonMatch;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.Scenario.Exchange;
import io.github.imhistory.contract.Scenario.PageSpec;
import io.github.imhistory.contract.Scenario.WalkSpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays a scenario's exchanges and walks through any {@link Transport} (the engine in-process, HTTP to a stub) and
 * compares each answer with the scenario's own expectation: how the scenarios are shown to hold on the stub. (A
 * server is judged rule by rule instead, by the server suite.)
 */
public final class ScenarioPlayer {
    /** Guards a walk against a server that never ends it. */
    public static final int MAX_WALK_PAGES = 200_000;

    /** The verdict on one exchange or walk; {@code detail} names the difference and how to reproduce it. */
    public record Outcome(String name, List<RuleId> rules, boolean passed, String detail, HttpCall lastCall, int calls) {}

    private final CallFactory calls;
    private final Transport transport;

    public ScenarioPlayer(CallFactory calls, Transport transport) {
        this.calls = calls;
        this.transport = transport;
    }

    public CallFactory calls() {
        return calls;
    }

    public io.github.imhistory.contract.TenantSpec tenant() {
        return calls.tenant();
    }

    /** The default call with this body (a fresh random, a signed UserSig). */
    public HttpCall bodyCall(io.github.imhistory.contract.Api api, JsonNode body) {
        return calls.body(api, body);
    }

    public Outcome playExchange(Exchange exchange) {
        HttpCall call = calls.call(exchange.api(), exchange.request());
        if (exchange.repeat() > 1) {
            return playBurst(exchange, call);
        }
        Answer answer;
        try {
            answer = transport.send(call);
        } catch (IOException e) {
            return new Outcome(exchange.name(), exchange.rules(), false, "no answer: " + e, call, 1);
        }
        Optional<String> diff = judge(exchange.expect(), answer);
        return new Outcome(exchange.name(), exchange.rules(), diff.isEmpty(), diff.orElse(""), call, 1);
    }

    /** Why {@code answer} does not meet {@code expect}, or empty when it does. */
    private static Optional<String> judge(Scenario.Expectation expect, Answer answer) {
        if (answer.status() != expect.status()) {
            return Optional.of("HTTP " + answer.status() + " but expected " + expect.status() + "; body: "
                    + brief(answer.text()));
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
        Optional<String> diff = expect.subset() ? JsonMatch.subset(expect.response(), actual)
                : JsonMatch.exact(expect.response(), actual);
        return diff.map(d -> d + "\n  answer: " + brief(answer.text()));
    }

    /** A concurrent burst: {@code expect} must match at least one answer, and every other answer must be a success. */
    private Outcome playBurst(Exchange exchange, HttpCall call) {
        Burst.Outcome burst;
        try {
            burst = Burst.send(transport, call, exchange.repeat(), 60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(exchange.name(), exchange.rules(), false, "interrupted", call, exchange.repeat());
        }
        int matched = 0;
        Map<String, Integer> others = new LinkedHashMap<>();
        for (int i = 0; i < burst.answers().size(); i++) {
            Answer a = burst.answers().get(i);
            if (a == null) {
                others.merge("no answer: " + burst.errors().get(i), 1, Integer::sum);
            } else if (judge(exchange.expect(), a).isEmpty()) {
                matched++;
            } else if (!a.success()) {
                others.merge(a.brief(), 1, Integer::sum);
            }
        }
        boolean passed = matched > 0 && others.isEmpty();
        return new Outcome(exchange.name(), exchange.rules(), passed, passed ? "" : matched + " of " + exchange.repeat()
                + " answers matched the expectation; other answers: " + others, call, exchange.repeat());
    }

    public Outcome playWalk(WalkSpec walk) {
        Walker.Result r = new Walker(calls, transport).walk(walk.api(), walk.body(), MAX_WALK_PAGES);
        HttpCall last = r.last().call();
        int sent = r.attempts().size();
        StringBuilder seen = new StringBuilder();
        long total = 0;
        for (Walker.Attempt page : r.pages()) {
            List<String> keys = walk.api().profile().keys(page.json());
            total += keys.size();
            seen.append("\n  page ").append(page.page()).append(": ").append(keys);
        }
        if (walk.fails().isPresent()) {
            Scenario.Failure due = walk.fails().get();
            int status = r.last().answer() == null ? -1 : r.last().answer().status();
            boolean as = r.end() == Walker.End.FAILED && status == due.httpStatus()
                    && (due.httpStatus() != 200 || r.last().errorCode() == due.errorCode());
            if (!as) {
                return new Outcome(walk.name(), walk.rules(), false, "the walk was to end in " + due.describe()
                        + " after the retries, but ended " + r.end() + (r.end() == Walker.End.FAILED ? " with "
                        + r.last().failureText() : "") + seen, last, sent);
            }
        } else if (r.end() == Walker.End.FAILED) {
            return new Outcome(walk.name(), walk.rules(), false, "page " + r.last().page() + ": "
                    + r.last().failureText(), last, sent);
        } else if (r.end() != Walker.End.COMPLETE) {
            return new Outcome(walk.name(), walk.rules(), false, "walk did not end (" + r.end() + ") after "
                    + r.pages().size() + " pages" + seen, last, sent);
        }
        if (walk.pages().isPresent()) {
            List<PageSpec> expected = walk.pages().get();
            for (int i = 0; i < Math.min(expected.size(), r.pages().size()); i++) {
                JsonNode answer = r.pages().get(i).json();
                List<String> keys = walk.api().profile().keys(answer);
                PageSpec exp = expected.get(i);
                Optional<String> d = JsonMatch.exact(asTexts(exp.keys(), walk), Json.WIRE.valueToTree(keys))
                        .or(() -> exp.fields() != null ? JsonMatch.subset(exp.fields(), answer) : Optional.empty());
                if (d.isPresent()) {
                    return new Outcome(walk.name(), walk.rules(), false, "page " + (i + 1) + " " + d.get() + seen, last, sent);
                }
            }
            if (r.pages().size() != expected.size()) {
                return new Outcome(walk.name(), walk.rules(), false, "walk ended after " + r.pages().size()
                        + " pages, expected " + expected.size() + seen, last, sent);
            }
        }
        if (walk.total().isPresent() && walk.total().getAsLong() != total) {
            return new Outcome(walk.name(), walk.rules(), false, "walk returned " + total + " entries, expected "
                    + walk.total().getAsLong(), last, sent);
        }
        return new Outcome(walk.name(), walk.rules(), true, "", last, sent);
    }

    /** A page's expected keys as text, the form {@link io.github.imhistory.contract.ApiProfile#key} gives. */
    private static JsonNode asTexts(JsonNode keys, WalkSpec walk) {
        var out = Json.NODES.arrayNode();
        keys.forEach(k -> out.add(k.asText()));
        return out;
    }

    private static String brief(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
