package dev.ccr.server;

import dev.ccr.client.ApiError;
import dev.ccr.limits.ClientKey;
import dev.ccr.limits.ClientKeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Who may call the router (docs/ccr-checklist.md items 41-44): with an {@code APIKEY}, every request but {@code /},
 * {@code /health}, {@code /ui…} and the UI's login must carry it as a Bearer token or {@code x-api-key}, or carry a web
 * UI session cookie; without one, browsers from other origins are refused. A browser's state-changing call from another
 * origin is refused in both cases unless it shows the key itself (no cross-site request forgery through the cookie).
 * A team's client keys ({@code CLIENT_KEYS}) are accepted too, on the model endpoints only: the admin API and the UI
 * stay with {@code APIKEY}. Gemini-dialect clients carry the key their own way, {@code x-goog-api-key} or
 * {@code ?key=} ({@link #geminiKey}); it counts as {@code x-api-key}.
 */
final class Auth {
    /** Where the UI trades the key for a session cookie; open to all, it checks the key itself. */
    static final String LOGIN_PATH = "/api/ui/login";

    private final Optional<String> apiKey;
    private final ClientKeys clientKeys;
    private final IntSupplier port;

    /** @param port the port the server is bound to (known once it is, when the config asks for port 0) */
    Auth(Optional<String> apiKey, IntSupplier port) {
        this(apiKey, ClientKeys.NONE, port);
    }

    Auth(Optional<String> apiKey, ClientKeys clientKeys, IntSupplier port) {
        this.apiKey = apiKey;
        this.clientKeys = clientKeys;
        this.port = port;
    }

    /**
     * Checks a request; an empty result means allowed.
     *
     * @param pathAndQuery the path with its query string: {@code /health?x=1} is not exempt, as in CCR
     */
    Optional<ApiError> check(String pathAndQuery, String authorization, String xApiKey, String origin, boolean uiSession) {
        if (pathAndQuery.equals("/") || pathAndQuery.equals("/health") || pathAndQuery.startsWith("/ui")
                || pathAndQuery.equals(LOGIN_PATH)) {
            return Optional.empty();
        }
        if (!keyRequired()) {
            if (origin != null && !allowedOrigin(origin)) {
                return Optional.of(ApiError.permission("CORS not allowed for this origin"));
            }
            return Optional.empty();
        }
        Optional<String> token = token(authorization, xApiKey);
        if (token.isEmpty()) {
            return uiSession ? Optional.empty() : Optional.of(ApiError.authentication("APIKEY is missing"));
        }
        if (matchesKey(token.get())) {
            return Optional.empty();
        }
        if (clientKeys.find(token.get()).isPresent()) {
            return modelTraffic(pathAndQuery) ? Optional.empty() : Optional.of(ApiError.permission(
                    "A client key may call the model endpoints (/v1/...) only; this one needs APIKEY"));
        }
        return Optional.of(ApiError.authentication("Invalid API key"));
    }

    /** The client key the request carries, if it carries one of {@code CLIENT_KEYS}. */
    Optional<ClientKey> clientKey(String authorization, String xApiKey) {
        return clientKeys.isEmpty() ? Optional.empty() : token(authorization, xApiKey).flatMap(clientKeys::find);
    }

    private static boolean modelTraffic(String pathAndQuery) {
        return pathAndQuery.startsWith("/v1/") || pathAndQuery.startsWith(GeminiEndpoint.PREFIX)
                || pathAndQuery.startsWith("/preset/");
    }

    /**
     * The key a Gemini-dialect client sends, {@code x-goog-api-key} or else the {@code key} query parameter, on the
     * Gemini endpoints only; null elsewhere or when there is none.
     */
    static String geminiKey(String path, String xGoogApiKey, String keyParameter) {
        if (!path.startsWith(GeminiEndpoint.PREFIX)) {
            return null;
        }
        return xGoogApiKey != null ? xGoogApiKey : keyParameter;
    }

    /** Whether a POST to {@code path} asks a model for an answer, which a client key's limits count. */
    static boolean isModelCall(String path) {
        return path.endsWith("/v1/messages") || path.equals(ChatCompletionsEndpoint.PATH)
                || path.equals(OpenAiResponsesEndpoint.PATH)
                || (path.startsWith(GeminiEndpoint.MODELS) && path.contains("enerateContent"));
    }

    /** The Bearer token of {@code Authorization}, else {@code x-api-key}. */
    private static Optional<String> token(String authorization, String xApiKey) {
        String credential = authorization != null ? authorization : xApiKey;
        if (credential == null || credential.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(credential.startsWith("Bearer") ? afterFirstSpace(credential) : credential);
    }

    /** Whether {@code key} is the configured API key (false when there is none). */
    boolean matchesKey(String key) {
        return apiKey.isPresent() && key != null
                && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), apiKey.get().getBytes(StandardCharsets.UTF_8));
    }

    boolean keyRequired() {
        return apiKey.isPresent() || !clientKeys.isEmpty();
    }

    /**
     * Refuses a browser's POST, PUT, PATCH or DELETE sent from another origin ({@code Sec-Fetch-Site} other than
     * {@code same-origin}/{@code none}, or an {@code Origin} that is not this server), unless it carries the key in a
     * header: only a caller holding the key can do that, so it is not a forged request riding on a cookie.
     *
     * @param host the request's {@code Host} header
     */
    Optional<ApiError> checkSameOrigin(String method, boolean keyInHeader, String origin, String secFetchSite, String host) {
        if (keyInHeader || !(method.equals("POST") || method.equals("PUT") || method.equals("DELETE") || method.equals("PATCH"))) {
            return Optional.empty();
        }
        boolean crossSite = secFetchSite != null && !secFetchSite.equals("same-origin") && !secFetchSite.equals("none");
        // With a key, the UI may be opened by another name (HOST 0.0.0.0); without one, only loopback names are ours,
        // so a DNS-rebound name cannot pass for this server.
        boolean foreignOrigin = origin != null && !allowedOrigin(origin) && !(keyRequired() && origin.equals("http://" + host));
        return crossSite || foreignOrigin
                ? Optional.of(ApiError.permission("Changes from another origin are refused"))
                : Optional.empty();
    }

    /** The origin to echo in {@code Access-Control-Allow-Origin} when there is no API key. */
    String localOrigin() {
        return "http://localhost:" + port.getAsInt();
    }

    boolean allowedOrigin(String origin) {
        int bound = port.getAsInt();
        return origin.equals("http://127.0.0.1:" + bound) || origin.equals("http://localhost:" + bound);
    }

    private static String afterFirstSpace(String credential) {
        String[] parts = credential.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }
}
