package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.client.ApiError;
import dev.ccr.quota.Quotas;
import io.undertow.server.HttpHandler;

import java.io.IOException;

/**
 * The provider quota API (docs/quota.md): {@code GET /api/providers/quota}, {@code POST /api/providers/probe} with
 * {@code {"providerName": "..."}} for one provider (the CCR fork's body) or no name for all, and the fork's {@code POST
 * /api/providers/probe-all}. Answers carry no token or cookie.
 */
final class QuotaEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BODY_LIMIT = 64 * 1024;

    private final Quotas quotas;

    QuotaEndpoint(Quotas quotas) {
        this.quotas = quotas;
    }

    HttpHandler report() {
        return exchange -> Responses.json(exchange, 200, quotas.report());
    }

    HttpHandler probe() {
        return exchange -> {
            byte[] bytes = Bodies.read(exchange, BODY_LIMIT);
            JsonNode body;
            try {
                body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            } catch (IOException e) {
                throw ApiError.invalidRequest("The body must be JSON such as {\"providerName\": \"deepseek\"}").exception();
            }
            if (body == null || !body.isObject()) {
                throw ApiError.invalidRequest("The body must be a JSON object such as {\"providerName\": \"deepseek\"}").exception();
            }
            String name = body.path("providerName").asText(body.path("provider").asText(""));
            if (name.isBlank()) {
                Responses.json(exchange, 200, quotas.probeAll());
                return;
            }
            Responses.json(exchange, 200, quotas.probe(name).orElseThrow(() -> ApiError.notFound(
                    "Provider '" + name + "' not found", "provider_not_found").exception()));
        };
    }

    HttpHandler probeAll() {
        return exchange -> Responses.json(exchange, 200, quotas.probeAll());
    }
}
