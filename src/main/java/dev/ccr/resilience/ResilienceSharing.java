package dev.ccr.resilience;

/**
 * What one instance tells the others of a team about its resilience state: a breaker that opened, was rate limited
 * or closed, and promotions made or cleared. {@link ProviderHealth} and {@link Promotions} call it after they changed
 * their own state; its calls never block a request and never throw. {@link #NONE} for an instance on its own.
 */
public interface ResilienceSharing {
    /** One instance alone: nothing to tell. */
    ResilienceSharing NONE = new ResilienceSharing() {
        @Override
        public void breakerChanged(ModelRef model, CircuitBreaker.Snapshot snapshot) {
        }

        @Override
        public void promoted(Promotions.Promoted promotion) {
        }

        @Override
        public void primaryCleared(ModelRef primary) {
        }

        @Override
        public void fallbackCleared(ModelRef fallback) {
        }
    };

    /** The breaker of {@code model} changed state here (opened, rate limited, or closed again). */
    void breakerChanged(ModelRef model, CircuitBreaker.Snapshot snapshot);

    void promoted(Promotions.Promoted promotion);

    /** Every promotion made for {@code primary} was forgotten here (it recovered). */
    void primaryCleared(ModelRef primary);

    /** Every promotion to {@code fallback} was forgotten here (it failed). */
    void fallbackCleared(ModelRef fallback);
}
