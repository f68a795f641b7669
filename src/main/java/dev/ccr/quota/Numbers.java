package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads the numbers and times providers send as numbers, numeric strings ({@code "110.00"}, {@code "1,000"}) or ISO text. */
final class Numbers {
    /** Epoch values above this are milliseconds, below it seconds (the year 2286 in seconds). */
    private static final long MILLIS_THRESHOLD = 10_000_000_000L;

    private Numbers() {
    }

    static OptionalDouble number(JsonNode node) {
        if (node.isNumber()) {
            return OptionalDouble.of(node.doubleValue());
        }
        if (node.isTextual()) {
            String text = node.textValue().trim().replace(",", "");
            try {
                double value = Double.parseDouble(text);
                return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    /** An epoch in seconds or milliseconds, or an ISO-8601 instant. */
    static Optional<Instant> instant(JsonNode node) {
        if (node.isTextual()) {
            try {
                return Optional.of(Instant.parse(node.textValue().trim()));
            } catch (DateTimeParseException e) {
                // Not ISO text: maybe a number written as text.
            }
            try {
                return Optional.of(OffsetDateTime.parse(node.textValue().trim()).toInstant());
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        OptionalDouble number = number(node);
        if (number.isEmpty() || number.getAsDouble() <= 0) {
            return Optional.empty();
        }
        long value = (long) number.getAsDouble();
        return Optional.of(value > MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value));
    }

    static OptionalDouble sum(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() && b.isPresent() ? OptionalDouble.of(a.getAsDouble() + b.getAsDouble()) : OptionalDouble.empty();
    }

    /** A window when both its used amount and a positive limit are known; otherwise none (never drawn at zero). */
    static Optional<QuotaWindow> window(String name, OptionalDouble used, OptionalDouble limit, Optional<Instant> resetAt) {
        if (used.isEmpty() || limit.isEmpty() || limit.getAsDouble() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new QuotaWindow(name, used.getAsDouble(), limit.getAsDouble(), resetAt));
    }

    static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.textValue().isBlank() ? Optional.of(node.textValue()) : Optional.empty();
    }
}
