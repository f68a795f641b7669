package dev.ccr.server;

import dev.ccr.client.ApiError;
import dev.ccr.limits.ClientKey;
import dev.ccr.limits.KeyLimits;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.util.Optional;

/**
 * Applies {@link Auth} to every request before it reaches a route, and answers CORS preflights. A request carrying a
 * client key has the key attached for the pipeline ({@link #CLIENT_KEY}), and a message beyond the key's limits is
 * answered 429 with {@code retry-after} before its body is read.
 */
final class AuthHandler implements HttpHandler {
    /** The client key a request carried, for {@link UndertowClientRequest}. */
    static final AttachmentKey<ClientKey> CLIENT_KEY = AttachmentKey.create(ClientKey.class);
    private static final HttpString ALLOW_ORIGIN = HttpString.tryFromString("Access-Control-Allow-Origin");

    private final Auth auth;
    private final UiSessions sessions;
    private final KeyLimits limits;
    private final HttpHandler next;

    AuthHandler(Auth auth, UiSessions sessions, KeyLimits limits, HttpHandler next) {
        this.auth = auth;
        this.sessions = sessions;
        this.limits = limits;
        this.next = next;
    }

    /** The UI session token the request's cookie carries, if any. */
    static Optional<String> sessionToken(HttpServerExchange exchange) {
        Cookie cookie = exchange.getRequestCookie(UiSessions.COOKIE);
        return cookie == null ? Optional.empty() : Optional.ofNullable(cookie.getValue());
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String query = exchange.getQueryString();
        String pathAndQuery = exchange.getRequestPath() + (query == null || query.isEmpty() ? "" : "?" + query);
        var headers = exchange.getRequestHeaders();
        String origin = headers.getFirst(Headers.ORIGIN);
        String authorization = headers.getFirst(Headers.AUTHORIZATION);
        var keyParameter = exchange.getQueryParameters().get("key");
        String xApiKey = headers.contains("x-api-key") ? headers.getFirst("x-api-key")
                : Auth.geminiKey(exchange.getRequestPath(), headers.getFirst("x-goog-api-key"),
                        keyParameter == null ? null : keyParameter.peekFirst());
        Optional<ApiError> refused = auth.check(pathAndQuery, authorization, xApiKey, origin,
                sessions.valid(sessionToken(exchange)))
                .or(() -> auth.checkSameOrigin(exchange.getRequestMethod().toString(),
                        authorization != null || xApiKey != null, origin,
                        headers.getFirst("Sec-Fetch-Site"), headers.getFirst(Headers.HOST)));
        if (refused.isPresent()) {
            Responses.error(exchange, refused.get());
            return;
        }
        Optional<ClientKey> clientKey = auth.clientKey(authorization, xApiKey);
        if (clientKey.isPresent()) {
            exchange.putAttachment(CLIENT_KEY, clientKey.get());
            if (exchange.getRequestMethod().equals(Methods.POST) && Auth.isModelCall(exchange.getRequestPath())) {
                Optional<KeyLimits.Refusal> over = limits.admit(clientKey.get());
                if (over.isPresent()) {
                    Responses.error(exchange, ApiError.upstream(429, over.get().message(), null),
                            "retry-after", String.valueOf(over.get().retryAfter().toSeconds()));
                    return;
                }
            }
        }
        if (origin != null && auth.allowedOrigin(origin)) {
            exchange.getResponseHeaders().put(ALLOW_ORIGIN, origin);
        }
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
            exchange.getResponseHeaders()
                    .put(HttpString.tryFromString("Access-Control-Allow-Methods"), "GET, HEAD, POST, PUT, DELETE, OPTIONS")
                    .put(HttpString.tryFromString("Access-Control-Allow-Headers"),
                            "authorization, x-api-key, x-goog-api-key, content-type, anthropic-version, anthropic-beta");
            exchange.setStatusCode(204);
            return;
        }
        next.handleRequest(exchange);
    }
}
