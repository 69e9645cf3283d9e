package io.github.imhistory.contract.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Continuations;
import java.util.List;
import java.util.Objects;

/**
 * One answered request of a {@link Walk}: page {@code number} (1-based, retries not counted) as the server sent it.
 *
 * @param baseUrl where the request went, for curl commands in messages ({@code ""} when unknown)
 */
public record Page(Api api, int number, RecordedRequest request, String baseUrl) {
    public Page {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(request, "request");
        baseUrl = baseUrl == null ? "" : baseUrl;
    }

    /** The request body (an empty object when it was not JSON). */
    public JsonNode body() {
        return request.bodyJson().orElseGet(io.github.imhistory.contract.Json::object);
    }

    /** The answer (an empty object when it was not JSON). */
    public JsonNode answer() {
        return request.answerJson().orElseGet(io.github.imhistory.contract.Json::object);
    }

    /** MsgList or RspMsgList, in answer order. */
    public JsonNode entries() {
        return Continuations.entries(api, answer());
    }

    /** MsgKey texts (C2C) or MsgSeq numbers (group, official account), in answer order. */
    public List<JsonNode> keys() {
        return Continuations.keys(api, answer());
    }

    /** How messages name an entry: {@code MsgKey} or {@code MsgSeq}. */
    public String keyName() {
        return api == Api.ADMIN_GETROAMMSG ? "MsgKey" : "MsgSeq";
    }

    public String curl() {
        return request.curl(baseUrl);
    }

    @Override
    public String toString() {
        return "page " + number + " (request #" + request.sequence() + ")";
    }
}
