package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A provider's quota as last seen: the reading, or why it is unknown (an expired cookie, a changed answer), when it
 * was taken and by which source (an adapter's name, or {@code anthropic-headers}).
 *
 * <p>The CCR fork's flat fields ({@code totalBalance, usedBalance, remainingBalance, usedDailyBalance, limitDaily,
 * currency, resetTime, resetTime7d}; docs/quota.md) are derived here: for a plan, "daily" is the 5-hour window and the
 * balance fields are the 7-day window, as the fork stores them.
 */
public record QuotaSnapshot(String provider, String source, Instant checkedAt, Optional<QuotaReading> reading,
                            Optional<String> unknownReason) {
    public QuotaSnapshot {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(unknownReason, "unknownReason");
    }

    public static QuotaSnapshot known(String provider, String source, Instant checkedAt, QuotaReading reading) {
        return new QuotaSnapshot(provider, source, checkedAt, Optional.of(reading), Optional.empty());
    }

    /** Read back from {@link #toJson()}'s form; throws on a node that is not one. */
    public static QuotaSnapshot fromJson(JsonNode node) {
        return SnapshotJson.read(node);
    }

    /** This snapshot as {@code quota-store.json} and {@code GET /api/providers/quota} show it. */
    public ObjectNode toJson() {
        return SnapshotJson.write(this);
    }

    public static QuotaSnapshot unknown(String provider, String source, Instant checkedAt, String reason) {
        return new QuotaSnapshot(provider, source, checkedAt, Optional.empty(), Optional.of(reason));
    }

    private Optional<QuotaWindow> window(String name) {
        return reading.flatMap(r -> r.window(name));
    }

    private Optional<QuotaBalance> balance() {
        return reading.flatMap(QuotaReading::balance);
    }

    public OptionalDouble totalBalance() {
        return balance().map(QuotaBalance::total).filter(OptionalDouble::isPresent)
                .or(() -> window(QuotaWindow.SEVEN_DAYS).map(w -> OptionalDouble.of(w.limit()))).orElse(OptionalDouble.empty());
    }

    public OptionalDouble usedBalance() {
        return balance().map(QuotaBalance::used).filter(OptionalDouble::isPresent)
                .or(() -> window(QuotaWindow.SEVEN_DAYS).map(w -> OptionalDouble.of(w.used()))).orElse(OptionalDouble.empty());
    }

    public OptionalDouble remainingBalance() {
        return balance().map(QuotaBalance::left).filter(OptionalDouble::isPresent)
                .or(() -> window(QuotaWindow.SEVEN_DAYS).map(w -> OptionalDouble.of(Math.max(0, w.limit() - w.used()))))
                .orElse(OptionalDouble.empty());
    }

    public OptionalDouble usedDailyBalance() {
        return window(QuotaWindow.FIVE_HOURS).map(w -> OptionalDouble.of(w.used()))
                .or(() -> balance().map(QuotaBalance::usedToday)).orElse(OptionalDouble.empty());
    }

    public OptionalDouble limitDaily() {
        return window(QuotaWindow.FIVE_HOURS).map(w -> OptionalDouble.of(w.limit())).orElse(OptionalDouble.empty());
    }

    public Optional<String> currency() {
        return balance().flatMap(QuotaBalance::currency);
    }

    public Optional<Instant> resetTime() {
        return window(QuotaWindow.FIVE_HOURS).flatMap(QuotaWindow::resetAt);
    }

    public Optional<Instant> resetTime7d() {
        return window(QuotaWindow.SEVEN_DAYS).flatMap(QuotaWindow::resetAt);
    }
}
