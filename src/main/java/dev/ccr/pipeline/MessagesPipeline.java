package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.Provider;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Router;
import dev.ccr.routing.RoutingRequest;
import dev.ccr.routing.Target;
import dev.ccr.routing.TokenCounter;
import dev.ccr.upstream.Cancellation;
import dev.ccr.upstream.UpstreamClient;

import java.io.IOException;

/**
 * Answers {@code POST /v1/messages}: the whole life of a request, top to bottom, in the order it happens.
 *
 * <ol>
 *   <li>parse the body (an Anthropic Messages request);</li>
 *   <li>route it: the rule engine picks {@code provider,model} and says why, then the body edits the decision
 *       carries are applied (a stripped subagent tag, a rewritten system prompt);</li>
 *   <li>find the provider;</li>
 *   <li>forward it in the provider's dialect and write the answer back.</li>
 * </ol>
 */
public final class MessagesPipeline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Config config;
    private final Router router;
    private final TokenCounter tokens;
    private final RequestListener.Factory listeners;
    private final Dialect passthrough;
    private final Dialect chatCompletions;

    public MessagesPipeline(Config config, UpstreamClient upstream, Router router, TokenCounter tokens,
                            RequestListener.Factory listeners) {
        this.config = config;
        this.router = router;
        this.tokens = tokens;
        this.listeners = listeners;
        this.passthrough = new AnthropicPassthrough(upstream);
        this.chatCompletions = new ChatCompletions(upstream);
    }

    /**
     * Handles one request. Failures before the answer starts are thrown as {@link ApiException} for the server to
     * render; failures after it are reported inside the stream.
     */
    public void handle(ClientRequest request, ClientResponse response) {
        RequestListener listener = listeners.create(request);
        Cancellation cancellation = new Cancellation();
        request.onDisconnect(() -> cancellation.cancel("client disconnected"));
        try {
            ObjectNode body = parseBody(request.body());
            if (!body.has("stream")) {
                body.put("stream", false);
            }
            RoutingRequest routing = new RoutingRequest(body, request.headerMap(), config, tokens);
            RouteDecision decision = router.decide(routing);
            listener.routeDecided(decision);
            decision.applyEdits(body);
            listener = SessionUsageRecorder.around(listener, router.sessionUsage(), decision);

            Target target = decision.target().orElseThrow(
                    () -> ApiError.invalidRequest("Missing model in request body").exception());
            Provider provider = config.provider(target.provider()).orElseThrow(() -> ApiError.notFound(
                    "Provider '" + target.provider() + "' not found", "provider_not_found").exception());

            Attempt attempt = new Attempt(request, response, body, config, provider, target, decision.tokenCount(),
                    cancellation, listener);
            listener.attemptStarted(target);
            Dialect dialect = provider.transformer().passesThrough(target.model()) ? passthrough : chatCompletions;
            dialect.forward(attempt);
        } catch (ApiException e) {
            listener.failed(e.error());
            throw e;
        } finally {
            cancellation.finish();
        }
    }

    /**
     * {@code POST /api/route/explain}: routes the body exactly as {@code /v1/messages} would (this server's session
     * state included), sends nothing upstream, records nothing, and returns the explanation (docs/routing.md).
     */
    public ObjectNode explain(ClientRequest request) {
        ObjectNode body = parseBody(request.body());
        return router.decide(new RoutingRequest(body, request.headerMap(), config, tokens)).toJson();
    }

    /** {@code POST /v1/messages/count_tokens}: counted here with cl100k_base, never sent upstream (spec §2.3). */
    public ObjectNode countTokens(ClientRequest request) {
        ObjectNode body = parseBody(request.body());
        return JSON.createObjectNode().put("input_tokens", tokens.count(body));
    }

    static ObjectNode parseBody(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw ApiError.invalidRequest("Request body is not valid JSON: " + firstLine(e.getMessage())).exception();
        }
        if (node == null || !node.isObject()) {
            throw ApiError.invalidRequest("Request body must be a JSON object").exception();
        }
        return (ObjectNode) node;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
