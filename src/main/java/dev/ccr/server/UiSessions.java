package dev.ccr.server;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI's sessions: with an {@code APIKEY}, the UI trades the key once for a random token kept in an
 * {@code HttpOnly; SameSite=Strict} cookie, so the key is not kept in the page. Tokens live until ccr stops.
 */
final class UiSessions {
    static final String COOKIE = "ccr_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    String open() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        tokens.add(token);
        return token;
    }

    boolean valid(Optional<String> token) {
        return token.isPresent() && tokens.contains(token.get());
    }

    void close(Optional<String> token) {
        token.ifPresent(tokens::remove);
    }

    /** The {@code Set-Cookie} value for {@code token}; an empty token with {@code Max-Age=0} ends the session. */
    static String cookie(String token) {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (token.isEmpty() ? "; Max-Age=0" : "");
    }
}
