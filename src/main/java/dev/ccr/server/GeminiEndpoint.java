package dev.ccr.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.anthropic.AnthropicToChatResponse;
import dev.ccr.wire.anthropic.AnthropicToChatStream;
import dev.ccr.wire.gemini.ChatToGeminiResponse;
import dev.ccr.wire.gemini.ChatToGeminiStream;
import dev.ccr.wire.gemini.GeminiToChatRequest;
import dev.ccr.wire.openai.ChatToAnthropicRequest;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.Deque;
import java.util.Optional;

/**
 * {@code POST /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent} ({@code ?alt=sse} for events,
 * else one JSON array, as Google serves it) and {@code :countTokens}, for Gemini-dialect clients (Gemini CLI, the
 * Google Gen AI SDKs). The request goes through chat form into Anthropic's ({@link GeminiToChatRequest},
 * {@link ChatToAnthropicRequest}) and the answer back the same way ({@link AnthropicToChatResponse} then
 * {@link ChatToGeminiResponse}; streams through {@link AnthropicToChatStream} then {@link ChatToGeminiStream}).
 * The model in the path is routed like any model name: {@code provider,model} goes there, others by the rules.
 */
final class GeminiEndpoint {
    static final String PREFIX = "/v1beta/";
    static final String MODELS = PREFIX + "models/";

    private final CurrentPipeline pipeline;

    GeminiEndpoint(CurrentPipeline pipeline) {
        this.pipeline = pipeline;
    }

    HttpHandler handler() {
        return exchange -> {
            String rest = exchange.getRequestPath().substring(MODELS.length());
            int colon = rest.lastIndexOf(':');
            String model = colon < 0 ? rest : rest.substring(0, colon);
            String method = colon < 0 ? "" : rest.substring(colon + 1);
            if (model.isEmpty() || !(method.equals("generateContent") || method.equals("streamGenerateContent")
                    || method.equals("countTokens"))) {
                throw ApiError.notFound("Use POST " + MODELS + "{model}:generateContent, :streamGenerateContent or "
                        + ":countTokens; " + exchange.getRequestPath() + " is none of them", null).exception();
            }
            MessagesPipeline pipeline = this.pipeline.forModelCall();
            ObjectNode body = InboundCall.readObject(exchange, pipeline.config().bodyLimitBytes());
            if (method.equals("countTokens")) {
                countTokens(exchange, pipeline, body, model);
                return;
            }
            boolean stream = method.equals("streamGenerateContent");
            Optional<ConvertingResponse.Framing> framing = !stream ? Optional.empty()
                    : Optional.of("sse".equals(first(exchange, "alt")) ? ConvertingResponse.Framing.SSE
                            : ConvertingResponse.Framing.JSON_ARRAY);
            InboundCall.forward(exchange, pipeline, InboundCall.convert(request -> new InboundCall.Conversion(
                    ChatToAnthropicRequest.convert(GeminiToChatRequest.convert(request, model, stream)), framing,
                    message -> ChatToGeminiResponse.convert(AnthropicToChatResponse.convert(message)),
                    new AnthropicToChatStream().andThen(new ChatToGeminiStream())), body));
        };
    }

    /** {@code :countTokens}: counted as {@code /v1/messages/count_tokens} counts, never sent upstream. */
    private static void countTokens(HttpServerExchange exchange, MessagesPipeline pipeline, ObjectNode body, String model) {
        ObjectNode request = body.path("generateContentRequest").isObject()
                ? (ObjectNode) body.get("generateContentRequest") : body;
        ObjectNode anthropic = InboundCall.convert(
                r -> ChatToAnthropicRequest.convert(GeminiToChatRequest.convert(r, model, false)), request);
        long tokens = pipeline.countTokens(InboundCall.converted(exchange, anthropic))
                .path("input_tokens").asLong();
        Responses.json(exchange, 200, WireJson.object().put("totalTokens", tokens));
    }

    private static String first(HttpServerExchange exchange, String parameter) {
        Deque<String> values = exchange.getQueryParameters().get(parameter);
        return values == null ? null : values.peekFirst();
    }
}
