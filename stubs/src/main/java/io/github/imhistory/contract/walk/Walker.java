package io.github.imhistory.contract.walk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a history the documented way: sends the first request, continues from each answer with
 * {@link io.github.imhistory.contract.ApiProfile#next} until the history ends, retries what a retry can help (per the
 * error catalogue) a bounded number of times with a fresh random, and stops on a loop or after a page limit. The stub
 * tests, the client suite's expectations and the server suite all walk with it; a {@link Listener} sees every answer
 * and may decide otherwise.
 */
public final class Walker {
    /** A walk retries a transient failure like a correct client (COM-RETRY-002): at most this many times a page. */
    public static final int MAX_RETRIES = 3;

    /** What to do after an answer. */
    public enum Decision {
        /** A page: continue from it (or end there when history ends). */
        ACCEPT,
        /** Send the same request again (a new random). */
        RETRY,
        /** End the walk here, failed. */
        STOP
    }

    /** How a walk ended. */
    public enum End {
        /** History ended (Complete=1, seq 1, an empty list, IsFinished=2). */
        COMPLETE,
        /** A failure ended it: a permanent error, a transient one after the retries, or a listener's STOP. */
        FAILED,
        /** The continuation repeats an earlier request. */
        LOOPED,
        /** It had not ended after the page limit. */
        TOO_LONG
    }

    /**
     * One answer (or the lack of one) to one request of the walk.
     *
     * @param page    1-based page number (retries share their page's number)
     * @param attempt 0 for the first try of a page
     * @param answer  null when no answer came ({@code error} says why)
     */
    public record Attempt(int page, int attempt, HttpCall call, JsonNode request, Answer answer, IOException error) {
        /** The answer when it is a JSON object, else null. */
        public JsonNode json() {
            return answer == null ? null : answer.json();
        }

        public boolean success() {
            return answer != null && answer.success();
        }

        /** The ErrorCode of a JSON answer; -1 when there is none. */
        public int errorCode() {
            JsonNode j = json();
            return j == null || !j.path("ErrorCode").isIntegralNumber() ? -1 : j.path("ErrorCode").asInt();
        }

        /** No answer, HTTP other than 200, not JSON, or a code the error catalogue marks retry=true. */
        public boolean transientFailure() {
            if (answer == null || answer.status() != 200 || json() == null) {
                return true;
            }
            int code = errorCode();
            return code != 0 && ErrorCatalog.bundled().retryCanHelp(code);
        }

        public String failureText() {
            if (answer == null) {
                return "no usable answer: " + error.getMessage();
            }
            if (answer.status() != 200 || json() == null) {
                return answer.brief();
            }
            return "ErrorCode " + errorCode() + ": " + answer.brief();
        }
    }

    /** Sees every attempt and decides what the walk does next. */
    @FunctionalInterface
    public interface Listener {
        Decision answered(Attempt attempt);
    }

    /**
     * @param pages    the accepted attempts, in walk order
     * @param attempts every attempt, retries and the last failure included
     */
    public record Result(Api api, End end, List<Attempt> pages, List<Attempt> attempts) {
        /** The accepted answers' JSON, in walk order. */
        public List<JsonNode> answers() {
            return pages.stream().map(Attempt::json).toList();
        }

        /** Every entry of the walk, oldest first. */
        public List<JsonNode> history() {
            return api.profile().history(answers());
        }

        public Attempt last() {
            return attempts.get(attempts.size() - 1);
        }

        /** The attempts that failed (what a correct client would have surfaced or retried). */
        public List<Attempt> failures() {
            return attempts.stream().filter(a -> !a.success()).toList();
        }
    }

    private final CallFactory calls;
    private final Transport transport;

    public Walker(CallFactory calls, Transport transport) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** What a correct client does: accept a success; retry a transient failure up to {@link #MAX_RETRIES} times. */
    public static Decision asCorrectClient(Attempt a) {
        if (a.success()) {
            return Decision.ACCEPT;
        }
        return a.transientFailure() && a.attempt() < MAX_RETRIES ? Decision.RETRY : Decision.STOP;
    }

    public Result walk(Api api, JsonNode first, int maxPages) {
        return walk(api, first, maxPages, Walker::asCorrectClient);
    }

    public Result walk(Api api, JsonNode first, int maxPages, Listener listener) {
        List<Attempt> pages = new ArrayList<>();
        List<Attempt> attempts = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        JsonNode request = first;
        while (true) {
            sent.add(Json.compact(request));
            HttpCall call = calls.body(api, request);
            Attempt accepted = null;
            for (int attempt = 0; ; attempt++) {
                Attempt a = send(pages.size() + 1, attempt, call, request);
                attempts.add(a);
                Decision d = listener.answered(a);
                if (d == Decision.ACCEPT) {
                    accepted = a;
                    break;
                }
                if (d == Decision.STOP) {
                    return new Result(api, End.FAILED, pages, attempts);
                }
                call = CallFactory.again(call);
            }
            pages.add(accepted);
            JsonNode json = accepted.json();
            Optional<ObjectNode> next = json == null ? Optional.empty() : api.profile().next(request, json);
            if (next.isEmpty()) {
                return new Result(api, End.COMPLETE, pages, attempts);
            }
            if (sent.contains(Json.compact(next.get()))) {
                return new Result(api, End.LOOPED, pages, attempts);
            }
            if (pages.size() >= maxPages) {
                return new Result(api, End.TOO_LONG, pages, attempts);
            }
            request = next.get();
        }
    }

    private Attempt send(int page, int attempt, HttpCall call, JsonNode request) {
        try {
            return new Attempt(page, attempt, call, request, transport.send(call), null);
        } catch (IOException e) {
            return new Attempt(page, attempt, call, request, null, e);
        }
    }
}
