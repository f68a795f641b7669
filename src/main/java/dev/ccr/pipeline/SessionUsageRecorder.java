package dev.ccr.pipeline;

import dev.ccr.routing.LastUsage;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.SessionUsage;
import dev.ccr.routing.Target;
import dev.ccr.usage.Usage;

import java.util.List;

/**
 * Records a successful answer's usage as its session's last usage, which the long-context rule reads on the
 * session's next request (spec §2.4); passes every event on to the request's listener.
 */
final class SessionUsageRecorder implements RequestListener {
    private final RequestListener next;
    private final SessionUsage sessions;
    private final String sessionId;

    private SessionUsageRecorder(RequestListener next, SessionUsage sessions, String sessionId) {
        this.next = next;
        this.sessions = sessions;
        this.sessionId = sessionId;
    }

    /** {@code next}, recording usage too when the decision names a session. */
    static RequestListener around(RequestListener next, SessionUsage sessions, RouteDecision decision) {
        return decision.session()
                .<RequestListener>map(session -> new SessionUsageRecorder(next, sessions, session.id()))
                .orElse(next);
    }

    @Override
    public void bodyParsed(com.fasterxml.jackson.databind.node.ObjectNode body) {
        next.bodyParsed(body);
    }

    @Override
    public void routeDecided(RouteDecision decision) {
        next.routeDecided(decision);
    }

    @Override
    public void candidatesSkipped(List<String> skipped) {
        next.candidatesSkipped(skipped);
    }

    @Override
    public void attemptStarted(Target target) {
        next.attemptStarted(target);
    }

    @Override
    public void attemptFailed(Target target, ApiError error) {
        next.attemptFailed(target, error);
    }

    @Override
    public void answerHeaders(Target target, java.util.Map<String, List<String>> headers) {
        next.answerHeaders(target, headers);
    }

    @Override
    public void firstByte() {
        next.firstByte();
    }

    @Override
    public void completed(int status, Usage usage) {
        if (status >= 200 && status < 300) {
            sessions.record(sessionId, new LastUsage(usage.inputTokens(), usage.cacheReadInputTokens(), usage.cacheCreationInputTokens()));
        }
        next.completed(status, usage);
    }

    @Override
    public void failed(ApiError error) {
        next.failed(error);
    }
}
