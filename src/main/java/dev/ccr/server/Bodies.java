package dev.ccr.server;

import dev.ccr.client.ApiError;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies in blocking mode, up to the configured limit. A body over the limit is answered 413 in
 * Anthropic's shape, never with a cut connection: its remaining bytes are read and discarded first, so that a client
 * still sending sees the answer instead of a reset.
 */
final class Bodies {
    /** Beyond this many bytes past the limit an oversized body is no longer drained; the connection closes instead. */
    private static final long MAX_DRAIN = 64L * 1024 * 1024;

    private Bodies() {
    }

    static byte[] read(HttpServerExchange exchange, long limit) throws IOException {
        try {
            return readUpTo(exchange, limit);
        } catch (IOException e) {
            throw ApiError.invalidRequest("The request body could not be read to its end: " + e.getMessage()).exception();
        }
    }

    private static byte[] readUpTo(HttpServerExchange exchange, long limit) throws IOException {
        int max = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        InputStream in = exchange.getInputStream();
        long declared = declaredLength(exchange);
        if (declared > max) {
            throw tooLarge(exchange, in, limit);
        }
        if (declared >= 0) {
            // Sized exactly: a 20 MB body is one 20 MB array, not a list of chunks copied into one at the end.
            byte[] body = new byte[(int) declared];
            int n = in.readNBytes(body, 0, body.length);
            if (n < body.length) {
                throw ApiError.invalidRequest("Request body ended after " + n + " of the " + declared
                        + " bytes its Content-Length announced").exception();
            }
            in.read(); // reaches the end, which marks the request complete (ClientRequest.onDisconnect needs that)
            return body;
        }
        byte[] body = in.readNBytes(max + 1);
        if (body.length > max) {
            throw tooLarge(exchange, in, limit);
        }
        return body;
    }

    private static long declaredLength(HttpServerExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalidRequest("Content-Length '" + declared + "' is not a number").exception();
        }
    }

    private static RuntimeException tooLarge(HttpServerExchange exchange, InputStream in, long limit) throws IOException {
        byte[] discard = new byte[16 * 1024];
        long drained = 0;
        for (int n; drained < MAX_DRAIN && (n = in.read(discard)) >= 0; ) {
            drained += n;
        }
        if (drained >= MAX_DRAIN) {
            exchange.setPersistent(false); // still more: stop reading and close once the 413 is sent
        }
        return ApiError.tooLarge("Request body exceeds the limit of " + limit + " bytes (BODY_LIMIT_BYTES)").exception();
    }
}
