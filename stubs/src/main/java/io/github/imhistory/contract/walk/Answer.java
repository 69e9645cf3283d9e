package io.github.imhistory.contract.walk;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** An HTTP answer: status and body bytes. */
public record Answer(int status, byte[] body) {
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body when it is a JSON object, else null. */
    public JsonNode json() {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode n = Json.WIRE.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** HTTP 200 with a JSON answer whose ErrorCode is 0. */
    public boolean success() {
        JsonNode j = json();
        return status == 200 && j != null && j.path("ErrorCode").isIntegralNumber() && j.path("ErrorCode").asInt() == 0;
    }

    public String brief() {
        String t = text();
        return "HTTP " + status + " " + (t.length() > 300 ? t.substring(0, 300) + "..." : t);
    }
}
