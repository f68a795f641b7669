package dev.ccr.quota;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads Anthropic's rate-limit answer headers, so an Anthropic-dialect provider's quota is known from every answer
 * without an extra call.
 *
 * <ul>
 *   <li>Subscription ("unified") limits: {@code anthropic-ratelimit-unified-5h-utilization} and {@code -7d-utilization}
 *       (a fraction, 0.82 = 82 % used), their {@code -reset} (epoch seconds) and {@code -status} ({@code allowed},
 *       {@code allowed_warning}, {@code rejected}; rejected reads as fully used). They become the {@code 5h} and
 *       {@code 7d} windows, in percent.</li>
 *   <li>API limits: {@code anthropic-ratelimit-requests-*}, {@code -tokens-*}, {@code -input-tokens-*},
 *       {@code -output-tokens-*}, each {@code limit}, {@code remaining} and {@code reset} (RFC 3339). They become
 *       per-minute windows named {@code requests}, {@code tokens}, {@code input-tokens}, {@code output-tokens}.</li>
 * </ul>
 */
public final class RateLimitHeaders {
    private static final String PREFIX = "anthropic-ratelimit-";
    private static final List<String> API_LIMITS = List.of("requests", "tokens", "input-tokens", "output-tokens");

    private RateLimitHeaders() {
    }

    /** The windows these headers describe, or none when there are no rate-limit headers. Names may be any case. */
    public static Optional<QuotaReading> read(Map<String, List<String>> headers) {
        Map<String, String> h = new HashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(PREFIX) && !values.isEmpty()) {
                h.put(lower.substring(PREFIX.length()), values.getFirst().trim());
            }
        });
        if (h.isEmpty()) {
            return Optional.empty();
        }
        List<QuotaWindow> windows = new ArrayList<>();
        unified(h, QuotaWindow.FIVE_HOURS, windows);
        unified(h, QuotaWindow.SEVEN_DAYS, windows);
        for (String limit : API_LIMITS) {
            OptionalDouble max = number(h.get(limit + "-limit"));
            OptionalDouble remaining = number(h.get(limit + "-remaining"));
            if (max.isPresent() && remaining.isPresent() && max.getAsDouble() > 0) {
                windows.add(new QuotaWindow(limit, Math.max(0, max.getAsDouble() - remaining.getAsDouble()), max.getAsDouble(),
                        rfc3339(h.get(limit + "-reset"))));
            }
        }
        return windows.isEmpty() ? Optional.empty() : Optional.of(QuotaReading.ofWindows(windows));
    }

    private static void unified(Map<String, String> h, String window, List<QuotaWindow> windows) {
        String key = "unified-" + window + "-";
        OptionalDouble utilization = number(h.get(key + "utilization"));
        boolean rejected = "rejected".equalsIgnoreCase(h.get(key + "status"));
        if (utilization.isEmpty() && !rejected) {
            return;
        }
        double fraction = utilization.orElse(1);
        // A fraction by Anthropic's definition; a value above 1 is taken as already in percent.
        double percent = rejected ? 100 : fraction > 1 ? fraction : fraction * 100;
        Optional<Instant> reset = number(h.get(key + "reset")).stream()
                .mapToObj(seconds -> Instant.ofEpochSecond((long) seconds)).findFirst();
        windows.add(new QuotaWindow(window, Math.min(percent, 100), 100, reset));
    }

    private static OptionalDouble number(String value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static Optional<Instant> rfc3339(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
