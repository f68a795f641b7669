package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.RouteCondition;
import dev.ccr.config.RouterSettings;
import dev.ccr.wire.SourceBytes;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What rules look at: the Anthropic request body as the client sent it, the client's headers (lower-case names), the
 * config in force and the request's token count, computed once on first use. The {@link Router} adds what it knows
 * from earlier requests: the session's last usage and its project Router.
 *
 * <p>Used by one request's thread only. Rules must not change the body; they return {@link BodyEdit}s instead.
 */
public final class RoutingRequest {
    private final ObjectNode body;
    private final SourceBytes source;
    private final Map<String, String> headers;
    private final Config config;
    private final TokenCounter counter;
    private final Situation situation;
    private final Facts facts;

    public RoutingRequest(ObjectNode body, Map<String, String> headers, Config config, TokenCounter counter) {
        this(body, SourceBytes.NONE, headers, config, counter);
    }

    /** A request whose body was parsed from {@code source}, which spares the token count some of its work. */
    public RoutingRequest(ObjectNode body, SourceBytes source, Map<String, String> headers, Config config,
                          TokenCounter counter) {
        this(body, source, Map.copyOf(headers), config, counter, Situation.UNKNOWN, new Facts());
    }

    private RoutingRequest(ObjectNode body, SourceBytes source, Map<String, String> headers, Config config,
                           TokenCounter counter, Situation situation, Facts facts) {
        this.body = Objects.requireNonNull(body, "body");
        this.source = source;
        this.headers = headers;
        this.config = Objects.requireNonNull(config, "config");
        this.counter = Objects.requireNonNull(counter, "counter");
        this.situation = situation;
        this.facts = facts;
    }

    /** What the router knows about the request's session beyond the request itself. */
    record Situation(Optional<LastUsage> lastUsage, ProjectRouters.Found project) {
        static final Situation UNKNOWN = new Situation(Optional.empty(), ProjectRouters.Found.NOTHING);
    }

    /** Facts derived from the body, each computed once. */
    private static final class Facts {
        int tokenCount = -1;
        Optional<SessionId> session;
        Optional<SubagentTag> subagentTag;
        final Map<RouteCondition.TextScope, String> texts = new EnumMap<>(RouteCondition.TextScope.class);
    }

    RoutingRequest situated(Situation situation) {
        return new RoutingRequest(body, source, headers, config, counter, situation, facts);
    }

    /** The same request with another body (a script router replaced it); facts are derived anew. */
    RoutingRequest withBody(ObjectNode replaced) {
        return new RoutingRequest(replaced, SourceBytes.NONE, headers, config, counter, situation, new Facts());
    }

    public ObjectNode body() {
        return body;
    }

    public Config config() {
        return config;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    /** The requested model as the client sent it, or empty. */
    public Optional<String> model() {
        return body.path("model").isTextual() ? Optional.of(body.get("model").textValue()) : Optional.empty();
    }

    /** cl100k_base tokens of messages, system and tools (docs/routing.md), counted once. */
    public int tokenCount() {
        if (facts.tokenCount < 0) {
            facts.tokenCount = counter.count(body, source);
        }
        return facts.tokenCount;
    }

    /** The Claude Code session this request belongs to, if it says. */
    public Optional<SessionId> session() {
        if (facts.session == null) {
            facts.session = SessionId.of(body, headers);
        }
        return facts.session;
    }

    /**
     * The Router that applies: the session's project or session Router when one exists (docs/routing.md, "Sessions and
     * project routers"), else the config's. (Background routing always uses the config's, as in CCR.)
     */
    public RouterSettings router() {
        return situation.project().router().orElse(config.router());
    }

    /** The Claude Code project (folder name under {@code ~/.claude/projects}) the session belongs to, if found. */
    public Optional<String> project() {
        return situation.project().project();
    }

    /** The usage the session's previous answer reported, if remembered. */
    public Optional<LastUsage> lastUsage() {
        return situation.lastUsage();
    }

    Situation situation() {
        return situation;
    }

    Optional<SubagentTag> subagentTag() {
        if (facts.subagentTag == null) {
            facts.subagentTag = SubagentTag.find(body);
        }
        return facts.subagentTag;
    }

    /** {@code thinking.type}, or {@code absent}; a {@code thinking} that is not an object reads as its text. */
    String thinkingType() {
        JsonNode thinking = body.path("thinking");
        if (thinking.isMissingNode() || thinking.isNull()) {
            return "absent";
        }
        return thinking.isObject() ? thinking.path("type").asText("absent") : thinking.asText();
    }

    /** All text in a scope, blocks joined by newlines. */
    String text(RouteCondition.TextScope scope) {
        return facts.texts.computeIfAbsent(scope, this::collectText);
    }

    private String collectText(RouteCondition.TextScope scope) {
        StringBuilder out = new StringBuilder();
        JsonNode messages = body.path("messages");
        switch (scope) {
            case SYSTEM -> {
                appendText(body.path("system"), out);
                messages.forEach(m -> {
                    if ("system".equals(m.path("role").asText())) {
                        appendText(m.path("content"), out);
                    }
                });
            }
            case USER -> messages.forEach(m -> {
                if ("user".equals(m.path("role").asText())) {
                    appendText(m.path("content"), out);
                }
            });
            case LAST_USER -> {
                for (int i = messages.size() - 1; i >= 0; i--) {
                    if ("user".equals(messages.get(i).path("role").asText())) {
                        appendText(messages.get(i).path("content"), out);
                        break;
                    }
                }
            }
        }
        return out.toString();
    }

    private static void appendText(JsonNode content, StringBuilder out) {
        if (content.isTextual()) {
            out.append(content.textValue()).append('\n');
            return;
        }
        content.forEach(block -> {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                out.append(block.get("text").textValue()).append('\n');
            }
        });
    }
}
