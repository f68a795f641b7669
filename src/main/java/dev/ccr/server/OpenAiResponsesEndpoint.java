package dev.ccr.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.wire.anthropic.AnthropicToChatResponse;
import dev.ccr.wire.anthropic.AnthropicToChatStream;
import dev.ccr.wire.openai.ChatToAnthropicRequest;
import dev.ccr.wire.responses.ChatToResponsesResponse;
import dev.ccr.wire.responses.ChatToResponsesStream;
import dev.ccr.wire.responses.ResponsesToChatRequest;
import io.undertow.server.HttpHandler;

import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /v1/responses} for clients of OpenAI's Responses API (Codex, the OpenAI SDKs): the request goes through
 * chat form into Anthropic's ({@link ResponsesToChatRequest}, {@link ChatToAnthropicRequest}), and the answer back the
 * same way ({@link AnthropicToChatResponse} then {@link ChatToResponsesResponse}; streams through
 * {@link AnthropicToChatStream} then {@link ChatToResponsesStream}). Chat form is the hub every conversion already
 * speaks, so each dialect needs converters to and from it only.
 */
final class OpenAiResponsesEndpoint {
    static final String PATH = "/v1/responses";

    private final CurrentPipeline pipeline;
    private final Clock clock;

    OpenAiResponsesEndpoint(CurrentPipeline pipeline, Clock clock) {
        this.pipeline = pipeline;
        this.clock = clock;
    }

    HttpHandler handler() {
        return exchange -> {
            MessagesPipeline pipeline = this.pipeline.forModelCall();
            ObjectNode body = InboundCall.readObject(exchange, pipeline.config().bodyLimitBytes());
            long createdAt = clock.instant().getEpochSecond();
            InboundCall.forward(exchange, pipeline, InboundCall.convert(request -> conversion(request, createdAt), body));
        };
    }

    static InboundCall.Conversion conversion(ObjectNode request, long createdAt) {
        ObjectNode anthropic = ChatToAnthropicRequest.convert(ResponsesToChatRequest.convert(request));
        return new InboundCall.Conversion(anthropic,
                anthropic.path("stream").asBoolean() ? Optional.of(ConvertingResponse.Framing.SSE) : Optional.empty(),
                message -> ChatToResponsesResponse.convert(AnthropicToChatResponse.convert(message), createdAt),
                new AnthropicToChatStream().andThen(new ChatToResponsesStream(createdAt)));
    }
}
