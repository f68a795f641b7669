package dev.ccr.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One candidate a request tried or left out before its answer: a failed attempt (its HTTP status, Anthropic error
 * type and message) or a skipped candidate (why it was left out, such as an open circuit).
 */
public record AttemptNote(String provider, String model, Outcome outcome, OptionalInt status, Optional<String> errorType,
                          String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Outcome {
        FAILED, SKIPPED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AttemptNote {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(message, "message");
    }

    public static AttemptNote failed(String provider, String model, int status, String errorType, String message) {
        return new AttemptNote(provider, model, Outcome.FAILED, OptionalInt.of(status), Optional.of(errorType), message);
    }

    public static AttemptNote skipped(String provider, String model, String reason) {
        return new AttemptNote(provider, model, Outcome.SKIPPED, OptionalInt.empty(), Optional.empty(), reason);
    }

    /** Failed: {@code {provider, model, outcome, status, errorType, message}}; skipped: {@code {…, outcome, reason}}. */
    public ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode().put("provider", provider).put("model", model).put("outcome", outcome.wire());
        if (outcome == Outcome.SKIPPED) {
            return json.put("reason", message);
        }
        status.ifPresent(s -> json.put("status", s));
        errorType.ifPresent(t -> json.put("errorType", t));
        return json.put("message", message);
    }

    /** Reads what {@link #toJson} wrote; empty for anything else. */
    public static Optional<AttemptNote> fromJson(JsonNode json) {
        String outcome = json.path("outcome").asText("");
        if (outcome.equals(Outcome.SKIPPED.wire())) {
            return Optional.of(skipped(json.path("provider").asText(""), json.path("model").asText(""), json.path("reason").asText("")));
        }
        if (!outcome.equals(Outcome.FAILED.wire())) {
            return Optional.empty();
        }
        return Optional.of(new AttemptNote(json.path("provider").asText(""), json.path("model").asText(""), Outcome.FAILED,
                json.path("status").isInt() ? OptionalInt.of(json.get("status").asInt()) : OptionalInt.empty(),
                json.path("errorType").isTextual() ? Optional.of(json.get("errorType").asText()) : Optional.empty(),
                json.path("message").asText("")));
    }
}
