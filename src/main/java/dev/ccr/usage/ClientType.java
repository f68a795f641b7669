package dev.ccr.usage;

import java.util.Locale;
import java.util.Optional;

/**
 * Which client sent a request, as the CCR fork's client adapters name it (docs/usage.md): {@code claude-code},
 * {@code codex}, {@code gemini}, {@code opencode}, {@code qwen-code}, {@code pi}, else {@code api}. Read from the user
 * agent, and for Claude Code also from the session it announces; ccr does not read system prompts for this.
 */
public final class ClientType {
    public static final String CLAUDE_CODE = "claude-code";
    public static final String API = "api";

    private ClientType() {
    }

    /**
     * @param userAgent       the {@code user-agent} header, if any
     * @param announcesSession the body has {@code metadata.user_id} or the request an {@code x-claude-code-session-id}
     *                         header, which only Claude Code sends
     */
    public static String detect(Optional<String> userAgent, boolean announcesSession) {
        String ua = userAgent.orElse("").toLowerCase(Locale.ROOT);
        if (ua.startsWith("claude-cli") || ua.startsWith("claude-code")) {
            return CLAUDE_CODE;
        }
        if (ua.contains("codex")) {
            return "codex";
        }
        if (ua.contains("gemini-cli") || ua.contains("geminicli")) {
            return "gemini";
        }
        if (ua.contains("opencode")) {
            return "opencode";
        }
        if (ua.contains("qwen-code") || ua.contains("qwencode")) {
            return "qwen-code";
        }
        if (ua.startsWith("pi/") || ua.startsWith("pi-coding-agent")) {
            return "pi";
        }
        return announcesSession ? CLAUDE_CODE : API;
    }
}
