package dev.ccr.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * One usage record of the CCR fork (docs/usage.md) plus ccr's additions: what one request, or one failed attempt of it,
 * cost and how fast it was. Never holds a request or answer body or a secret. Its JSON is the API's camelCase object.
 *
 * @param project       the Claude Code project of the session, when routing found one
 * @param clientType    {@link ClientType}'s name for the client
 * @param originalModel the model the client asked for
 * @param model         the model it was routed to
 * @param rule          the routing rule that decided
 * @param ttft          milliseconds to the first byte, when there was one
 * @param httpStatus    the status the client (or the failed attempt) got
 * @param errorType     Anthropic's error type, for errors
 * @param attempts      what was tried or left out before the answer, in order
 * @param clientKey     the name of the client key the request carried ({@code CLIENT_KEYS}), never the key itself
 */
public record UsageRecord(String id, Instant timestamp, Optional<String> sessionId, Optional<String> project,
                          String clientType, String provider, String model, String originalModel, String scenarioType,
                          Optional<String> rule, boolean stream, Usage usage, OptionalLong ttft,
                          OptionalLong tokensPerSecond, long durationMs, Status status, int httpStatus,
                          Optional<String> errorType, Optional<String> errorMessage, List<AttemptNote> attempts,
                          Optional<String> clientKey) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Status {
        SUCCESS, ERROR;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Status> parse(String text) {
            for (Status s : values()) {
                if (s.wire().equalsIgnoreCase(text)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public UsageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(clientType, "clientType");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(errorType, "errorType");
        attempts = List.copyOf(attempts);
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(originalModel, "originalModel");
        Objects.requireNonNull(scenarioType, "scenarioType");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(ttft, "ttft");
        Objects.requireNonNull(tokensPerSecond, "tokensPerSecond");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(clientKey, "clientKey");
    }

    /** A record of a request that carried no client key. */
    public UsageRecord(String id, Instant timestamp, Optional<String> sessionId, Optional<String> project,
                       String clientType, String provider, String model, String originalModel, String scenarioType,
                       Optional<String> rule, boolean stream, Usage usage, OptionalLong ttft,
                       OptionalLong tokensPerSecond, long durationMs, Status status, int httpStatus,
                       Optional<String> errorType, Optional<String> errorMessage, List<AttemptNote> attempts) {
        this(id, timestamp, sessionId, project, clientType, provider, model, originalModel, scenarioType, rule, stream,
                usage, ttft, tokensPerSecond, durationMs, status, httpStatus, errorType, errorMessage, attempts,
                Optional.empty());
    }

    /** The fork's speed: {@code round(outputTokens / max((durationMs − ttft)/1000, 1))}; none without a ttft. */
    public static OptionalLong tokensPerSecond(long outputTokens, long durationMs, OptionalLong ttft) {
        if (ttft.isEmpty()) {
            return OptionalLong.empty();
        }
        double seconds = Math.max((durationMs - ttft.getAsLong()) / 1000.0, 1);
        return OptionalLong.of(Math.round(outputTokens / seconds));
    }

    /** The fork's id: {@code <ms>-<6 random base36>}. */
    public static String newId(Instant now, RandomGenerator random) {
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            tail.append(Character.forDigit(random.nextInt(36), 36));
        }
        return now.toEpochMilli() + "-" + tail;
    }

    /** The day of the timestamp, {@code yyyy-MM-dd} in UTC (the fork's {@code timestamp[0..10]}). */
    public String day() {
        return timestamp.toString().substring(0, 10);
    }

    public ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", id).put("timestamp", timestamp.toString());
        sessionId.ifPresentOrElse(s -> json.put("sessionId", s), () -> json.putNull("sessionId"));
        json.put("provider", provider).put("model", model).put("originalModel", originalModel)
                .put("scenarioType", scenarioType).put("clientType", clientType).put("stream", stream)
                .put("inputTokens", usage.inputTokens()).put("outputTokens", usage.outputTokens())
                .put("cacheReadInputTokens", usage.cacheReadInputTokens())
                .put("cacheCreationInputTokens", usage.cacheCreationInputTokens());
        ttft.ifPresentOrElse(t -> json.put("ttft", t), () -> json.putNull("ttft"));
        tokensPerSecond.ifPresentOrElse(t -> json.put("tokensPerSecond", t), () -> json.putNull("tokensPerSecond"));
        json.put("durationMs", durationMs).put("status", status.wire());
        errorMessage.ifPresent(m -> json.put("errorMessage", m));
        nullable(json, "project", project);
        json.put("clientType", clientType);
        nullable(json, "rule", rule);
        json.put("httpStatus", httpStatus);
        nullable(json, "errorType", errorType);
        nullable(json, "clientKey", clientKey);
        var list = json.putArray("attempts");
        attempts.forEach(a -> list.add(a.toJson()));
        return json;
    }

    /** Reads a record; empty when a required field is missing or malformed. */
    public static Optional<UsageRecord> fromJson(JsonNode json) {
        try {
            if (!json.isObject() || !json.path("id").isTextual() || !json.path("timestamp").isTextual()) {
                return Optional.empty();
            }
            Optional<Status> status = Status.parse(json.path("status").asText(""));
            if (status.isEmpty()) {
                return Optional.empty();
            }
            List<AttemptNote> attempts = new ArrayList<>();
            json.path("attempts").forEach(a -> AttemptNote.fromJson(a).ifPresent(attempts::add));
            Optional<String> errorMessage = text(json, "errorMessage");
            return Optional.of(new UsageRecord(json.get("id").asText(), Instant.parse(json.get("timestamp").asText()),
                    text(json, "sessionId"), text(json, "project"), json.path("clientType").asText(ClientType.API),
                    json.path("provider").asText(""), json.path("model").asText(""),
                    json.path("originalModel").asText(""), json.path("scenarioType").asText("default"), text(json, "rule"),
                    json.path("stream").asBoolean(false),
                    new Usage(json.path("inputTokens").asLong(0), json.path("outputTokens").asLong(0),
                            json.path("cacheReadInputTokens").asLong(0), json.path("cacheCreationInputTokens").asLong(0)),
                    number(json, "ttft"), number(json, "tokensPerSecond"), json.path("durationMs").asLong(0),
                    status.get(), json.path("httpStatus").asInt(legacyStatus(status.get(), errorMessage)),
                    text(json, "errorType"), errorMessage, attempts, text(json, "clientKey")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records written before ccr kept the status: the number that opens the message, else 200 or 500. */
    private static int legacyStatus(Status status, Optional<String> errorMessage) {
        if (status == Status.SUCCESS) {
            return 200;
        }
        String message = errorMessage.orElse("");
        int end = message.indexOf(' ');
        try {
            return Integer.parseInt(end > 0 ? message.substring(0, end) : message);
        } catch (NumberFormatException e) {
            return 500;
        }
    }

    private static void nullable(ObjectNode json, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> json.put(field, v), () -> json.putNull(field));
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static OptionalLong number(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isNumber() ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
    }
}
