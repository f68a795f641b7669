package dev.ccr.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.wire.anthropic.AnthropicToChatResponse;
import dev.ccr.wire.anthropic.AnthropicToChatStream;
import dev.ccr.wire.openai.ChatToAnthropicRequest;
import dev.ccr.wire.openai.UsageChunkLast;
import io.undertow.server.HttpHandler;

import java.util.Optional;

/**
 * {@code POST /v1/chat/completions} for OpenAI-dialect clients (the OpenAI SDKs, OpenCode): the request converted into
 * Anthropic's ({@link ChatToAnthropicRequest}), the answer back into a {@code chat.completion} or its chunks
 * ({@link AnthropicToChatResponse}, {@link AnthropicToChatStream}, with the usage in a last chunk of its own as
 * OpenAI sends it: {@link UsageChunkLast}).
 */
final class ChatCompletionsEndpoint {
    static final String PATH = "/v1/chat/completions";

    private final CurrentPipeline pipeline;

    ChatCompletionsEndpoint(CurrentPipeline pipeline) {
        this.pipeline = pipeline;
    }

    HttpHandler handler() {
        return exchange -> {
            MessagesPipeline pipeline = this.pipeline.forModelCall();
            ObjectNode body = InboundCall.readObject(exchange, pipeline.config().bodyLimitBytes());
            InboundCall.forward(exchange, pipeline, InboundCall.convert(ChatCompletionsEndpoint::conversion, body));
        };
    }

    static InboundCall.Conversion conversion(ObjectNode chat) {
        ObjectNode anthropic = ChatToAnthropicRequest.convert(chat);
        return new InboundCall.Conversion(anthropic,
                anthropic.path("stream").asBoolean() ? Optional.of(ConvertingResponse.Framing.SSE) : Optional.empty(),
                AnthropicToChatResponse::convert, new AnthropicToChatStream().andThen(new UsageChunkLast()));
    }
}
