package dev.ccr.quota;

import dev.ccr.config.QuotaSettings;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides from the last snapshot whether a provider may take a request now: not when a window is used up or the
 * balance is spent (until the window's reset time, like an open circuit until its cooldown), and not when a window
 * is below the provider's reserve, unless the request's scenario is one the reserve is kept for. An unknown or
 * missing quota never closes a provider.
 */
public final class QuotaGate {
    /** What the last snapshot says about a provider, scenarios aside. */
    public enum State {
        /** No snapshot: no adapter, polling off, or not read yet. */
        UNTRACKED,
        /** The last call failed; the reason says why. */
        UNKNOWN,
        OK,
        /** Some window is below the reserve: only the reserve's scenarios still go there. */
        RESERVE,
        /** A window is used up or the balance is spent. */
        EXHAUSTED
    }

    /** A state and, unless OK, why. */
    public record Verdict(State state, Optional<String> reason) {
    }

    private final QuotaStore store;
    private final QuotaSettings settings;
    private final Clock clock;

    public QuotaGate(QuotaStore store, QuotaSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Why {@code provider} must not take a request of {@code scenario} now, or empty when it may. */
    public Optional<String> closedReason(String provider, String scenario) {
        Verdict verdict = verdict(provider);
        return switch (verdict.state()) {
            case EXHAUSTED -> verdict.reason();
            case RESERVE -> settings.reserveFor(provider).scenarios().contains(scenario) ? Optional.empty() : verdict.reason();
            case UNTRACKED, UNKNOWN, OK -> Optional.empty();
        };
    }

    public Verdict verdict(String provider) {
        Optional<QuotaSnapshot> snapshot = store.get(provider);
        if (snapshot.isEmpty()) {
            return new Verdict(State.UNTRACKED, Optional.empty());
        }
        if (snapshot.get().reading().isEmpty()) {
            return new Verdict(State.UNKNOWN, snapshot.get().unknownReason());
        }
        QuotaReading reading = snapshot.get().reading().get();
        Instant now = clock.instant();
        for (QuotaWindow window : reading.windows()) {
            if (window.exhausted() && !window.isResetBy(now)) {
                return new Verdict(State.EXHAUSTED, Optional.of("quota exhausted: the " + window.name() + " window is used up"
                        + window.resetAt().map(at -> " until " + at).orElse("")));
            }
        }
        if (reading.balance().filter(QuotaBalance::exhausted).isPresent()) {
            QuotaBalance balance = reading.balance().get();
            return new Verdict(State.EXHAUSTED, Optional.of("balance exhausted: " + amount(balance) + " left"));
        }
        QuotaSettings.Reserve reserve = settings.reserveFor(provider);
        if (!reserve.isEmpty()) {
            for (QuotaWindow window : reading.windows()) {
                boolean planWindow = window.name().equals(QuotaWindow.FIVE_HOURS) || window.name().equals(QuotaWindow.SEVEN_DAYS);
                double kept = reserve.percentFor(window.name());
                if (planWindow && !window.isResetBy(now) && window.remainingPercent() < kept) {
                    return new Verdict(State.RESERVE, Optional.of(String.format(Locale.ROOT,
                            "quota kept in reserve for %s: the %s window has %.0f%% left (reserve %.0f%%)%s",
                            reserve.scenarios().isEmpty() ? "no scenario" : String.join(", ", reserve.scenarios().stream().sorted().toList()),
                            window.name(), window.remainingPercent(), kept,
                            window.resetAt().map(at -> " until " + at).orElse(""))));
                }
            }
        }
        return new Verdict(State.OK, Optional.empty());
    }

    private static String amount(QuotaBalance balance) {
        return String.format(Locale.ROOT, "%.2f", balance.left().orElse(0)) + balance.currency().map(c -> " " + c).orElse("");
    }
}
