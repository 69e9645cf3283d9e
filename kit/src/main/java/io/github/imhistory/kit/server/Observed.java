package io.github.imhistory.kit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the server did with one request: an HTTP status and body, or a transport failure.
 *
 * @param error non-null when no HTTP answer arrived (refused, reset, timeout)
 */
record Observed(int status, byte[] body, IOException error, long millis) {

    static Observed failed(IOException e, long millis) {
        return new Observed(-1, new byte[0], e, millis);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    JsonNode json() {
        if (error != null || body.length == 0) {
            return null;
        }
        try {
            return Json.WIRE.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    String brief() {
        if (error != null) {
            return "no answer (" + error + ")";
        }
        String t = text();
        return "HTTP " + status + " " + (t.length() > 300 ? t.substring(0, 300) + "..." : t);
    }
}
