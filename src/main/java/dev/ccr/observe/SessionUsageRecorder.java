package dev.ccr.observe;

import dev.ccr.routing.LastUsage;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.SessionUsage;
import dev.ccr.usage.Usage;

/**
 * Records a successful answer's usage as its session's last usage, which the long-context rule reads on the
 * session's next request (CCR's {@code sessionUsageCache}, docs/routing.md).
 */
public final class SessionUsageRecorder implements RequestListener {
    private final SessionUsage sessions;
    private String sessionId;

    private SessionUsageRecorder(SessionUsage sessions) {
        this.sessions = sessions;
    }

    public static Factory factory(SessionUsage sessions) {
        return request -> new SessionUsageRecorder(sessions);
    }

    @Override
    public void routeDecided(RouteDecision decision) {
        sessionId = decision.session().map(session -> session.id()).orElse(null);
    }

    @Override
    public void completed(int status, Usage usage) {
        if (sessionId != null && status >= 200 && status < 300) {
            sessions.record(sessionId, new LastUsage(usage.inputTokens(), usage.cacheReadInputTokens(), usage.cacheCreationInputTokens()));
        }
    }
}
