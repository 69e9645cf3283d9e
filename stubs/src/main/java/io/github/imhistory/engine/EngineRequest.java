package io.github.imhistory.engine;

import java.util.Map;

/**
 * One HTTP request as the engine sees it.
 *
 * @param query decoded query parameters; when a name repeats, the adapter keeps the first value
 * @param body the raw body bytes (may be empty, never null)
 */
public record EngineRequest(String method, String path, Map<String, String> query, byte[] body) {
    public EngineRequest {
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }
}
