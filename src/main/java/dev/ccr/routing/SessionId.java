package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.wire.WireJson;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Claude Code session a request belongs to, and where it was found. Session features (last-usage long context,
 * project routers, rules on {@code session}) key on it.
 *
 * <p>Looked for in this order: the legacy {@code metadata.user_id} form {@code user_<hash>_account__session_<id>}
 * (the only one CCR reads, pitfall P-14); the JSON string {@code metadata.user_id} = {@code {"session_id": ...}} that
 * current Claude Code sends; the {@code x-claude-code-session-id} header.
 *
 * @param source where the id came from, for explanations
 */
public record SessionId(String id, String source) {
    public static final String HEADER = "x-claude-code-session-id";
    private static final ObjectMapper JSON = WireJson.MAPPER;
    private static final String LEGACY_MARK = "_session_";
    /** Ids also name files (project routing); anything else is ignored rather than trusted. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** The session of a request, if it names a usable one. */
    public static Optional<SessionId> of(JsonNode body, Map<String, String> headers) {
        JsonNode userId = body.path("metadata").path("user_id");
        if (userId.isTextual()) {
            String text = userId.textValue();
            // CCR: user_id.split("_session_")[1], the part between the first and any second marker
            String[] parts = text.split(LEGACY_MARK, -1);
            if (parts.length > 1 && safe(parts[1])) {
                return Optional.of(new SessionId(parts[1], "metadata.user_id, legacy _session_ form"));
            }
            if (text.startsWith("{")) {
                try {
                    JsonNode id = JSON.readTree(text).path("session_id");
                    if (id.isTextual() && safe(id.textValue())) {
                        return Optional.of(new SessionId(id.textValue(), "metadata.user_id, JSON session_id"));
                    }
                } catch (IOException e) {
                    // not JSON after all: try the header
                }
            }
        }
        String header = headers.get(HEADER);
        if (header != null && safe(header.trim())) {
            return Optional.of(new SessionId(header.trim(), HEADER + " header"));
        }
        return Optional.empty();
    }

    private static boolean safe(String id) {
        return SAFE.matcher(id).matches() && !id.contains("..");
    }
}
