package io.github.imhistory.wiremock;

import io.github.imhistory.contract.ContractException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The try-it page: Swagger UI (org.webjars:swagger-ui, served from the jar, never a CDN) over the OpenAPI document,
 * sending requests to this stub with a fresh {@code random} each. {@code GET /__imhistory/openapi.json},
 * {@code GET /__imhistory/api/} (also {@code /try/}) and the two Swagger UI files it loads.
 */
final class TryItPage {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** The files the page loads, and their types; nothing else of the webjar is served (or shaded). */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui-bundle.js", "application/javascript; charset=utf-8",
            "swagger-ui.css", "text/css; charset=utf-8");
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private TryItPage() {}

    /** The answer for {@code path} below the admin prefix, or empty when it is none of the page's. */
    static Optional<AdminApi.Reply> handle(String method, String path) {
        if (!method.equals("GET")) {
            return Optional.empty();
        }
        if (path.equals("/openapi.json")) {
            return Optional.of(new AdminApi.Reply(200, "application/json; charset=utf-8", OpenApiDocument.packaged()));
        }
        // /api/ is the page's address; /try/, its first one, stays an alias so saved links keep working
        if (path.equals("/try") || path.startsWith("/try/")) {
            path = "/api" + path.substring("/try".length());
        }
        if (path.equals("/api") || path.equals("/api/")) {
            return Optional.of(new AdminApi.Reply(200, "text/html; charset=utf-8", text("imhistory/admin/try.html")));
        }
        if (path.startsWith("/api/")) {
            String name = path.substring("/api/".length());
            String type = ASSETS.get(name);
            if (type == null) {
                return Optional.empty();
            }
            Optional<String> version = version();
            if (version.isEmpty()) {
                return Optional.of(AdminApi.Reply.error(404, "Swagger UI is not on the classpath (org.webjars:swagger-ui);"
                        + " the standalone jar carries it"));
            }
            return Optional.of(new AdminApi.Reply(200, type, text(WEBJAR + version.get() + "/" + name)));
        }
        return Optional.empty();
    }

    /** The webjar's version, from its Maven properties (its files sit in a folder named after it). */
    private static Optional<String> version() {
        try (InputStream in = TryItPage.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String text(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            try (InputStream in = TryItPage.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new ContractException("classpath resource " + r + " not found");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ContractException("cannot read " + r + ": " + e.getMessage(), e);
            }
        });
    }
}
