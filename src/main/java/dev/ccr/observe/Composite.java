package dev.ccr.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.resilience.Plan;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Target;
import dev.ccr.usage.Usage;

import java.util.List;
import java.util.Map;

/** Several listeners of one request, told every event in order ({@link RequestListener.Factory#compose}). */
record Composite(List<RequestListener> listeners) implements RequestListener {
    @Override
    public void bodyParsed(ObjectNode body) {
        listeners.forEach(l -> l.bodyParsed(body));
    }

    @Override
    public void routeDecided(RouteDecision decision) {
        listeners.forEach(l -> l.routeDecided(decision));
    }

    @Override
    public void planned(Plan plan) {
        listeners.forEach(l -> l.planned(plan));
    }

    @Override
    public void attemptStarted(Target target) {
        listeners.forEach(l -> l.attemptStarted(target));
    }

    @Override
    public void attemptFailed(Target target, ApiError error) {
        listeners.forEach(l -> l.attemptFailed(target, error));
    }

    @Override
    public void answerHeaders(Target target, Map<String, List<String>> headers) {
        listeners.forEach(l -> l.answerHeaders(target, headers));
    }

    @Override
    public void firstByte() {
        listeners.forEach(RequestListener::firstByte);
    }

    @Override
    public void completed(int status, Usage usage) {
        listeners.forEach(l -> l.completed(status, usage));
    }

    @Override
    public void failed(ApiError error) {
        listeners.forEach(l -> l.failed(error));
    }
}
