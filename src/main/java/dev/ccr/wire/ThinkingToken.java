package dev.ccr.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A signed thinking block packed into the opaque field another dialect's client keeps and sends back: the Responses
 * API's {@code reasoning.encrypted_content}, Gemini's {@code thoughtSignature}. When the client returns it with its
 * history, the thinking block comes back whole, which Anthropic requires before a tool call's result when thinking is
 * on. Form: {@code ccr1.} then the base64url of {@code {"content":…,"signature":…}}; anything else is not ours.
 */
public final class ThinkingToken {
    private static final String PREFIX = "ccr1.";

    private ThinkingToken() {
    }

    /** The token for a thinking text and its signature. */
    public static String encode(String thinking, String signature) {
        String json = WireJson.compact(WireJson.object().put("content", thinking).put("signature", signature));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** CCR's chat {@code thinking {content, signature}} from a token, or empty when the text is not one of ours. */
    public static Optional<ObjectNode> decode(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(token.substring(PREFIX.length())), StandardCharsets.UTF_8);
            ObjectNode thinking = WireJson.parseObjectOrNull(json);
            return thinking != null && thinking.path("signature").isTextual() ? Optional.of(thinking) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
