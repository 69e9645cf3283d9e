package io.github.imhistory.contract.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.RecordedRequest;
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
        return api.profile().entries(answer());
    }

    /** The entries' keys (see {@link io.github.imhistory.contract.ApiProfile#key}), in answer order. */
    public List<String> keys() {
        return api.profile().keys(answer());
    }

    /** How messages name an entry: {@code MsgKey} or {@code MsgSeq}. */
    public String keyName() {
        return api.profile().keyName();
    }

    public String curl() {
        return request.curl(baseUrl);
    }

    @Override
    public String toString() {
        return "page " + number + " (request #" + request.sequence() + ")";
    }
}
