package io.github.imhistory.engine;

import io.github.imhistory.contract.Api;

import java.nio.charset.StandardCharsets;

/**
 * The engine's answer: normally HTTP 200 with a JSON body (COM-HTTP-001). A scripted deviation may ask the adapter
 * for another status, a network fault, or a delay.
 *
 * @param api the API the path named, or null for an unknown path
 * @param sdkappid the tenant that answered, or -1 when none was resolved
 * @param errorCode the ErrorCode in the body (0 on success), for journals and reports
 */
public record EngineResponse(int status, byte[] body, Fault fault, long delayMillis, Api api, long sdkappid, int errorCode) {

    /** Network-level faults a deviation may script (the adapter knows how to produce them). */
    public enum Fault { NONE, CONNECTION_RESET, EMPTY_RESPONSE, MALFORMED_RESPONSE }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    EngineResponse withDelay(long millis) {
        return new EngineResponse(status, body, fault, delayMillis + millis, api, sdkappid, errorCode);
    }
}
