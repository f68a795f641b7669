package dev.ccr.quota;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What one quota call (or one answer's rate-limit headers) said: a balance, usage windows, or both. */
public record QuotaReading(Optional<QuotaBalance> balance, List<QuotaWindow> windows) {
    public QuotaReading {
        Objects.requireNonNull(balance, "balance");
        windows = List.copyOf(windows);
    }

    public static QuotaReading ofBalance(QuotaBalance balance) {
        return new QuotaReading(Optional.of(balance), List.of());
    }

    public static QuotaReading ofWindows(List<QuotaWindow> windows) {
        return new QuotaReading(Optional.empty(), windows);
    }

    public Optional<QuotaWindow> window(String name) {
        return windows.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    public boolean isEmpty() {
        return balance.isEmpty() && windows.isEmpty();
    }
}
