package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Json;
import java.util.Locale;

/**
 * What the reference (the engine holding the same data, or a scenario's own expectation) answers to the request a
 * server was judged on: normally a JSON answer, or a scripted network fault or non-200 page.
 *
 * @param fault the scripted network fault's name, or null
 * @param json  the answer body; null when there is none (a fault, a scripted non-200 page)
 */
public record Reference(int status, String fault, JsonNode json) {

    public static Reference answer(JsonNode json) {
        return new Reference(200, null, json);
    }

    /**
     * From a scenario exchange's {@code expect}: a failure expected by subset becomes a full failure envelope, since
     * only its ErrorCode is compared.
     */
    public static Reference fromExpectation(JsonNode expect) {
        int status = expect.path("status").asInt(200);
        JsonNode response = expect.path("response");
        if (status != 200 || !response.isObject()) {
            return new Reference(status, null, null);
        }
        int code = response.path("ErrorCode").asInt(0);
        if (code != 0) {
            ObjectNode fail = Json.object();
            fail.put("ActionStatus", "FAIL");
            fail.put("ErrorInfo", "");
            fail.put("ErrorCode", code);
            return answer(fail);
        }
        return answer(response);
    }

    public int errorCode() {
        return json == null ? -1 : json.path("ErrorCode").asInt(0);
    }

    public boolean success() {
        return json != null && errorCode() == 0;
    }

    public boolean isFault() {
        return fault != null;
    }

    public String describe() {
        if (fault != null) {
            return "a scripted " + fault.toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (json == null) {
            return "HTTP " + status;
        }
        return errorCode() == 0 ? "success" : "ErrorCode " + errorCode();
    }
}
