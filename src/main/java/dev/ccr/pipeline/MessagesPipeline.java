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
import dev.ccr.transform.TransformerRegistry;
import dev.ccr.upstream.Cancellation;
import dev.ccr.upstream.UpstreamClient;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Answers {@code POST /v1/messages}: the whole life of a request, top to bottom, in the order it happens.
 *
 * <ol>
 *   <li>parse the body (an Anthropic Messages request);</li>
 *   <li>route it: the rule engine picks {@code provider,model} and says why;</li>
 *   <li>find the provider;</li>
 *   <li>forward it in the provider's dialect and write the answer back.</li>
 * </ol>
 */
public final class MessagesPipeline implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Config config;
    private final Router router;
    private final TokenCounter tokens;
    private final RequestListener.Factory listeners;
    private final Dialect passthrough;
    private final Dialect chatCompletions;
    private final ScheduledExecutorService timer;

    public MessagesPipeline(Config config, UpstreamClient upstream, Router router, TokenCounter tokens,
                            TransformerRegistry transformers, RequestListener.Factory listeners) {
        this.config = config;
        this.router = router;
        this.tokens = tokens;
        this.listeners = listeners;
        this.passthrough = new AnthropicPassthrough(upstream);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ccr-stream-timer").factory());
        this.chatCompletions = new ChatCompletions(upstream, new ProviderChains(transformers), timer, config.pingInterval());
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

            Target target = decision.target().orElseThrow(
                    () -> ApiError.invalidRequest("Missing model in request body").exception());
            Provider provider = config.provider(target.provider()).orElseThrow(() -> ApiError.notFound(
                    "Provider '" + target.provider() + "' not found", "provider_not_found").exception());

            Attempt attempt = new Attempt(request, response, routing.body(), config, provider, target, decision.scenario(), routing.tokenCount(),
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

    /** {@code POST /v1/messages/count_tokens}: counted here with cl100k_base, never sent upstream (spec §2.3). */
    public ObjectNode countTokens(ClientRequest request) {
        ObjectNode body = parseBody(request.body());
        return JSON.createObjectNode().put("input_tokens", tokens.count(body));
    }

    @Override
    public void close() {
        timer.shutdownNow();
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
