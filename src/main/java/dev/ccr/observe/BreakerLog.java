package dev.ccr.observe;

import dev.ccr.resilience.BreakerListener;
import dev.ccr.resilience.CircuitBreaker;
import dev.ccr.resilience.ModelRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per breaker change: a warning when a provider is taken out of the rotation, info when it is back. */
public final class BreakerLog implements BreakerListener {
    private static final Logger LOG = LoggerFactory.getLogger(BreakerLog.class);

    @Override
    public void stateChanged(ModelRef model, CircuitBreaker.Snapshot now, String why) {
        if (now.rateLimitUntil().isPresent()) {
            LOG.warn("{} is {}", model, why);
        } else if (now.state() == CircuitBreaker.State.CLOSED) {
            LOG.info("{} recovered: circuit closed", model);
        } else {
            LOG.warn("{} circuit opened after {}", model, why);
        }
    }
}
