package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request and what it got: as a stub journal recorded it, or as a suite sent it to a server. Immutable; the body and the
 * answer are parsed once, on first use, because the judge reads them many times (a page's answer is up to 13 KB).
 * The parsed nodes are shared: treat them as read-only.
 */
public final class RecordedRequest {
    private final long sequence;
    private final Instant at;
    private final Instant answeredAt;
    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final String body;
    private final int status;
    private final String answer;
    private final String fault;
    private final long delayMillis;
    private volatile Optional<JsonNode> bodyJson;
    private volatile Optional<JsonNode> answerJson;

    /**
     * @param sequence   arrival order within the journal (1, 2, ...)
     * @param at         when the request arrived
     * @param answeredAt when the answer was ready (before any scripted delay), or null when unknown
     * @param query      decoded query parameters in the order sent; a repeated name keeps its first value
     * @param body       the request body as text ({@code ""} when empty)
     * @param status     the HTTP status answered
     * @param answer     the answer body as text ({@code ""} for none)
     * @param fault      the network fault the stub produced instead of an answer (the engine's name, e.g. {@code CONNECTION_RESET}),
     *                   or null
     * @param delayMillis how long the stub held the answer back (a scripted latency), 0 normally
     */
    public RecordedRequest(long sequence, Instant at, Instant answeredAt, String method, String path,
                           Map<String, String> query, String body, int status, String answer, String fault,
                           long delayMillis) {
        this.sequence = sequence;
        this.at = Objects.requireNonNull(at, "at");
        this.answeredAt = answeredAt;
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
        this.body = body == null ? "" : body;
        this.status = status;
        this.answer = answer == null ? "" : answer;
        this.fault = fault;
        this.delayMillis = delayMillis;
    }

    public long sequence() {
        return sequence;
    }

    public Instant at() {
        return at;
    }

    public Instant answeredAt() {
        return answeredAt;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Map<String, String> query() {
        return query;
    }

    public String body() {
        return body;
    }

    public int status() {
        return status;
    }

    public String answer() {
        return answer;
    }

    public String fault() {
        return fault;
    }

    public long delayMillis() {
        return delayMillis;
    }

    /** When the client could have had the answer: answer ready plus any scripted delay (arrival if unknown). */
    public Instant answerSent() {
        return (answeredAt == null ? at : answeredAt).plusMillis(delayMillis);
    }

    /** The history API the path names exactly, if any. */
    public Optional<Api> api() {
        for (Api api : Api.values()) {
            if (api.path().equals(path)) {
                return Optional.of(api);
            }
        }
        return Optional.empty();
    }

    /** The body when it is a JSON object. */
    public Optional<JsonNode> bodyJson() {
        Optional<JsonNode> parsed = bodyJson;
        if (parsed == null) {
            bodyJson = parsed = parseObject(body);
        }
        return parsed;
    }

    /** The answer when it is a JSON object. */
    public Optional<JsonNode> answerJson() {
        Optional<JsonNode> parsed = answerJson;
        if (parsed == null) {
            answerJson = parsed = fault != null ? Optional.empty() : parseObject(answer);
        }
        return parsed;
    }

    /** The answer's ErrorCode; -1 when there is no JSON answer with an integer ErrorCode. */
    public int errorCode() {
        return answerJson().map(a -> a.path("ErrorCode")).filter(JsonNode::isIntegralNumber).map(JsonNode::asInt)
                .orElse(-1);
    }

    /** HTTP 200, no fault, and a JSON answer with ErrorCode 0. */
    public boolean succeeded() {
        return status == 200 && fault == null && errorCode() == 0;
    }

    /** Why this answer is not a success, for messages: {@code ErrorCode 91000}, {@code HTTP 502}, a fault. */
    public String failureText() {
        if (fault != null) {
            return "network fault " + fault;
        }
        if (status != 200) {
            return "HTTP " + status;
        }
        int code = errorCode();
        return code >= 0 ? "ErrorCode " + code : "an answer that is not JSON";
    }

    /** The request as a library-neutral call, e.g. for {@link HttpCall#curl(String)}. */
    public HttpCall call() {
        return new HttpCall(method, path, query, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A curl command that sends this request again to {@code baseUrl}. */
    public String curl(String baseUrl) {
        return call().curl(baseUrl);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedRequest r && sequence == r.sequence && status == r.status
                && delayMillis == r.delayMillis && at.equals(r.at) && Objects.equals(answeredAt, r.answeredAt)
                && method.equals(r.method) && path.equals(r.path) && query.equals(r.query) && body.equals(r.body)
                && answer.equals(r.answer) && Objects.equals(fault, r.fault);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, at, method, path, body, status);
    }

    @Override
    public String toString() {
        return "request #" + sequence + " " + method + " " + path + " (" + failureTextOrOk() + ")";
    }

    private String failureTextOrOk() {
        return succeeded() ? "OK" : failureText();
    }

    private static Optional<JsonNode> parseObject(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.WIRE.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
