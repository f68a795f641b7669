package dev.ccr.server;

import dev.ccr.pipeline.ApiError;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may call the router (spec §5.2): with an {@code APIKEY}, every request but {@code /}, {@code /health} and
 * {@code /ui…} must carry it as a Bearer token or {@code x-api-key}; without one, browsers from other origins are
 * refused.
 */
final class Auth {
    private final Optional<String> apiKey;
    private final int port;

    Auth(Optional<String> apiKey, int port) {
        this.apiKey = apiKey;
        this.port = port;
    }

    /**
     * Checks a request; an empty result means allowed.
     *
     * @param pathAndQuery the path with its query string: {@code /health?x=1} is not exempt, as in CCR
     */
    Optional<ApiError> check(String pathAndQuery, String authorization, String xApiKey, String origin) {
        if (pathAndQuery.equals("/") || pathAndQuery.equals("/health") || pathAndQuery.startsWith("/ui")) {
            return Optional.empty();
        }
        if (apiKey.isEmpty()) {
            if (origin != null && !allowedOrigin(origin)) {
                return Optional.of(ApiError.permission("CORS not allowed for this origin"));
            }
            return Optional.empty();
        }
        String credential = authorization != null ? authorization : xApiKey;
        if (credential == null || credential.isEmpty()) {
            return Optional.of(ApiError.authentication("APIKEY is missing"));
        }
        String token = credential.startsWith("Bearer") ? afterFirstSpace(credential) : credential;
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), apiKey.get().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(ApiError.authentication("Invalid API key"));
        }
        return Optional.empty();
    }

    /** The origin to echo in {@code Access-Control-Allow-Origin} when there is no API key. */
    String localOrigin() {
        return "http://localhost:" + port;
    }

    boolean allowedOrigin(String origin) {
        return origin.equals("http://127.0.0.1:" + port) || origin.equals("http://localhost:" + port);
    }

    private static String afterFirstSpace(String credential) {
        String[] parts = credential.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }
}
