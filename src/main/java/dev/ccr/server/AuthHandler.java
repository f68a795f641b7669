package dev.ccr.server;

import dev.ccr.pipeline.ApiError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.util.Optional;

/** Applies {@link Auth} to every request before it reaches a route, and answers CORS preflights. */
final class AuthHandler implements HttpHandler {
    private static final HttpString ALLOW_ORIGIN = HttpString.tryFromString("Access-Control-Allow-Origin");

    private final Auth auth;
    private final HttpHandler next;

    AuthHandler(Auth auth, HttpHandler next) {
        this.auth = auth;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String query = exchange.getQueryString();
        String pathAndQuery = exchange.getRequestPath() + (query == null || query.isEmpty() ? "" : "?" + query);
        var headers = exchange.getRequestHeaders();
        String origin = headers.getFirst(Headers.ORIGIN);
        Optional<ApiError> refused = auth.check(pathAndQuery, headers.getFirst(Headers.AUTHORIZATION),
                headers.getFirst("x-api-key"), origin);
        if (refused.isPresent()) {
            Responses.error(exchange, refused.get());
            return;
        }
        if (origin != null && auth.allowedOrigin(origin)) {
            exchange.getResponseHeaders().put(ALLOW_ORIGIN, origin);
        }
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
            exchange.getResponseHeaders()
                    .put(HttpString.tryFromString("Access-Control-Allow-Methods"), "GET, HEAD, POST, PUT, DELETE, OPTIONS")
                    .put(HttpString.tryFromString("Access-Control-Allow-Headers"),
                            "authorization, x-api-key, content-type, anthropic-version, anthropic-beta");
            exchange.setStatusCode(204);
            return;
        }
        next.handleRequest(exchange);
    }
}
