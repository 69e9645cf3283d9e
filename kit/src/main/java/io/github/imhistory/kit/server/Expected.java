package io.github.imhistory.kit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.Json;
import io.github.imhistory.engine.EngineResponse;
import java.io.IOException;

/**
 * The reference answer to one request: normally the engine's (the oracle), else the scenario's own expectation.
 *
 * @param fault a scripted network fault instead of an answer
 * @param json  the answer body; null when there is none (a fault, or a scripted non-200 page)
 */
record Expected(int status, EngineResponse.Fault fault, JsonNode json) {

    static Expected of(EngineResponse r) {
        JsonNode json = null;
        if (r.fault() == EngineResponse.Fault.NONE && r.status() == 200) {
            try {
                json = Json.WIRE.readTree(r.body());
            } catch (IOException e) {
                throw new IllegalStateException("the engine answered something that is not JSON: " + r.bodyText(), e);
            }
        }
        return new Expected(r.status(), r.fault(), json);
    }

    /** From an exchange's {@code expect}: a failure expected by subset becomes a full failure envelope. */
    static Expected fromScenario(JsonNode expect) {
        int status = expect.path("status").asInt(200);
        JsonNode response = expect.path("response");
        if (status != 200 || !response.isObject()) {
            return new Expected(status, EngineResponse.Fault.NONE, null);
        }
        int code = response.path("ErrorCode").asInt(0);
        if (code != 0) {
            ObjectNode fail = Json.object();
            fail.put("ActionStatus", "FAIL");
            fail.put("ErrorInfo", "");
            fail.put("ErrorCode", code);
            return new Expected(200, EngineResponse.Fault.NONE, fail);
        }
        return new Expected(200, EngineResponse.Fault.NONE, response);
    }

    int errorCode() {
        return json == null ? -1 : json.path("ErrorCode").asInt(0);
    }

    boolean success() {
        return json != null && errorCode() == 0;
    }

    /** A scripted network fault, a non-200 page, or a code whose catalogue entry says a retry can help. */
    boolean transientFailure(ErrorCatalog errors) {
        return fault != EngineResponse.Fault.NONE || status != 200 || (errorCode() != 0 && errors.retryCanHelp(errorCode()));
    }

    String describe() {
        if (fault != EngineResponse.Fault.NONE) {
            return "a scripted " + fault.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
        if (json == null) {
            return "HTTP " + status;
        }
        return errorCode() == 0 ? "success" : "ErrorCode " + errorCode();
    }
}
