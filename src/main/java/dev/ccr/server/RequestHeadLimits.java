package dev.ccr.server;

import dev.ccr.client.ApiError;
import io.undertow.server.HttpServerExchange;

import java.util.Optional;

/**
 * Refuses request lines no client of ccr sends (a URL over 64 KiB, over 1,000 query parameters) with a 4xx in
 * Anthropic's shape. Undertow's own limits sit above these (a 1 MiB request head, {@link #UNDERTOW_MAX_PARAMETERS}
 * parameters) and end the connection without a body, so these must be reached first.
 */
final class RequestHeadLimits {
    static final int MAX_URL_LENGTH = 64 * 1024;
    static final int MAX_QUERY_PARAMETERS = 1000;
    static final int UNDERTOW_MAX_PARAMETERS = 100_000;

    private RequestHeadLimits() {
    }

    static void check(HttpServerExchange exchange) {
        int length = exchange.getRequestURI().length() + exchange.getQueryString().length();
        if (length > MAX_URL_LENGTH) {
            throw new ApiError(414, "invalid_request_error", "The request URL is " + length
                    + " characters long; ccr accepts at most " + MAX_URL_LENGTH, Optional.empty()).exception();
        }
        int parameters = exchange.getQueryParameters().size();
        if (parameters > MAX_QUERY_PARAMETERS) {
            throw ApiError.invalidRequest("The request URL has " + parameters + " query parameters; ccr accepts at most "
                    + MAX_QUERY_PARAMETERS).exception();
        }
    }
}
