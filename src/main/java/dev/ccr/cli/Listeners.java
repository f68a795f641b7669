package dev.ccr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.pipeline.ApiError;
import dev.ccr.pipeline.RequestListener;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Target;
import dev.ccr.usage.Usage;

import java.util.List;

/** Request listeners side by side: every event goes to each, in order. */
final class Listeners {
    private Listeners() {
    }

    static RequestListener.Factory both(RequestListener.Factory first, RequestListener.Factory second) {
        return request -> {
            RequestListener a = first.create(request);
            RequestListener b = second.create(request);
            if (b == RequestListener.NONE) {
                return a;
            }
            return new RequestListener() {
                @Override
                public void bodyParsed(ObjectNode body) {
                    a.bodyParsed(body);
                    b.bodyParsed(body);
                }

                @Override
                public void routeDecided(RouteDecision decision) {
                    a.routeDecided(decision);
                    b.routeDecided(decision);
                }

                @Override
                public void candidatesSkipped(List<String> skipped) {
                    a.candidatesSkipped(skipped);
                    b.candidatesSkipped(skipped);
                }

                @Override
                public void attemptStarted(Target target) {
                    a.attemptStarted(target);
                    b.attemptStarted(target);
                }

                @Override
                public void attemptFailed(Target target, ApiError error) {
                    a.attemptFailed(target, error);
                    b.attemptFailed(target, error);
                }

                @Override
                public void answerHeaders(Target target, java.util.Map<String, List<String>> headers) {
                    a.answerHeaders(target, headers);
                    b.answerHeaders(target, headers);
                }

                @Override
                public void firstByte() {
                    a.firstByte();
                    b.firstByte();
                }

                @Override
                public void completed(int status, Usage usage) {
                    a.completed(status, usage);
                    b.completed(status, usage);
                }

                @Override
                public void failed(ApiError error) {
                    a.failed(error);
                    b.failed(error);
                }
            };
        };
    }
}
