package dev.ccr.observe;

import dev.ccr.client.ApiError;
import dev.ccr.resilience.Plan;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Target;
import dev.ccr.usage.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Logs one line per request when it ends: route, scenario, status, time to first byte, duration and tokens. The
 * routing explanation goes to debug. Never logs bodies or headers, so no secret can reach the log.
 */
public final class AccessLog implements RequestListener {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

    private final Clock clock;
    private final String what;
    private final long startMillis;
    private String route = "unrouted";
    private long firstByteMillis = -1;

    private AccessLog(Clock clock, String what) {
        this.clock = clock;
        this.what = what;
        this.startMillis = clock.millis();
    }

    public static Factory factory(Clock clock) {
        return request -> new AccessLog(clock, request.method() + " " + request.path());
    }

    @Override
    public void routeDecided(RouteDecision decision) {
        route = decision.target().map(Target::toString).orElse("none") + " (" + decision.scenario() + ")";
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} routing:\n  {}", what, String.join("\n  ", decision.trace().stream().map(Object::toString).toList()));
        }
    }

    @Override
    public void planned(Plan plan) {
        if (!plan.skipped().isEmpty()) {
            LOG.info("{} skipped {}", what, plan.skipped());
        }
    }

    @Override
    public void attemptFailed(Target target, ApiError error) {
        LOG.warn("{} attempt on {} failed: {} {}", what, target, error.status(), error.message());
    }

    @Override
    public void firstByte() {
        firstByteMillis = clock.millis() - startMillis;
    }

    @Override
    public void completed(int status, Usage usage) {
        LOG.info("{} → {} {} first byte {} ms, {} ms, tokens in {} (cached {}) out {}", what, route, status,
                firstByteMillis, clock.millis() - startMillis, usage.inputTokens(), usage.cacheReadInputTokens(),
                usage.outputTokens());
    }

    @Override
    public void failed(ApiError error) {
        LOG.info("{} → {} {} {} after {} ms", what, route, error.status(), error.message(), clock.millis() - startMillis);
    }
}
