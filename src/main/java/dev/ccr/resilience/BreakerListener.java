package dev.ccr.resilience;

/**
 * Told whenever a breaker changes state here, as armeria's {@code CircuitBreakerListener} is: it opened, was rate
 * limited, was forced open because a fallback answered instead, or closed again. Calls never block and never throw.
 */
@FunctionalInterface
public interface BreakerListener {
    BreakerListener NONE = (model, now, why) -> {
    };

    /**
     * @param now the breaker's state after the change
     * @param why in words: the failure that opened it, the cool-down, {@code "recovered"}
     */
    void stateChanged(ModelRef model, CircuitBreaker.Snapshot now, String why);

    /** Both, in order. */
    default BreakerListener andThen(BreakerListener next) {
        return (model, now, why) -> {
            stateChanged(model, now, why);
            next.stateChanged(model, now, why);
        };
    }
}
