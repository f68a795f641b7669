package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.config.RouteCondition;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a request shows, in the terms of CCR's scenarios: long context, background work, web search, thinking,
 * images, a subagent tag. The built-in rules and the {@code scenario} test of declarative rules both ask here, so a
 * scenario means the same thing everywhere. Each method says what it saw, or empty when the signal is absent.
 */
final class Signals {
    /**
     * CCR's extra guard on the last-usage rule: the current request must itself be this large (docs/ccr-checklist.md
     * item 31).
     */
    static final int LAST_USAGE_MIN_TOKENS = 20_000;

    /** Models the CCR fork trusts to read images (docs/routing.md), matched against the normalised model name. */
    static final Pattern VISION = Pattern.compile(
            "claude|gemini|gpt-4o|gpt-4\\.1|gpt-4-vision|qwen.*vl|glm-4v|grok.*vision|pixtral|llava", Pattern.CASE_INSENSITIVE);

    private Signals() {
    }

    /**
     * Above {@code threshold} tokens now, or the session's previous answer saw more than the threshold and this request
     * is at least {@link #LAST_USAGE_MIN_TOKENS} (docs/ccr-checklist.md item 31).
     */
    static Optional<String> longContext(RoutingRequest request, int threshold) {
        int tokens = request.tokenCount();
        if (tokens > threshold) {
            return Optional.of(tokens + " tokens > threshold " + threshold);
        }
        Optional<LastUsage> last = request.lastUsage();
        if (last.isPresent() && last.get().promptTokens() > threshold && tokens > LAST_USAGE_MIN_TOKENS) {
            return Optional.of("the session's last answer saw " + last.get().promptTokens() + " prompt tokens > threshold "
                    + threshold + " and this request has " + tokens + " > " + LAST_USAGE_MIN_TOKENS);
        }
        return Optional.empty();
    }

    /**
     * The model name carries {@code [1m]}, or the request is above {@code threshold} tokens (docs/routing.md, "Model
     * families").
     */
    static Optional<String> extendedContext(RoutingRequest request, int threshold) {
        String model = request.model().orElse("");
        if (ModelFamily.asksForExtendedContext(model)) {
            return Optional.of("model '" + model + "' carries [1m]");
        }
        int tokens = request.tokenCount();
        return tokens > threshold ? Optional.of(tokens + " tokens > extended threshold " + threshold) : Optional.empty();
    }

    /**
     * A Claude Haiku model, the class Claude Code uses for background work (docs/ccr-checklist.md item 26; any letter
     * case).
     */
    static Optional<String> background(RoutingRequest request) {
        String model = request.model().orElse("");
        String lower = model.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("claude") && lower.contains("haiku") ? Optional.of("model '" + model + "' is a Claude Haiku") : Optional.empty();
    }

    /** A server tool whose {@code type} starts with {@code web_search} (docs/ccr-checklist.md item 28). */
    static Optional<String> webSearch(RoutingRequest request) {
        for (JsonNode tool : request.body().path("tools")) {
            String type = tool.path("type").asText("");
            if (type.startsWith("web_search")) {
                return Optional.of("tool of type " + type);
            }
        }
        return Optional.empty();
    }

    /**
     * Thinking really requested: {@code thinking.type == "enabled"}. CCR fires for any {@code thinking} field, so the
     * {@code adaptive} main loop and the {@code disabled} title request of current Claude Code all went to
     * {@code think} (pitfall P-21).
     */
    static Optional<String> think(RoutingRequest request) {
        return "enabled".equals(request.thinkingType()) ? Optional.of("thinking.type is enabled") : Optional.empty();
    }

    /**
     * An image in a user message, directly or inside a block such as a tool result (the fork's test; docs/routing.md).
     */
    static Optional<String> image(RoutingRequest request) {
        for (JsonNode message : request.body().path("messages")) {
            if (!"user".equals(message.path("role").asText())) {
                continue;
            }
            for (JsonNode block : message.path("content")) {
                if (isImage(block)) {
                    return Optional.of("a user message has an image");
                }
                for (JsonNode inner : block.path("content")) {
                    if (isImage(inner)) {
                        return Optional.of("a " + block.path("type").asText("block") + " in a user message has an image");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isImage(JsonNode block) {
        String type = block.path("type").asText("");
        return type.equals("image") || type.equals("image_url");
    }

    static Optional<String> subagent(RoutingRequest request) {
        return request.subagentTag().map(tag -> "a " + SubagentTag.OPEN + " tag in " + tag.foundAt());
    }

    static boolean canReadImages(String model) {
        return VISION.matcher(ModelFamily.normalize(model)).find();
    }

    /** The named scenario signal ({@link RouteCondition#SCENARIOS}), judged with the Router that applies. */
    static Optional<String> scenario(RoutingRequest request, String name) {
        return switch (name) {
            case "longContext" -> longContext(request, request.router().longContextThreshold());
            case "extendedContext" -> extendedContext(request, request.router().extendedContextThreshold());
            case "subagent" -> subagent(request);
            case "background" -> background(request);
            case "webSearch" -> webSearch(request);
            case "think" -> think(request);
            case "image" -> image(request);
            default -> Optional.empty();
        };
    }
}
