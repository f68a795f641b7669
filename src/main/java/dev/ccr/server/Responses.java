package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.client.ApiError;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes small JSON answers, and errors in the shape of the client's dialect ({@link ErrorShape}: Anthropic's unless
 * the path is one of the OpenAI or Gemini endpoints): the only place an error reaches a client.
 */
final class Responses {
    private Responses() {
    }

    static void json(HttpServerExchange exchange, int status, JsonNode body) {
        send(exchange, status, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void text(HttpServerExchange exchange, int status, String contentType, String body) {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code error} if nothing was sent yet, with its {@code retry-after} when it has one; otherwise the answer
     * is already under way and is just ended.
     */
    static void error(HttpServerExchange exchange, ApiError error) {
        if (exchange.isResponseStarted()) {
            SafeBlockingExchange.end(exchange);
            return;
        }
        exchange.getResponseHeaders().clear();
        error.retryAfterHeader().ifPresent(v -> exchange.getResponseHeaders().put(Headers.RETRY_AFTER, v));
        send(exchange, error.status(), ErrorShape.forPath(exchange.getRequestPath()).render(error));
    }

    /** The error with one header of its own, such as a 429's {@code retry-after}. */
    static void error(HttpServerExchange exchange, ApiError error, String header, String value) {
        if (exchange.isResponseStarted()) {
            SafeBlockingExchange.end(exchange);
            return;
        }
        exchange.getResponseHeaders().clear();
        exchange.getResponseHeaders().put(HttpString.tryFromString(header), value);
        send(exchange, error.status(), ErrorShape.forPath(exchange.getRequestPath()).render(error));
    }

    private static void send(HttpServerExchange exchange, int status, byte[] body) {
        send(exchange, status, "application/json", body);
    }

    private static void send(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        if (!exchange.isRequestComplete()) {
            // Answered before its body was read (a refusal): the connection is closed after this answer and says so,
            // or a client reusing it would send its next request into a connection the server is dropping.
            exchange.setPersistent(false);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        if (exchange.isBlocking()) {
            try {
                exchange.getOutputStream().write(body);
                exchange.getOutputStream().close();
            } catch (IOException e) {
                SafeBlockingExchange.end(exchange); // the client is gone; nobody is left to tell
            }
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        }
    }
}
