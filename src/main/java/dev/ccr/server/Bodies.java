package dev.ccr.server;

import dev.ccr.pipeline.ApiError;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.io.IOException;

/** Reads request bodies in blocking mode, refusing ones over the configured limit with 413 before reading them whole. */
final class Bodies {
    private Bodies() {
    }

    static byte[] read(HttpServerExchange exchange, long limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                throw ApiError.invalidRequest("Content-Length '" + declared + "' is not a number").exception();
            }
        }
        int max = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        byte[] body = exchange.getInputStream().readNBytes(max + 1);
        if (body.length > max) {
            throw tooLarge(limit);
        }
        return body;
    }

    private static RuntimeException tooLarge(long limit) {
        return ApiError.tooLarge("Request body exceeds the limit of " + limit + " bytes (BODY_LIMIT_BYTES)").exception();
    }
}
