package dev.ccr.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Which records a query keeps; every part is optional. A date-only {@code endDate} ({@code 2026-11-26}) includes
 * that whole day (UTC); a date-only {@code startDate} starts at its midnight. Full ISO instants are taken as given.
 */
public record UsageFilter(Optional<Instant> from, Optional<Instant> until, Optional<String> model,
                          Optional<String> provider, Optional<String> scenario, Optional<String> clientType,
                          Optional<String> sessionId, Optional<UsageRecord.Status> status) {
    public static final UsageFilter ALL = new UsageFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public UsageFilter withStatus(Optional<UsageRecord.Status> status) {
        return new UsageFilter(from, until, model, provider, scenario, clientType, sessionId, status);
    }

    public UsageFilter withTime(Optional<Instant> from, Optional<Instant> until) {
        return new UsageFilter(from, until, model, provider, scenario, clientType, sessionId, status);
    }

    public boolean test(UsageRecord r) {
        return from.map(f -> !r.timestamp().isBefore(f)).orElse(true)
                && until.map(u -> r.timestamp().isBefore(u)).orElse(true)
                && model.map(m -> m.equals(r.model()) || m.equals(r.originalModel())).orElse(true)
                && provider.map(p -> p.equals(r.provider())).orElse(true)
                && scenario.map(s -> s.equals(r.scenarioType())).orElse(true)
                && clientType.map(c -> c.equals(r.clientType())).orElse(true)
                && sessionId.map(s -> r.sessionId().map(s::equals).orElse(false)).orElse(true)
                && status.map(s -> s == r.status()).orElse(true);
    }

    /** The start of {@code text} (a date or an instant); throws {@link IllegalArgumentException} when it is neither. */
    public static Instant startOf(String text) {
        return parse(text, false);
    }

    /** The exclusive end for {@code text}: the next midnight for a date, the instant itself otherwise. */
    public static Instant endOf(String text) {
        return parse(text, true);
    }

    private static Instant parse(String text, boolean end) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a date (yyyy-MM-dd) or an ISO instant: " + text);
        }
    }
}
