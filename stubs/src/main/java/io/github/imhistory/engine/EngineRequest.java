package io.github.imhistory.engine;

import java.util.Map;

/**
 * One HTTP request as the engine sees it.
 *
 * @param query decoded query parameters in the order sent (journals print curls from them); when a name repeats, the
 *              adapter keeps the first value
 * @param body the raw body bytes (may be empty, never null)
 */
public record EngineRequest(String method, String path, Map<String, String> query, byte[] body) {
    public EngineRequest {
        query = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
        body = body == null ? new byte[0] : body;
    }
}
