package io.github.imhistory.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One HTTP request a scenario asks for, independent of any HTTP library.
 *
 * @param query parameters in the order they are sent
 */
public record HttpCall(String method, String path, Map<String, String> query, byte[] body) {
    public HttpCall {
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    public String pathAndQuery() {
        if (query.isEmpty()) {
            return path;
        }
        return path + "?" + query.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A curl command that reproduces this call against {@code baseUrl} (for failure messages). */
    public String curl(String baseUrl) {
        String url = baseUrl.replaceAll("/+$", "") + pathAndQuery();
        StringBuilder s = new StringBuilder("curl -sS -X ").append(method).append(" '").append(url.replace("'", "'\\''")).append("'");
        if (body.length > 0) {
            s.append(" -H 'Content-Type: application/json' --data-binary '").append(bodyText().replace("'", "'\\''")).append("'");
        }
        return s.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
