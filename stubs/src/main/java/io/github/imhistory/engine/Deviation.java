package io.github.imhistory.engine;

import io.github.imhistory.contract.Api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ContractException;

/** A scripted departure from documented behaviour, declared in a scenario's {@code deviations}. */
record Deviation(long request, Api api, long times, JsonNode action) {

    static Deviation parse(JsonNode d, String where) {
        JsonNode at = d.path("at");
        long request = at.path("request").asLong(0);
        if (request < 1) {
            throw new ContractException(where + "/at/request: an integer >= 1 is required");
        }
        Api api = null;
        if (at.has("api")) {
            api = Api.byCommand(at.get("api").asText())
                    .orElseThrow(() -> new ContractException(where + "/at/api: unknown API " + at.get("api")));
        }
        JsonNode action = d.path("action");
        if (!action.isObject() || action.size() != 1) {
            throw new ContractException(where + "/action: exactly one action is required");
        }
        return new Deviation(request, api, Math.max(1, at.path("times").asLong(1)), action);
    }

    /** Whether this deviation fires for a request that is the {@code n}-th overall and {@code nForApi}-th of its API. */
    boolean firesAt(Api requested, long n, long nForApi) {
        if (api != null && api != requested) {
            return false;
        }
        long counter = api == null ? n : nForApi;
        return counter >= request && counter < request + times;
    }
}
