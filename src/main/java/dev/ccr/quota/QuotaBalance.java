package dev.ccr.quota;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A pay-as-you-go account's money: granted or topped-up total, used, left, and (OpenRouter) used today, in
 * {@code currency} when the provider says.
 */
public record QuotaBalance(OptionalDouble total, OptionalDouble used, OptionalDouble remaining, OptionalDouble usedToday,
                           Optional<String> currency) {

    /** Nothing is left to spend: the remaining balance is zero or less, or the usage has reached the total. */
    public boolean exhausted() {
        if (remaining.isPresent()) {
            return remaining.getAsDouble() <= 0;
        }
        return total.isPresent() && used.isPresent() && total.getAsDouble() > 0 && used.getAsDouble() >= total.getAsDouble();
    }

    /** The remaining balance, given or worked out from total and used. */
    public OptionalDouble left() {
        if (remaining.isPresent()) {
            return remaining;
        }
        return total.isPresent() && used.isPresent() ? OptionalDouble.of(total.getAsDouble() - used.getAsDouble()) : OptionalDouble.empty();
    }
}
