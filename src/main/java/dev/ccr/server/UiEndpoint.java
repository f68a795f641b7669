package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.client.ApiError;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;

import java.io.IOException;

/**
 * The web UI's own calls: {@code POST /api/ui/login} trades the API key for a session cookie and
 * {@code POST /api/ui/logout} ends it.
 */
final class UiEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LOGIN_BODY_LIMIT = 4096;

    private final Auth auth;
    private final UiSessions sessions;

    UiEndpoint(Auth auth, UiSessions sessions) {
        this.auth = auth;
        this.sessions = sessions;
    }

    HttpHandler login() {
        return exchange -> {
            JsonNode body;
            try {
                body = JSON.readTree(Bodies.read(exchange, LOGIN_BODY_LIMIT));
            } catch (IOException e) {
                throw ApiError.invalidRequest("The login body must be {\"key\": \"...\"}").exception();
            }
            if (auth.keyRequired()) {
                if (body == null || !auth.matchesKey(body.path("key").asText(null))) {
                    throw ApiError.authentication("Invalid API key").exception();
                }
                exchange.getResponseHeaders().put(Headers.SET_COOKIE, UiSessions.cookie(sessions.open()));
            }
            Responses.json(exchange, 200, JSON.createObjectNode().put("success", true));
        };
    }

    HttpHandler logout() {
        return exchange -> {
            sessions.close(AuthHandler.sessionToken(exchange));
            exchange.getResponseHeaders().put(Headers.SET_COOKIE, UiSessions.cookie(""));
            Responses.json(exchange, 200, JSON.createObjectNode().put("success", true));
        };
    }
}
