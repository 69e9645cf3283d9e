package io.github.imhistory.wiremock;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import wiremock.jakarta.servlet.DispatcherType;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.http.HttpFilter;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletRequestWrapper;
import wiremock.jakarta.servlet.http.HttpServletResponse;
import wiremock.org.eclipse.jetty.servlet.FilterHolder;
import wiremock.org.eclipse.jetty.servlet.FilterMapping;
import wiremock.org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * WireMock's Jetty server with one filter in front of the stub servlet. WireMock 3.13.2 decodes the query, form
 * parameters and a gzip body eagerly, before any extension runs, and answers HTTP 500 with a stack trace when that
 * fails (a stray '%' in the query, {@code curl -d} sending JSON with a '%' as a form, a body wrongly marked gzip).
 * The filter turns that into the documented kind of answer: HTTP 200 with 60002 (HTTP parse error) on the API,
 * HTTP 400 with a JSON reason elsewhere (COM-HTTP-001). Register it with
 * {@code wireMockConfig().httpServerFactory(new ImHistoryHttpServerFactory())}.
 */
public class ImHistoryHttpServerFactory implements HttpServerFactory {
    @Override
    public String getName() {
        return "im-history-http-server";
    }

    @Override
    public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
        return new Jetty11HttpServer(options, admin, stubs) {
            @Override
            protected void decorateMockServiceContextAfterConfig(ServletContextHandler context) {
                super.decorateMockServiceContextAfterConfig(context);
                // first in the chain, ahead of WireMock's own filters (which already parse multipart bodies)
                FilterHolder holder = new FilterHolder(new ParseFailures());
                holder.setName("im-history-parse-failures");
                FilterMapping mapping = new FilterMapping();
                mapping.setFilterName(holder.getName());
                mapping.setPathSpec("/*");
                mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
                context.getServletHandler().addFilter(holder);
                context.getServletHandler().prependFilterMapping(mapping);
            }
        };
    }

    /** A request whose Content-Type reads as JSON. */
    static final class JsonTyped extends HttpServletRequestWrapper {
        JsonTyped(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return "application/json";
        }

        @Override
        public String getHeader(String name) {
            return "content-type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "content-type".equalsIgnoreCase(name)
                    ? java.util.Collections.enumeration(java.util.List.of(getContentType())) : super.getHeaders(name);
        }
    }

    /** Answers a request WireMock cannot parse, instead of letting Jetty send a 500. */
    static final class ParseFailures extends HttpFilter {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String type = request.getContentType();
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
                    && request.getRequestURI() != null && request.getRequestURI().startsWith("/v4/")) {
                request = new JsonTyped(request); // the API's body is JSON whatever the header says; WireMock would parse parts
            }
            try {
                chain.doFilter(request, response);
            } catch (RuntimeException | ServletException | IOException e) {
                if (response.isCommitted()) {
                    throw e;
                }
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                String reason = ("the request could not be parsed: " + root.getClass().getSimpleName()
                        + (root.getMessage() == null ? "" : ": " + root.getMessage())).replace("\\", "\\\\").replace("\"", "'");
                boolean api = request.getRequestURI() != null && request.getRequestURI().startsWith("/v4/");
                response.reset();
                response.setStatus(api ? 200 : 400);
                response.setContentType("application/json; charset=utf-8");
                String body = api
                        ? "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"" + reason + "\",\"ErrorCode\":60002}"
                        : "{\"error\":\"" + reason + "\"}";
                response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
