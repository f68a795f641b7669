package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.testing.AnthropicSamples;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * A real ccr in front of an Anthropic-dialect provider {@code p} (models m, m2, m3, m4) on a MockWebServer: the
 * provider receives the client's body with the routed bare model name, so a test sees exactly which model routing
 * chose and what the body looked like after routing's edits.
 */
public final class PassthroughRouting implements AutoCloseable {
    private final MockWebServer upstream;
    private final RunningRouter router;

    private PassthroughRouting(MockWebServer upstream, RunningRouter router) {
        this.upstream = upstream;
        this.router = router;
    }

    /** Starts ccr with {@code "Router": routerJson} and any extra top-level keys ({@code "KEY": value, ...}). */
    public static PassthroughRouting start(String routerJson, String extraTopLevel) {
        MockWebServer upstream = Upstreams.mock();
        String config = """
                {%s"Providers":[{"name":"p","api_base_url":"%s","api_key":"pk","models":["m","m2","m3","m4"],
                   "transformer":{"use":["Anthropic"]}}],
                 "Router": %s}""".formatted(extraTopLevel.isBlank() ? "" : extraTopLevel + ",",
                Upstreams.url(upstream, "/v1/messages"), routerJson);
        try {
            return new PassthroughRouting(upstream, RunningRouter.start(config));
        } catch (RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    public static PassthroughRouting start(String routerJson) {
        return start(routerJson, "");
    }

    public RunningRouter router() {
        return router;
    }

    /** Sends {@code body} to {@code /v1/messages}, answers with a small message, and returns what the provider received. */
    public JsonNode send(String body, String... headers) {
        return send(body, new MockResponse.Builder().addHeader("Content-Type", "application/json").body(AnthropicSamples.MESSAGE).build(), headers);
    }

    /** As {@link #send(String, String...)} with the provider's answer given. */
    public JsonNode send(String body, MockResponse answer, String... headers) {
        upstream.enqueue(answer);
        HttpResponse<String> response = router.post("/v1/messages?beta=true", body, headers);
        if (response.statusCode() != 200) {
            throw new AssertionError("ccr answered " + response.statusCode() + ": " + response.body());
        }
        try {
            RecordedRequest received = upstream.takeRequest(5, TimeUnit.SECONDS);
            if (received == null) {
                throw new AssertionError("the provider received nothing");
            }
            return RoutingFixtures.parse(received.getBody().utf8());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The model the provider was asked for. */
    public String routedModel(String body, String... headers) {
        return send(body, headers).path("model").asText();
    }

    /** How many requests reached the provider. */
    public int requestCount() {
        return upstream.getRequestCount();
    }

    @Override
    public void close() {
        router.close();
        upstream.close();
    }
}
